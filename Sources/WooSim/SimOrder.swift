/// An order as the store holds it. Money is in cents; dates are UTC Unix seconds.
///
/// Generated orders are never stored: `OrderGenerator` recreates one from (seed, id) whenever it is
/// needed. Only orders created or edited at runtime live in `SimStore`'s overlay.
struct SimOrder: Sendable, Equatable, Codable {
    struct TaxShare: Sendable, Equatable, Codable {
        var rateId: Int
        var total: Int
        var subtotal: Int?
    }

    struct ItemMeta: Sendable, Equatable, Codable {
        var id: Int
        var key: String
        var value: String
        var displayKey: String
        var displayValue: String
    }

    struct LineItem: Sendable, Equatable, Codable {
        var id: Int
        var name: String
        /// 0 when the product no longer exists.
        var productId: Int
        var variationId: Int
        var quantity: Int
        var taxClass: String
        var subtotal: Int
        var subtotalTax: Int
        var total: Int
        var totalTax: Int
        var taxes: [TaxShare]
        var meta: [ItemMeta]
        var parentName: String?
    }

    struct TaxLine: Sendable, Equatable, Codable {
        var id: Int
        var rate: TaxRate
        var taxTotal: Int
        var shippingTaxTotal: Int
    }

    struct ShippingLine: Sendable, Equatable, Codable {
        var id: Int
        var methodTitle: String
        var methodId: String
        var instanceId: String
        var total: Int
        var totalTax: Int
        var taxes: [TaxShare]
    }

    struct FeeLine: Sendable, Equatable, Codable {
        var id: Int
        var name: String
        var taxStatus: String
        var total: Int
        var totalTax: Int
        var taxes: [TaxShare]
    }

    struct CouponLine: Sendable, Equatable, Codable {
        var id: Int
        var couponId: Int
        var code: String
        var discountType: String
        var nominalAmount: Int
        var discount: Int
        var discountTax: Int
        var metaId: Int
    }

    struct Refund: Sendable, Equatable, Codable {
        var id: Int
        var reason: String
        /// Positive; the order shows it negated.
        var amount: Int
        var date: Int64
        /// The refunded lines as `GET orders/{id}/refunds` shows them: negative quantities and totals, each
        /// naming the order line in its `_refunded_item_id` meta. Empty for a refund of money only.
        var lines: [LineItem] = []
    }

    var id: Int
    var status: String
    var dateCreated: Int64
    var dateModified: Int64
    var datePaid: Int64?
    var dateCompleted: Int64?
    var customerId: Int
    var orderKey: String
    var billing: WooSimAddress
    var shipping: WooSimAddress
    var paymentMethod: String
    var paymentMethodTitle: String
    var transactionId: String
    var createdVia: String
    var customerNote: String
    var customerIPAddress: String = ""
    var customerUserAgent: String = ""
    var meta: [SimMeta]
    var lineItems: [LineItem]
    var taxLines: [TaxLine]
    var shippingLines: [ShippingLine]
    var feeLines: [FeeLine]
    var couponLines: [CouponLine]
    var refunds: [Refund]
    /// Whether line stock was reduced (`_reduced_stock` on lines), so cancelling can restore it.
    var stockReduced: Bool

    var discountTotal: Int { self.couponLines.reduce(0) { $0 + $1.discount } }
    var discountTax: Int { self.couponLines.reduce(0) { $0 + $1.discountTax } }
    var shippingTotal: Int { self.shippingLines.reduce(0) { $0 + $1.total } }
    var shippingTax: Int { self.shippingLines.reduce(0) { $0 + $1.totalTax } }
    var cartTax: Int {
        self.lineItems.reduce(0) { $0 + $1.totalTax } + self.feeLines.reduce(0) { $0 + $1.totalTax }
    }
    var totalTax: Int { self.cartTax + self.shippingTax }
    var total: Int {
        self.lineItems.reduce(0) { $0 + $1.total } + self.feeLines.reduce(0) { $0 + $1.total } + self.shippingTotal
            + self.totalTax
    }

