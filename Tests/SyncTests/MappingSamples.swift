import Foundation
import LogixCore
import Sync
import Testing
import WooCommerce

/// The bodies recorded from a real WooCommerce store (`../shared/woocommerce-samples`), and small edits of them,
/// for the mapping tests.
enum MappingSamples {
    /// `/work/main/Tests/SyncTests/MappingSamples.swift` → `/work/shared/woocommerce-samples`.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/woocommerce-samples")

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(path))
    }

    static func orders(_ name: String) throws -> [WooOrder] {
        try JSONDecoder().decode([WooOrder].self, from: data("responses/\(name)"))
    }

    static func order(_ name: String) throws -> WooOrder {
        try JSONDecoder().decode(WooOrder.self, from: data("responses/\(name)"))
    }

    static func refunds(_ name: String) throws -> [WooRefund] {
        try JSONDecoder().decode([WooRefund].self, from: data("responses/\(name)"))
    }

    /// A recorded webhook delivery's raw body (`body_b64`), exactly the bytes the store signed.
    static func webhookBody(_ name: String) throws -> Data {
        struct Delivery: Decodable {
            var body: String
            enum CodingKeys: String, CodingKey { case body = "body_b64" }
        }
        let delivery = try JSONDecoder().decode(Delivery.self, from: data("webhooks/\(name)"))
        return try #require(Data(base64Encoded: delivery.body))
    }

    /// A recorded order with its JSON edited first, for cases the store did not record (missing dates, drafts,
    /// bad quantities).
    static func editedOrder(
        _ name: String = "04-order-get.json",
        _ edit: (inout [String: Any]) throws -> Void
    ) throws -> WooOrder {
        var object = try #require(try JSONSerialization.jsonObject(with: data("responses/\(name)")) as? [String: Any])
        try edit(&object)
        return try JSONDecoder().decode(WooOrder.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// Edits the `index`th line item of an order's JSON.
    static func editLine(_ object: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) throws {
        var lines = try #require(object["line_items"] as? [[String: Any]])
        edit(&lines[index])
        object["line_items"] = lines
    }

    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    static func date(_ text: String) -> Date {
        WooDate.parseGMT(text)!
    }

    /// The failure, or `nil` on success: lets a test `#require` the failure it expects.
    static func failure(_ result: Result<LogixCore.Order, MappingFailure>) -> MappingFailure? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
