import Foundation
import LogixCore
import WooCommerce

/// Turns WooCommerce orders into Logix orders for one integration. Pure: no I/O, no clock, so mapping the same
/// store data twice gives equal orders (which is what makes re-import a no-op: ARCHITECTURE.md,
/// "Idempotent import").
///
/// What each field becomes, and why where it is a choice:
/// - `externalID` = `id`; `number` = `number` (numbering plugins make it differ), `id` when empty.
/// - `storeStatus` = the store's status verbatim; `status` via ``StatusMapping``.
/// - `currency` = the order's own currency (multi-currency stores sell in several), checked to be ISO 4217.
/// - Money is copied exactly from the store's decimal strings, never through a float:
///   `total`; `subtotal` = the sum of the lines' `subtotal` (before coupons, without tax: WooCommerce's "items
///   subtotal"); `shippingTotal` = `shipping_total` and `discountTotal` = `discount_total` (both without tax);
///   `taxTotal` = `total_tax` (cart and shipping tax); `feeTotal` = the sum of the fee lines' `total` (a
///   negative fee is a discount and lowers it); `refundedTotal` = the sum of the order's refunds, as a positive
///   amount. For an ordinary order `total = subtotal − discountTotal + shippingTotal + feeTotal + taxTotal`;
///   the mapper does not enforce it, because the store's `total` is what was charged even when a plugin (gift
///   cards, say) breaks the sum.
/// - Fees and coupons are not lines: nothing to pick. They live in the totals.
/// - `customer`: name = billing first and last name (the payer; the shipping name when billing has none),
///   email = billing email, phone = billing phone (else shipping phone).
/// - Addresses are copied field by field. An empty shipping address (a virtual order, or an admin-made order
///   without one) stays empty rather than being filled from billing: Logix must not invent a delivery address,
///   and "no shipping address" is exactly what the store says.
/// - `shippingMethod` = the shipping lines' titles joined with ", ", `nil` when there are none.
/// - Lines: `sku` `nil` when null or empty (a deleted product, `product_id` 0, is kept with no SKU and no
///   product id); `externalProductID`/`externalVariationID` `nil` for 0; `unitPrice` = line `total` ÷
///   `quantity` in `Decimal` (see ``unitPrice(total:quantity:)``); `refundedQuantity` from the refunds passed in.
/// - `storeModifiedAt` = `date_modified_gmt` (required), `createdAt` = `date_created_gmt` (required),
///   `placedAt` = `date_created_gmt` too (the dashboard's figures read it), `updatedAt` = `storeModifiedAt` until
///   whoever stores the order sets it.
///
/// Checks run in this order: status policy first (a draft is skipped whatever its data), then the order's own
/// data, then lines, then refunds. The first problem found is the one reported.
public struct OrderMapper: Sendable, Hashable {
    /// The integration whose orders these are.
    public var integrationID: Int64
    /// The integration's status mapping and import filter.
    public var statusMapping: StatusMapping

    /// Digits kept after the point when a line total does not divide evenly by its quantity (64.12 ÷ 3).
    /// Eight keeps `unitPrice × quantity` within half a cent of the line total for quantities up to a
    /// million, while keeping the stored text readable.
    public static let unitPriceScale = 8

    public init(integrationID: Int64, statusMapping: StatusMapping = .default) {
        self.integrationID = integrationID
        self.statusMapping = statusMapping
    }

    /// Whether `order` has refunds, so per-line refunded quantities need its refund objects
    /// (`GET /orders/{id}/refunds`): the order itself lists only refund amounts.
    public static func needsRefundDetails(_ order: WooOrder) -> Bool {
        !order.refunds.isEmpty
    }

    /// Maps one store order.
    ///
    /// - Parameters:
    ///   - order: the order as the store sent it (a list page, `GET /orders/{id}`, or a webhook body).
    ///   - refunds: the order's refund objects, for per-line refunded quantities; `nil` when not fetched, in
    ///     which case every line's `refundedQuantity` is 0 (the refunded *amount* still comes from the order).
    ///     Only refunds the order itself lists are used, so a refund list fetched after the order cannot put
    ///     quantities into a version of the order that does not have them yet; the newer version will.
    ///   - alreadyImported: Logix holds the order already. Then a status outside the integration's import set
    ///     still maps (to the Logix status it names): the set chooses which orders *enter* Logix, and an order
    ///     that did must still learn that the store cancelled or refunded it. Likewise an order the store moved
    ///     to the `trash` (its `order.deleted` webhook) maps to `cancelled`, so it is not picked and its stock
    ///     is released — or, if picking started, it is flagged for a person like any late cancellation.
    /// - Returns: the Logix order, or why there is none.
    public func map(
        _ order: WooOrder, refunds: [WooRefund]? = nil, alreadyImported: Bool = false
    ) -> Result<LogixCore.Order, MappingFailure> {
        Result { () throws(MappingFailure) in
            try mapOrThrow(order, refunds: refunds, alreadyImported: alreadyImported)
        }
    }