    var isEditable: Bool { ["pending", "on-hold", "auto-draft", "checkout-draft"].contains(self.status) }
    var needsPayment: Bool { ["pending", "failed"].contains(self.status) && self.total > 0 }

    /// Recomputes tax lines from the line, fee and shipping taxes (after lines were added).
    mutating func rebuildTaxLines(firstItemId: Int) {
        var totals: [Int: (rate: TaxRate, items: Int, shipping: Int)] = [:]
        var rates: [Int: TaxRate] = [:]
        for line in self.taxLines { rates[line.rate.id] = line.rate }
        for line in self.lineItems {
            for share in line.taxes {
                guard let rate = rates[share.rateId] ?? TaxRate.byId[share.rateId] else { continue }
                totals[rate.id, default: (rate, 0, 0)].items += share.total
            }
        }
        for fee in self.feeLines {
            for share in fee.taxes {
                guard let rate = rates[share.rateId] ?? TaxRate.byId[share.rateId] else { continue }
                totals[rate.id, default: (rate, 0, 0)].items += share.total
            }
        }
        for shipping in self.shippingLines {
            for share in shipping.taxes {
                guard let rate = rates[share.rateId] ?? TaxRate.byId[share.rateId] else { continue }
                totals[rate.id, default: (rate, 0, 0)].shipping += share.total
            }
        }
        var nextId = firstItemId
        var existingIds: [Int: Int] = [:]
        for line in self.taxLines { existingIds[line.rate.id] = line.id }
        self.taxLines = totals.keys.sorted().map { rateId in
            let entry = totals[rateId]!
            let id = existingIds[rateId] ?? nextId
            if existingIds[rateId] == nil { nextId += 1 }
            return TaxLine(id: id, rate: entry.rate, taxTotal: entry.items, shippingTaxTotal: entry.shipping)
        }
    }
}

/// A tax rate of the simulated store (EU VAT for a few countries, none elsewhere).
struct TaxRate: Sendable, Equatable, Codable {
    var id: Int
    var country: String
    var code: String
    var label: String
    var percent: Int
    var reduced: Bool

    static let all: [TaxRate] = [
        TaxRate(id: 1, country: "DE", code: "DE-MWST.-1", label: "MwSt.", percent: 19, reduced: false),
        TaxRate(id: 2, country: "DE", code: "DE-MWST. ERMäßIGT-1", label: "MwSt. ermäßigt", percent: 7, reduced: true),
        TaxRate(id: 3, country: "AT", code: "AT-UST.-1", label: "USt.", percent: 20, reduced: false),
        TaxRate(id: 4, country: "AT", code: "AT-UST. ERM.-1", label: "USt. ermäßigt", percent: 10, reduced: true),
        TaxRate(id: 5, country: "NL", code: "NL-BTW-1", label: "BTW", percent: 21, reduced: false),
        TaxRate(id: 6, country: "NL", code: "NL-BTW LAAG-1", label: "BTW laag", percent: 9, reduced: true),
        TaxRate(id: 7, country: "FR", code: "FR-TVA-1", label: "TVA", percent: 20, reduced: false),
        TaxRate(id: 8, country: "FR", code: "FR-TVA RÉDUITE-1", label: "TVA réduite", percent: 5, reduced: true),
    ]

    static let byId: [Int: TaxRate] = Dictionary(uniqueKeysWithValues: TaxRate.all.map { ($0.id, $0) })

    /// The rate for a country and product tax class, if the store charges tax there.
    static func rate(country: String, taxClass: String) -> TaxRate? {
        let reduced = taxClass == "reduced-rate"
        return TaxRate.all.first { $0.country == country && $0.reduced == reduced }
    }

    func tax(on cents: Int) -> Int {
        (cents * self.percent + 50) / 100
    }
}
