import Foundation

/// Makes orders as pure functions of (seed, id), so 100,000 orders cost no memory until asked for.
///
/// `summary(_:)` gives status and dates from a few hash draws (for filtering and sorting whole ranges
/// cheaply); `order(_:)` builds the full order and always agrees with its summary.
struct OrderGenerator: Sendable {
    /// What an order line can be bought as.
    struct Purchasable: Sendable {
        var productId: Int
        var variationId: Int
        var name: String
        var parentName: String?
        var price: Int
        var taxClass: String
        var attributeMeta: [(key: String, value: String, displayKey: String, displayValue: String)]
    }

    struct Summary: Sendable, Equatable {
        var status: String
        var dateCreated: Int64
        var dateModified: Int64
    }

    let seed: UInt64
    let count: Int
    let historyStart: Int64
    let historyEnd: Int64
    let purchasables: [Purchasable]
    let customers: [SimCustomer]

    init(seed: UInt64, count: Int, historyEnd: Int64, historyDays: Int, catalog: [SimProduct], customers: [SimCustomer])
    {
        self.seed = seed
        self.count = max(0, count)
        self.historyEnd = historyEnd
        self.historyStart = historyEnd - Int64(max(1, historyDays)) * 86_400
        self.customers = customers
        let byId = Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, $0) })
        self.purchasables = catalog.compactMap { product in
            switch product.kind {
            case .variable:
                return nil
            case .simple:
                return Purchasable(
                    productId: product.id, variationId: 0, name: product.name, parentName: nil,
                    price: product.price ?? 0, taxClass: product.taxClass, attributeMeta: [])
            case .variation:
                let parent = byId[product.parentId]
                let meta = product.attributes.map { attribute in
                    let option = attribute.options.first ?? ""
                    let value = attribute.slug.hasPrefix("pa_") ? option.lowercased() : option
                    return (key: attribute.slug, value: value, displayKey: attribute.name, displayValue: option)
                }
                return Purchasable(
                    productId: product.parentId, variationId: product.id,
                    name: "\(parent?.name ?? product.name) - \(product.attributeSummary)", parentName: parent?.name,
                    price: product.price ?? 0, taxClass: product.taxClass, attributeMeta: meta)
            }
        }
    }

    /// A line for a product that has since been deleted: no SKU, product id 0.
    static let deletedProduct = Purchasable(
        productId: 0, variationId: 0, name: "Moka Pot 6 Cups (discontinued)", parentName: nil, price: 3490,
        taxClass: "", attributeMeta: [])

    static let statusNames: [String: String] = [
        "pending": "Pending payment", "processing": "Processing", "on-hold": "On hold", "completed": "Completed",
        "cancelled": "Cancelled", "refunded": "Refunded", "failed": "Failed", "checkout-draft": "Draft",
        "trash": "Trash", "auto-draft": "Auto draft",
    ]

    // MARK: - Summary

    func summary(_ id: Int) -> Summary {
        var random = SimRandom(seed: self.seed, stream: SimStream.orderSummary, index: UInt64(id))
        let span = Double(self.historyEnd - self.historyStart)
        let step = span / Double(max(1, self.count))
        let base = self.historyStart + Int64(Double(id - 1) * step)
        let created = min(self.historyEnd, base + Int64(random.unit() * step))
        let roll = random.unit()
        let status: String
        switch roll {
        case ..<0.36: status = "completed"
        case ..<0.60: status = "processing"
        case ..<0.68: status = "pending"
        case ..<0.75: status = "on-hold"
        case ..<0.82: status = "cancelled"
        case ..<0.88: status = "refunded"
        case ..<0.95: status = "failed"
        case ..<0.97: status = "checkout-draft"
        default: status = "completed"
        }
        let mode = random.unit()
        let later: Int64
        switch status {
        case "completed":
            if mode < 0.2 {
                // A bulk "mark completed" run: many orders share one modified second.
                later = ((created + 86_400).floorDiv(3_600) + 1) * 3_600 - created
            } else {
                later = Int64(3_600 + random.int(0...(4 * 86_400)))
            }
        case "processing": later = mode < 0.5 ? 0 : Int64(random.int(1...600))
        case "cancelled": later = Int64(3_600 + random.int(0...(3 * 86_400)))
        case "refunded": later = Int64(86_400 + random.int(0...(9 * 86_400)))
        default: later = mode < 0.6 ? 0 : Int64(random.int(1...120))
        }
        return Summary(status: status, dateCreated: created, dateModified: min(self.historyEnd, created + later))
    }

    // MARK: - Full order

    func order(_ id: Int) -> SimOrder {
        let summary = self.summary(id)
        var random = SimRandom(seed: self.seed, stream: SimStream.orderBody, index: UInt64(id))
        let itemBase = id * 32

        // Who bought.
        var customerId = 0
        var billing: WooSimAddress
        if !self.customers.isEmpty, random.chance(0.7) {
            let customer = random.pick(self.customers)
            customerId = customer.id
            billing = customer.billing
        } else {
            let person = random.pick(AddressBook.people)
            billing = WooSimAddress(
                firstName: person.firstName, lastName: person.lastName, company: person.company,
                address1: person.address1, address2: person.address2, city: person.city, state: person.state,
                postcode: person.postcode, country: person.country,
                email: "\(person.emailLocal.replacingOccurrences(of: ".", with: "")).\(id)@example.test",
                phone: person.phone)
        }
        var shipping = billing
        shipping.email = nil
        shipping.phone = ""
        let shippingRoll = random.unit()
        if shippingRoll < 0.08 {
            shipping = WooSimAddress()
        } else if shippingRoll < 0.2 {
            let other = random.pick(AddressBook.people)
            shipping = WooSimAddress(
                firstName: other.firstName, lastName: other.lastName, company: other.company,
                address1: other.address1, address2: other.address2, city: other.city, state: other.state,
                postcode: other.postcode, country: other.country, email: nil, phone: "")
        }
        let taxCountry = shipping.country.isEmpty ? billing.country : shipping.country

        let payment = random.pick(OrderGenerator.paymentMethods)
        let isPaid = ["processing", "completed", "refunded"].contains(summary.status)
        var transactionId = ""
        if isPaid, payment.id == "stripe" {
            transactionId = "ch_" + random.hex(16)
        } else if isPaid, payment.id == "paypal" {
            transactionId = random.alphanumeric(17).uppercased()
        }
        let createdVia: String
        if summary.status == "checkout-draft" {
            createdVia = "store-api"
        } else {
            createdVia = random.pick(["checkout", "checkout", "checkout", "checkout", "rest-api", "admin"])
        }
        let customerNote = random.chance(0.2) ? random.pick(AddressBook.customerNotes) : ""

        // What they bought.
        let couponRoll = random.unit()
        let coupon: (code: String, type: String, nominal: Int, couponId: Int)? =
            couponRoll < 0.10
            ? ("summer10", "percent", 10, 106) : couponRoll < 0.14 ? ("welcome5", "fixed_cart", 5, 107) : nil
        let lineCount = random.pick([1, 1, 1, 2, 2, 2, 3, 3, 4, 5])
        let reduced = ["processing", "completed", "on-hold", "refunded"].contains(summary.status)
        var lines: [SimOrder.LineItem] = []
        for index in 0..<lineCount {
            let item =
                random.chance(0.03) || self.purchasables.isEmpty
                ? OrderGenerator.deletedProduct : random.pick(self.purchasables)
            let quantity = random.chance(0.05) ? random.int(5...10) : random.int(1...3)
            lines.append(
                OrderGenerator.makeLine(
                    id: itemBase + index + 1, item: item, quantity: quantity, country: taxCountry,
                    percentOff: coupon?.type == "percent" ? coupon!.nominal : 0, reducedStock: reduced))
        }
        var couponLines: [SimOrder.CouponLine] = []
        if let coupon {
            if coupon.type == "fixed_cart", let first = lines.indices.first(where: { lines[$0].subtotal >= 500 }) {
                lines[first] = OrderGenerator.discounted(lines[first], by: 500, country: taxCountry)
            }
            let discount = lines.reduce(0) { $0 + $1.subtotal - $1.total }
            let discountTax = lines.reduce(0) { $0 + $1.subtotalTax - $1.totalTax }
            if discount > 0 {
                couponLines.append(
                    SimOrder.CouponLine(
                        id: itemBase + 20, couponId: coupon.couponId, code: coupon.code, discountType: coupon.type,
                        nominalAmount: coupon.nominal, discount: discount, discountTax: discountTax,
                        metaId: itemBase * 8 + 20))
            }
        }
        let subtotal = lines.reduce(0) { $0 + $1.total }
        var shippingLines: [SimOrder.ShippingLine] = []
        if summary.status != "checkout-draft" || random.chance(0.5) {
            shippingLines.append(
                OrderGenerator.makeShipping(
                    id: itemBase + 16, country: taxCountry, subtotal: subtotal, pickup: random.chance(0.08)))
        }
        var fees: [SimOrder.FeeLine] = []
        if random.chance(0.06) {
            fees.append(
                OrderGenerator.makeFee(id: itemBase + 17, name: "Geschenkverpackung", total: 350, country: taxCountry))
        }
        if payment.id == "cod", random.chance(0.5) {
            fees.append(
                OrderGenerator.makeFee(id: itemBase + 18, name: "Cash on delivery fee", total: 200, country: taxCountry)
            )
        }
        if random.chance(0.04) {
            fees.append(
                SimOrder.FeeLine(
                    id: itemBase + 19, name: "Loyalty discount", taxStatus: "none", total: -500, totalTax: 0, taxes: [])
            )
        }

        var order = SimOrder(
            id: id, status: summary.status, dateCreated: summary.dateCreated, dateModified: summary.dateModified,
            datePaid: isPaid ? summary.dateCreated + Int64(random.int(0...30)) : nil,
            dateCompleted: summary.status == "completed" ? summary.dateModified : nil, customerId: customerId,
            orderKey: "wc_order_" + random.alphanumeric(13), billing: billing, shipping: shipping,
            paymentMethod: payment.id, paymentMethodTitle: payment.title, transactionId: transactionId,
            createdVia: createdVia, customerNote: customerNote,
            meta: [
                SimMeta(id: id * 4 + 1, key: "sales_channel", value: .string(random.pick(["web", "phone", "market"])))
            ],
            lineItems: lines, taxLines: [], shippingLines: shippingLines, feeLines: fees, couponLines: couponLines,
            refunds: [], stockReduced: reduced)
        if let datePaid = order.datePaid, datePaid > order.dateModified {
            order.datePaid = order.dateModified
        }
        order.rebuildTaxLines(firstItemId: itemBase + 24)

        // Refunds: all of a refunded order, sometimes one line of a completed one.
        let refundBase = 10_000_000 + id * 4
        if summary.status == "refunded" {
            order.refunds.append(
                SimOrder.Refund(
                    id: refundBase, reason: "Customer returned everything", amount: order.total,
                    date: summary.dateModified))
        } else if summary.status == "completed", random.chance(0.06), let line = order.lineItems.first {
            order.refunds.append(
                SimOrder.Refund(
                    id: refundBase, reason: "Damaged in transit", amount: line.total + line.totalTax,
                    date: summary.dateModified))
        }
        return order
    }

    static let paymentMethods: [(id: String, title: String)] = [
        ("bacs", "Direct bank transfer"), ("stripe", "Credit Card (Stripe)"), ("stripe", "Credit Card (Stripe)"),
        ("cod", "Cash on delivery"), ("cheque", "Check payments"), ("paypal", "PayPal"),
    ]

    // MARK: - Building blocks shared with runtime orders

    static func makeLine(
        id: Int, item: Purchasable, quantity: Int, country: String, percentOff: Int, reducedStock: Bool
    ) -> SimOrder.LineItem {
        let subtotal = item.price * quantity
        let total = subtotal - (subtotal * percentOff + 50) / 100
        let rate = TaxRate.rate(country: country, taxClass: item.taxClass)
        let subtotalTax = rate?.tax(on: subtotal) ?? 0
        let totalTax = rate?.tax(on: total) ?? 0
        var meta: [SimOrder.ItemMeta] = item.attributeMeta.enumerated().map { index, attribute in
            SimOrder.ItemMeta(
                id: id * 8 + index, key: attribute.key, value: attribute.value, displayKey: attribute.displayKey,
                displayValue: attribute.displayValue)
        }
        if reducedStock, item.productId != 0 {
            meta.append(
                SimOrder.ItemMeta(
                    id: id * 8 + 7, key: "_reduced_stock", value: String(quantity), displayKey: "_reduced_stock",
                    displayValue: String(quantity)))
        }
        return SimOrder.LineItem(
            id: id, name: item.name, productId: item.productId, variationId: item.variationId, quantity: quantity,
            taxClass: item.taxClass, subtotal: subtotal, subtotalTax: subtotalTax, total: total, totalTax: totalTax,
            taxes: rate.map { [SimOrder.TaxShare(rateId: $0.id, total: totalTax, subtotal: subtotalTax)] } ?? [],
            meta: meta, parentName: item.parentName)
    }

    static func discounted(_ line: SimOrder.LineItem, by cents: Int, country: String) -> SimOrder.LineItem {
        var line = line
        line.total = max(0, line.total - cents)
        if let rate = TaxRate.rate(country: country, taxClass: line.taxClass) {
            line.totalTax = rate.tax(on: line.total)
            line.taxes = [SimOrder.TaxShare(rateId: rate.id, total: line.totalTax, subtotal: line.subtotalTax)]
        }
        return line
    }

    static func makeShipping(id: Int, country: String, subtotal: Int, pickup: Bool) -> SimOrder.ShippingLine {
        let method: (title: String, id: String, instance: String, total: Int)
        let eu = ["AT", "NL", "FR", "ES", "PL", "DK"]
        if country == "DE" {
            if pickup {
                method = ("Pickup in Berlin", "local_pickup", "3", 0)
            } else if subtotal >= 5000 {
                method = ("Free shipping", "free_shipping", "2", 0)
            } else {
                method = ("DHL Paket", "flat_rate", "1", 490)
            }
        } else if eu.contains(country) {
            method = ("EU Standard", "flat_rate", "4", 990)
        } else {
            method = ("International", "flat_rate", "5", 1990)
        }
        let rate = method.total > 0 ? TaxRate.rate(country: country, taxClass: "") : nil
        let tax = rate?.tax(on: method.total) ?? 0
        return SimOrder.ShippingLine(
            id: id, methodTitle: method.title, methodId: method.id, instanceId: method.instance, total: method.total,
            totalTax: tax, taxes: rate.map { [SimOrder.TaxShare(rateId: $0.id, total: tax, subtotal: nil)] } ?? [])
    }

    static func makeFee(id: Int, name: String, total: Int, country: String) -> SimOrder.FeeLine {
        let rate = TaxRate.rate(country: country, taxClass: "")
        let tax = rate?.tax(on: total) ?? 0
        return SimOrder.FeeLine(
            id: id, name: name, taxStatus: "taxable", total: total, totalTax: tax,
            taxes: rate.map { [SimOrder.TaxShare(rateId: $0.id, total: tax, subtotal: nil)] } ?? [])
    }

    /// The notes WooCommerce would have written while the order reached its status (pure, like the order).
    func notes(for order: SimOrder) -> [SimOrderNote] {
        let base = 20_000_000 + order.id * 8
        var notes: [SimOrderNote] = []
        func add(_ text: String, _ date: Int64, customer: Bool = false) {
            notes.append(
                SimOrderNote(
                    id: base + notes.count, author: "WooCommerce", date: date, note: text, isCustomerNote: customer))
        }
        let name = OrderGenerator.statusNames
        switch order.status {
        case "pending", "checkout-draft":
            break
        case "processing", "on-hold", "failed":
            add("Order status changed from Pending payment to \(name[order.status]!).", order.dateCreated)
        case "cancelled":
            add("Order status changed from Pending payment to Cancelled.", order.dateModified)
        case "completed":
            add("Order status changed from Pending payment to Processing.", order.dateCreated)
            add("Order status changed from Processing to Completed.", order.dateModified)
            add("Your order has shipped.", order.dateModified, customer: true)
        case "refunded":
            add("Order status changed from Pending payment to Processing.", order.dateCreated)
            add("Order status changed from Processing to Refunded.", order.dateModified)
        default:
            break
        }
        return notes
    }
}

/// An order note (`/orders/{id}/notes`).
struct SimOrderNote: Sendable, Equatable, Codable {
    var id: Int
    var author: String
    var date: Int64
    var note: String
    var isCustomerNote: Bool
}
