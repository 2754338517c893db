import Foundation

/// Fills a new store from the seed: locations, products with variants and stock, customers, and a history of
/// orders — some shipped, some partly, some cancelled or refunded, some test orders — with their fulfillment
/// orders and fulfillments.
struct ShopGenerator {
    static let firstNames = [
        "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Lena", "Marc",
    ]
    static let lastNames = [
        "Schmidt", "Müller", "Smith", "O'Brien", "Rossi", "Nowak", "Dubois", "Jensen", "García", "Weber",
    ]
    static let cities: [(String, String?, String?, String, String, String)] = [
        ("Berlin", "Berlin", "BE", "10115", "Germany", "DE"), ("Hamburg", "Hamburg", "HH", "20095", "Germany", "DE"),
        ("New York", "New York", "NY", "10001", "United States", "US"),
        ("Austin", "Texas", "TX", "73301", "United States", "US"),
        ("London", nil, nil, "EC1A 1BB", "United Kingdom", "GB"),
        ("Wien", nil, nil, "1010", "Austria", "AT"),
    ]
    static let productNames = [
        "Canvas Tote", "Trail Runner", "Espresso Cup", "Wool Beanie", "Desk Lamp", "Notebook A5", "Water Bottle",
        "Yoga Mat", "Travel Adapter", "Linen Shirt", "Rain Jacket", "Phone Case", "Coffee Beans 1kg", "Tea Sampler",
    ]
    static let prices: [Decimal] = [
        Decimal(string: "29.99")!, Decimal(string: "679.0")!, Decimal(string: "15.5")!, Decimal(string: "9.95")!,
        Decimal(string: "120")!, Decimal(string: "4.2")!, Decimal(string: "64.99")!, Decimal(string: "0.99")!,
    ]

    let configuration: ShopifySimConfiguration
    let state: ShopState

    func generate() {
        var random = SeededRandom(seed: self.configuration.seed, stream: 1)
        let names = ["Berlin Warehouse", "Hamburg Store", "Leipzig Outlet", "Munich Depot", "Cologne Hub"]
        for index in 0..<max(1, self.configuration.locationCount) {
            let inactive = self.configuration.locationCount >= 3 && index == self.configuration.locationCount - 1
            self.state.locations.append(
                ShopLocation(
                    id: self.state.nextId("Location"),
                    name: index < names.count ? names[index] : "Location \(index + 1)",
                    isActive: !inactive))
        }
        let active = self.state.locations.filter(\.isActive)
        for index in 0..<max(1, self.configuration.productCount) {
            let title =
                ShopGenerator.productNames[index % ShopGenerator.productNames.count]
                + (index >= ShopGenerator.productNames.count ? " \(index / ShopGenerator.productNames.count + 1)" : "")
            let productId = self.state.nextId("Product")
            let sizes = index % 3 == 0 ? ["S", "M", "L"] : (index % 3 == 1 ? ["Default Title"] : ["Red", "Blue"])
            var variantIds: [Int64] = []
            let price = random.pick(ShopGenerator.prices)
            for (position, size) in sizes.enumerated() {
                let variantId = self.state.nextId("ProductVariant")
                let itemId = self.state.nextId("InventoryItem")
                var sku: String? = "SKU-\(1000 + index)" + (sizes.count > 1 ? "-\(size.prefix(1).uppercased())" : "")
                // Shopify's SKUs may be blank or repeat: one of each in every catalogue.
                if index == 4, position == 0 { sku = nil }
                if index == 5, position == 0 { sku = "SKU-1000-S" }
                let home = active[(index % 4 == 3 && active.count > 1) ? 1 : 0].id
                let variant = ShopVariant(
                    id: variantId, productId: productId, sku: sku, title: size, price: price, inventoryItemId: itemId,
                    tracked: index != 6, homeLocationId: home)
                self.state.variants[variantId] = variant
                self.state.variantOrder.append(variantId)
                self.state.variantByItem[itemId] = variantId
                variantIds.append(variantId)
                // Stocked at the active locations, not at the inactive one.
                for location in active {
                    self.state.levels[LevelKey(itemId: itemId, locationId: location.id)] = [
                        "available": random.int(0...80), "committed": 0, "incoming": random.int(0...5),
                    ]
                }
            }
            self.state.products[productId] = ShopProduct(
                id: productId, title: title, handle: title.lowercased().replacingOccurrences(of: " ", with: "-"),
                variantIds: variantIds)
            self.state.productOrder.append(productId)
        }
        let customers = (0..<12).map { index in
            ShopCustomer(
                id: self.state.nextId("Customer"), firstName: ShopGenerator.firstNames[index % 12],
                lastName: ShopGenerator.lastNames[index % 10],
                email: "\(ShopGenerator.firstNames[index % 12].lowercased()).\(index)@example.com")
        }
        let end =
            self.configuration.referenceDate.map { Int64($0.timeIntervalSince1970) * 1000 }
            ?? (self.state.now.floorDivided(by: 86_400_000) * 86_400_000)
        let span = Int64(max(1, self.configuration.historyDays)) * 86_400_000
        let count = self.configuration.orderCount
        for index in 0..<count {
            let created = end - span + span * Int64(index) / Int64(max(1, count)) + Int64(random.int(0...3_600_000))
            var order = self.makeOrder(
                number: 1001 + index, createdAt: min(created, end - 1000), customer: random.pick(customers),
                random: &random)
            order.test = index % 20 == 7
            order.updatedAt = min(end - 1000, order.createdAt + Int64(random.int(0...172_800_000)))
            order.fulfillmentOrdersDueAt = order.createdAt
            self.state.orders[order.id] = order
            self.state.materializeFulfillmentOrders(order.id)
            let roll = random.int(0...99)
            if roll < 5 {
                self.cancel(order.id, at: order.updatedAt, reason: random.pick(["CUSTOMER", "FRAUD", "INVENTORY"]))
            } else if roll < 55 {
                self.ship(order.id, fraction: 1, at: order.updatedAt)
            } else if roll < 65 {
                self.ship(order.id, fraction: 0.5, at: order.updatedAt)
            } else if roll < 70, var refunded = self.state.orders[order.id] {
                // A partial refund: one unit of the first line is gone from currentQuantity.
                if refunded.lineItems[0].currentQuantity > 0 {
                    refunded.lineItems[0].currentQuantity -= 1
                    refunded.financialStatus = "PARTIALLY_REFUNDED"
                    self.state.orders[order.id] = refunded
                }
            }
        }
    }

