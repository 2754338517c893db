import Foundation
import LogixCore
import SQLKit

/// The `orders` table's columns, and the conversion to and from ``LogixCore/Order``.
struct OrderRow: Decodable {
    var id: Int64
    var integrationID: Int64
    var externalID: Int64
    var number: String
    var status: String
    var storeStatus: String
    var currency: String
    var total: String
    var subtotal: String
    var shippingTotal: String
    var taxTotal: String
    var discountTotal: String
    var feeTotal: String
    var refundedTotal: String
    var customerName: String
    var customerEmail: String
    var customerPhone: String
    var billingAddress: String
    var shippingAddress: String
    var shippingMethod: String?
    var customerNote: String
    var review: String?
    var storeModifiedAt: Int64
    var createdAt: Int64
    var updatedAt: Int64
    var placedAt: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case integrationID = "integration_id"
        case externalID = "external_id"
        case number, status
        case storeStatus = "store_status"
        case currency, total, subtotal
        case shippingTotal = "shipping_total"
        case taxTotal = "tax_total"
        case discountTotal = "discount_total"
        case feeTotal = "fee_total"
        case refundedTotal = "refunded_total"
        case customerName = "customer_name"
        case customerEmail = "customer_email"
        case customerPhone = "customer_phone"
        case billingAddress = "billing_address"
        case shippingAddress = "shipping_address"
        case shippingMethod = "shipping_method"
        case customerNote = "customer_note"
        case review
        case storeModifiedAt = "store_modified_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case placedAt = "placed_at"
    }

    static let columns: [String] = CodingKeys.allCases.map(\.rawValue)
    /// Every column but `id`.
    static let writableColumns: [String] = columns.filter { $0 != "id" }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    /// The values of ``writableColumns`` for `order`, in that order.
    static func values(of order: Order) throws -> [SQLValue] {
        func json<T: Encodable>(_ value: T) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        func amount(_ value: Decimal) -> SQLValue { .text(DecimalText.string(value)) }
        return [
            .integer(order.integrationID), .integer(order.externalID), .text(order.number),
            .text(order.status.rawValue), .text(order.storeStatus), .text(order.currency), amount(order.total),
            amount(order.subtotal), amount(order.shippingTotal), amount(order.taxTotal), amount(order.discountTotal),
            amount(order.feeTotal), amount(order.refundedTotal), .text(order.customer.name),
            .text(order.customer.email), .text(order.customer.phone), .text(order.billingAddress.storedJSON),
            .text(order.shippingAddress.storedJSON), .text(order.shippingMethod), .text(order.customerNote),
            .text(try order.review.map { try json($0) }), .integer(order.storeModifiedAt.unixSeconds),
            .integer(order.createdAt.unixSeconds), .integer(order.updatedAt.unixSeconds),
            .integer(order.placedAt?.unixSeconds),
        ]
    }

    func order(lines: [OrderLine]) throws -> Order {
        guard let status = OrderStatus(rawValue: status) else {
            throw StorageError(.query, "order \(id) has an unknown status \(status)")
        }
        return Order(
            id: id, integrationID: integrationID, externalID: externalID, number: number, status: status,
            storeStatus: storeStatus, currency: currency, total: try DecimalText.decimal(total),
            subtotal: try DecimalText.decimal(subtotal), shippingTotal: try DecimalText.decimal(shippingTotal),
            taxTotal: try DecimalText.decimal(taxTotal), discountTotal: try DecimalText.decimal(discountTotal),
            feeTotal: try DecimalText.decimal(feeTotal), refundedTotal: try DecimalText.decimal(refundedTotal),
            customer: Customer(name: customerName, email: customerEmail, phone: customerPhone),
            billingAddress: try Self.decoder.decode(PostalAddress.self, from: Data(billingAddress.utf8)),
            shippingAddress: try Self.decoder.decode(PostalAddress.self, from: Data(shippingAddress.utf8)),
            shippingMethod: shippingMethod, lines: lines, customerNote: customerNote,
            review: try review.map { try Self.decoder.decode(ReviewFlag.self, from: Data($0.utf8)) },
            storeModifiedAt: Date(timeIntervalSince1970: TimeInterval(storeModifiedAt)),
            createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(updatedAt)),
            placedAt: placedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }
}

/// The `order_lines` table's columns.
struct LineRow: Decodable {
    var orderID: Int64
    var position: Int
    var externalLineID: Int64?
    var sku: String?
    var name: String
    var quantity: Int
    var unitPrice: String
    var externalProductID: Int64?
    var externalVariationID: Int64?
    var refundedQuantity: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case orderID = "order_id"
        case position
        case externalLineID = "external_line_id"
        case sku, name, quantity
        case unitPrice = "unit_price"
        case externalProductID = "external_product_id"
        case externalVariationID = "external_variation_id"
        case refundedQuantity = "refunded_quantity"
    }

    static let columns: [String] = CodingKeys.allCases.map(\.rawValue)

    func line() throws -> OrderLine {
        OrderLine(
            externalLineID: externalLineID, sku: sku, name: name, quantity: quantity,
            unitPrice: try DecimalText.decimal(unitPrice), externalProductID: externalProductID,
            externalVariationID: externalVariationID, refundedQuantity: refundedQuantity)
    }
}

/// Money as exact decimal text in the database: the same on both engines, never a binary float. The one
/// exact-decimal form of the Logix side (`Decimal(exactString:)` from LogixCore) is used both ways.
enum DecimalText {
    static func string(_ value: Decimal) -> String { value.exactString }

    static func decimal(_ text: String) throws -> Decimal {
        guard let value = Decimal(exactString: text) else {
            throw StorageError(.query, "stored amount \(text) is not a decimal")
        }
        return value
    }
}