    /// Maps a page of orders, each on its own: a failure is one element, never the whole page.
    ///
    /// - Parameter refunds: refund objects by order id, for the orders that have any.
    public func map(
        _ orders: [WooOrder],
        refunds: [Int: [WooRefund]] = [:]
    ) -> [Result<LogixCore.Order, MappingFailure>] {
        orders.map { map($0, refunds: refunds[$0.id]) }
    }

    private func mapOrThrow(
        _ order: WooOrder, refunds: [WooRefund]?, alreadyImported: Bool
    ) throws(MappingFailure) -> LogixCore.Order {
        func fail(_ reason: MappingFailure.Reason) -> MappingFailure {
            MappingFailure(orderID: order.id, reason: reason)
        }

        let status: OrderStatus
        switch statusMapping.inbound(order.status) {
        case .imported(let logix): status = logix
        case .neverImported where alreadyImported && order.status == .trash: status = .cancelled
        case .neverImported: throw fail(.statusNeverImported(order.status))
        case .notSelected(let logix) where alreadyImported: status = logix
        case .notSelected(let logix): throw fail(.statusNotImported(order.status, mappedTo: logix))
        case .unmapped: throw fail(.statusUnmapped(order.status))
        }

        guard order.id > 0 else { throw fail(.invalidOrderID(order.id)) }
        guard let modifiedAt = order.dateModified else { throw fail(.missingModifiedDate) }
        guard let createdAt = order.dateCreated else { throw fail(.missingCreatedDate) }
        guard Self.isCurrencyCode(order.currency) else { throw fail(.invalidCurrency(order.currency)) }
        guard !order.lineItems.isEmpty else { throw fail(.noLines) }

        var lineIDs: Set<Int> = []
        for item in order.lineItems {
            guard item.quantity > 0 else { throw fail(.invalidQuantity(lineID: item.id, quantity: item.quantity)) }
            guard lineIDs.insert(item.id).inserted else { throw fail(.duplicateLineID(item.id)) }
        }
        let refunded = try refundedQuantities(order: order, refunds: refunds ?? [], lineIDs: lineIDs)

        let lines = order.lineItems.map { item in
            OrderLine(
                externalLineID: Int64(item.id),
                sku: item.sku,
                name: item.name,
                quantity: item.quantity,
                unitPrice: Self.unitPrice(total: item.total.value, quantity: item.quantity),
                externalProductID: item.productID > 0 ? Int64(item.productID) : nil,
                externalVariationID: item.variationID > 0 ? Int64(item.variationID) : nil,
                refundedQuantity: refunded[item.id] ?? 0
            )
        }
        let shippingTitles = order.shippingLines.map(\.methodTitle).filter { !$0.isEmpty }

        return LogixCore.Order(
            integrationID: integrationID,
            externalID: Int64(order.id),
            number: order.number.isEmpty ? String(order.id) : order.number,
            status: status,
            storeStatus: order.status.rawValue,
            currency: order.currency,
            total: order.total.value,
            subtotal: order.lineItems.reduce(Decimal.zero) { $0 + $1.subtotal.value },
            shippingTotal: order.shippingTotal.value,
            taxTotal: order.totalTax.value,
            discountTotal: order.discountTotal.value,
            feeTotal: order.feeLines.reduce(Decimal.zero) { $0 + $1.total.value },
            refundedTotal: order.refundedTotal.value,
            customer: Self.customer(billing: order.billing, shipping: order.shipping),
            billingAddress: Self.address(order.billing),
            shippingAddress: Self.address(order.shipping),
            shippingMethod: shippingTitles.isEmpty ? nil : shippingTitles.joined(separator: ", "),
            lines: lines,
            customerNote: order.customerNote,
            storeModifiedAt: modifiedAt,
            createdAt: createdAt,
            updatedAt: modifiedAt,
            placedAt: createdAt
        )
    }