    func makeOrder(number: Int, createdAt: Int64, customer: ShopCustomer?, random: inout SeededRandom) -> ShopOrder {
        var lines: [ShopLineItem] = []
        for _ in 0..<random.int(1...4) {
            let variant = self.state.variants[random.pick(self.state.variantOrder)]!
            guard !lines.contains(where: { $0.variantId == variant.id }) else { continue }
            let product = self.state.products[variant.productId]!
            let quantity = random.int(1...3)
            lines.append(
                ShopLineItem(
                    id: self.state.nextId("LineItem"), variantId: variant.id, productId: product.id, sku: variant.sku,
                    title: product.title, variantTitle: variant.title == "Default Title" ? "" : variant.title,
                    quantity: quantity, currentQuantity: quantity, price: variant.price))
        }
        let city = random.pick(ShopGenerator.cities)
        let first = customer?.firstName ?? random.pick(ShopGenerator.firstNames)
        let last = customer?.lastName ?? random.pick(ShopGenerator.lastNames)
        let address = ShopAddress(
            firstName: first, lastName: last, company: random.chance(0.2) ? "Acme GmbH" : nil,
            address1: "\(random.int(1...200)) Main Street",
            address2: random.chance(0.3) ? "Apt \(random.int(1...40))" : nil,
            city: city.0, province: city.1, provinceCode: city.2, zip: city.3, country: city.4, countryCode: city.5,
            phone: random.chance(0.5) ? "+49 30 \(random.int(1_000_000...9_999_999))" : nil)
        let financial = random.pick(["PAID", "PAID", "PAID", "PAID", "PAID", "PENDING", "AUTHORIZED"])
        let shipping = ShopShippingLine(
            id: self.state.nextId("ShippingLine"), title: random.pick(["Standard", "Express"]),
            code: random.pick(["STANDARD", "EXPRESS"]),
            price: random.pick([Decimal(string: "4.9")!, Decimal(0), Decimal(string: "12.5")!]))
        return ShopOrder(
            id: self.state.nextId("Order"), number: number, createdAt: createdAt, updatedAt: createdAt, test: false,
            email: customer?.email, phone: address.phone, note: random.chance(0.2) ? "Leave at the door" : nil,
            tags: random.chance(0.3) ? ["wholesale", "priority"] : [], financialStatus: financial,
            currency: self.state.currency, customer: customer, shippingAddress: address, billingAddress: address,
            lineItems: lines, shippingLines: [shipping])
    }

    /// Ships `fraction` of every open fulfillment order line (rounded up) in one fulfillment per FO.
    func ship(_ orderId: Int64, fraction: Double, at time: Int64) {
        guard let order = self.state.orders[orderId] else { return }
        for foId in order.fulfillmentOrderIds {
            guard let fulfillmentOrder = self.state.fulfillmentOrders[foId] else { continue }
            let lines = fulfillmentOrder.lines.map {
                ($0.id, Int((Double($0.remainingQuantity) * fraction).rounded(.up)))
            }
            _ = FulfillmentWriter(state: self.state).fulfill(
                [(fulfillmentOrder, lines)],
                tracking: [ShopTrackingInfo(company: "DHL", number: "JJD\(orderId % 1_000_000_000)", url: nil)],
                at: time, emitting: false)
        }
    }

    func cancel(_ orderId: Int64, at time: Int64, reason: String) {
        guard var order = self.state.orders[orderId] else { return }
        order.cancelledAt = time
        order.closedAt = time
        order.cancelReason = reason
        order.financialStatus = order.financialStatus == "PAID" ? "REFUNDED" : "VOIDED"
        order.updatedAt = time
        for foId in order.fulfillmentOrderIds {
            self.state.fulfillmentOrders[foId]?.status = "CLOSED"
            self.state.fulfillmentOrders[foId]?.updatedAt = time
        }
        self.state.orders[orderId] = order
    }
}
