import Foundation

/// Which decoder turns order JSON into ``WooOrder``s: the hand-written ``WooOrderReader`` (with `JSONDecoder`
/// behind it for what it does not take) or `JSONDecoder` alone. Both give the same orders and errors; the
/// choice exists so a benchmark can measure what the reader is worth end to end.
public enum WooOrderDecoding: String, Sendable, CaseIterable {
    case reader
    case codable

    /// The orders of a `GET /orders` body.
    public func list(from data: Data) throws -> [WooOrder] {
        switch self {
        case .reader: try WooOrder.decodeList(from: data)
        case .codable: try WooJSON.decoder.decode([WooOrder].self, from: data)
        }
    }

    /// One order: a `GET /orders/{id}` body or a webhook delivery's.
    public func order(from data: Data) throws -> WooOrder {
        switch self {
        case .reader: try WooOrder.decode(from: data)
        case .codable: try WooJSON.decoder.decode(WooOrder.self, from: data)
        }
    }
}
