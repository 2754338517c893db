import Foundation
import LogixCore
import Shopify
import WooCommerce

/// Turns a Shopify order (as the Admin GraphQL API returns it) into a Logix order, or says why not.
///
/// Ids are the numeric part of Shopify's gids (`gid://shopify/Order/5512345678901` → 5512345678901), the
/// same number a webhook body's `id` carries; the version is `updatedAt`. A line's `quantity` counts units
/// refunded or removed by an edit, and `currentQuantity` does not: the difference is the line's refunded
/// quantity, so a partly refunded line ships only what is left.
public struct ShopifyOrderMapper: Sendable {
    public let integrationID: Int64
    public let statusMapping: ShopifyStatusMapping
    /// Whether orders the store marks `test` are imported (off by default: they look real, but nothing ships).
    public let importsTestOrders: Bool
    /// The store statuses whose orders are imported; `nil` for all.
    public let importedStatuses: Set<String>?

    public init(
        integrationID: Int64, statusMapping: ShopifyStatusMapping = .default, importsTestOrders: Bool = false,
        importedStatuses: Set<String>? = nil
    ) {
        self.integrationID = integrationID
        self.statusMapping = statusMapping
        self.importsTestOrders = importsTestOrders
        self.importedStatuses = importedStatuses
    }

    /// The mapper an integration's settings make.
    public init(integrationID: Int64, settings: ChannelSettings) {
        self.init(
            integrationID: integrationID, statusMapping: ShopifyStatusMapping(overrides: settings.statusOverrides),
            importsTestOrders: settings.importsTestOrders, importedStatuses: settings.importedStatuses)
    }

    /// The Logix order, or the reason the order is skipped or failed.
    ///
    /// - Parameter alreadyImported: Logix holds the order already, so a test order it holds (imported while
    ///   test orders were) still learns what becomes of it.
    public func map(_ order: ShopifyOrder, alreadyImported: Bool = false) -> Result<Order, MappingFailure> {
        Result { () throws(MappingFailure) in try mapOrThrow(order, alreadyImported: alreadyImported) }
    }

    private func mapOrThrow(_ order: ShopifyOrder, alreadyImported: Bool) throws(MappingFailure) -> Order {
        let orderID = Int(clamping: order.legacyID)
        func fail(_ reason: MappingFailure.Reason) -> MappingFailure {
            MappingFailure(orderID: orderID, reason: reason)
        }
        guard order.legacyID > 0 else { throw fail(.invalidOrderID(orderID)) }
        if order.test, !importsTestOrders, !alreadyImported { throw fail(.testOrder) }
        let storeStatus = ShopifyStatusMapping.storeStatus(of: order)
        let status = statusMapping.logixStatus(for: storeStatus)
        if let importedStatuses, !importedStatuses.contains(storeStatus), !alreadyImported {
            throw fail(.statusNotImported(WooOrderStatus(rawValue: storeStatus), mappedTo: status))
        }
        guard order.currencyCode.count == 3, order.currencyCode.allSatisfy(\.isUppercase) else {
            throw fail(.invalidCurrency(order.currencyCode))
        }
        guard !order.lineItems.isEmpty else { throw fail(.noLines) }

        var lineIDs: Set<Int64> = []
        var lines: [OrderLine] = []
        for item in order.lineItems {
            let lineID = item.id.legacyID
            guard item.quantity > 0, item.currentQuantity >= 0, item.currentQuantity <= item.quantity else {
                throw fail(.invalidQuantity(lineID: Int(clamping: lineID), quantity: item.quantity))
            }
            guard lineIDs.insert(lineID).inserted else { throw fail(.duplicateLineID(Int(clamping: lineID))) }
            lines.append(
                OrderLine(
                    externalLineID: lineID, sku: item.effectiveSKU, name: item.name, quantity: item.quantity,
                    unitPrice: item.unitPrice ?? 0, externalProductID: item.productID?.legacyID,
                    externalVariationID: item.variantID?.legacyID,
                    refundedQuantity: item.quantity - item.currentQuantity))
        }
        let shippingTitles = order.shippingLines.map(\.title).filter { !$0.isEmpty }
        let shipping = Self.address(order.shippingAddress)
        return Order(
            integrationID: integrationID,
            externalID: order.legacyID,
            number: order.name.isEmpty ? String(order.legacyID) : order.name,
            status: status,
            storeStatus: storeStatus,
            currency: order.currencyCode,
            total: order.totalPrice,
            subtotal: lines.reduce(Decimal.zero) { $0 + $1.unitPrice * Decimal($1.quantity) },
            shippingTotal: order.shippingLines.reduce(Decimal.zero) { $0 + ($1.price ?? 0) },
            customer: Customer(
                name: Self.customerName(order) ?? shipping.fullName, email: order.email ?? "",
                phone: order.phone ?? order.shippingAddress?.phone ?? ""),
            shippingAddress: shipping,
            shippingMethod: shippingTitles.isEmpty ? nil : shippingTitles.joined(separator: ", "),
            lines: lines,
            customerNote: order.note ?? "",
            storeModifiedAt: order.updatedAt,
            createdAt: order.createdAt,
            updatedAt: order.updatedAt,
            placedAt: order.createdAt)
    }

    private static func customerName(_ order: ShopifyOrder) -> String? {
        let parts = [order.customer?.firstName, order.customer?.lastName].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Shopify's address names the recipient in one `name`; Logix keeps a first and a last name, so the last
    /// word is the last name ("Ada King Lovelace" → "Ada King", "Lovelace").
    static func address(_ address: ShopifyAddress?) -> PostalAddress {
        guard let address else { return PostalAddress() }
        let name = (address.name ?? "").trimmingCharacters(in: .whitespaces)
        let split = name.lastIndex(of: " ")
        return PostalAddress(
            firstName: split.map { String(name[..<$0]) } ?? name,
            lastName: split.map { String(name[name.index(after: $0)...]) } ?? "",
            company: address.company ?? "", address1: address.address1 ?? "", address2: address.address2 ?? "",
            city: address.city ?? "", state: address.provinceCode ?? address.province ?? "",
            postcode: address.zip ?? "",
            country: address.countryCodeV2 ?? address.country ?? "", phone: address.phone ?? "")
    }
}

extension PostalAddress {
    /// First and last name, as a person would write them.
    fileprivate var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