    /// Units refunded per order line id, from the refunds' lines: each carries a negative quantity and names
    /// the order line in its `_refunded_item_id` meta. A refund of money only (no lines, or a line refunded with
    /// quantity 0) refunds no units.
    private func refundedQuantities(
        order: WooOrder,
        refunds: [WooRefund],
        lineIDs: Set<Int>
    ) throws(MappingFailure) -> [Int: Int] {
        let listed = Set(order.refunds.map(\.id))
        var quantities: [Int: Int] = [:]
        for refund in refunds where listed.contains(refund.id) {
            for line in refund.lineItems {
                guard let itemID = line.meta("_refunded_item_id").flatMap(Self.integer) else {
                    throw MappingFailure(
                        orderID: order.id,
                        reason: .refundLineUnattributed(refundID: refund.id, refundLineID: line.id)
                    )
                }
                guard lineIDs.contains(itemID) else {
                    throw MappingFailure(
                        orderID: order.id,
                        reason: .refundedItemNotFound(refundID: refund.id, itemID: itemID)
                    )
                }
                // The magnitude: WooCommerce sends refund quantities negative, some plugins positive.
                quantities[itemID, default: 0] += Int(clamping: line.quantity.magnitude)
            }
        }
        return quantities
    }

    /// The price of one unit after discounts and before tax: the line `total` ÷ `quantity`, the same
    /// definition as WooCommerce's own `price` field.
    ///
    /// Computed here rather than read from `price`, because the store computes `price` with a PHP float and
    /// prints the float: a line of 3 × 24.90 = 74.70 comes with `"price": 24.900000000000002`. The totals are
    /// exact decimal strings, so dividing them in `Decimal` gives 24.9. A quotient that does not terminate
    /// (64.12 ÷ 3) is rounded half-up to ``unitPriceScale`` places.
    public static func unitPrice(total: Decimal, quantity: Int) -> Decimal {
        guard quantity > 1 else { return total }  // also the common case: no division at all
        if let exact = exactQuotient(total, quantity) { return exact }
        let count = Decimal(quantity)
        let quotient = total / count
        if quotient * count == total { return quotient }
        var value = quotient
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, unitPriceScale, .plain)
        return rounded
    }

    /// `total ÷ quantity` in integers when it terminates within ``unitPriceScale`` places — nearly always, and
    /// ~70× cheaper than `Decimal` division, which an import does for every line.
    static func exactQuotient(_ total: Decimal, _ quantity: Int) -> Decimal? {
        guard total.isFinite, quantity > 0 else { return nil }
        let significandDecimal = total.significand
        var significand = NSDecimalNumber(decimal: significandDecimal).int64Value
        // Only significands that fit an Int64 exactly take this path.
        guard significand >= 0, Decimal(significand) == significandDecimal else { return nil }
        let divisor = Int64(quantity)
        var exponent = total.exponent
        while true {
            if significand % divisor == 0 {
                return Decimal(sign: total.sign, exponent: exponent, significand: Decimal(significand / divisor))
            }
            guard exponent > -unitPriceScale, significand <= Int64.max / 10 else { return nil }
            significand *= 10
            exponent -= 1
        }
    }

    private static func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// WooCommerce stores `_refunded_item_id` as a string ("77"); read numbers too.
    private static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .int(let number): number
        case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    private static func customer(billing: WooAddress, shipping: WooAddress) -> Customer {
        let billingName = fullName(billing)
        return Customer(
            name: billingName.isEmpty ? fullName(shipping) : billingName,
            email: billing.email ?? "",
            phone: billing.phone.isEmpty ? shipping.phone : billing.phone
        )
    }

    private static func fullName(_ address: WooAddress) -> String {
        [address.firstName, address.lastName]
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Field by field. `email` stays `nil` where the store sends none (shipping addresses), as the store sent it.
    private static func address(_ address: WooAddress) -> PostalAddress {
        PostalAddress(
            firstName: address.firstName,
            lastName: address.lastName,
            company: address.company,
            address1: address.address1,
            address2: address.address2,
            city: address.city,
            state: address.state,
            postcode: address.postcode,
            country: address.country,
            phone: address.phone,
            email: address.email
        )
    }
}
