import Foundation
import Hummingbird
import LogixCore
import Storage

/// One entry of an order's timeline as the API shows it. Every key is always present, `null` when empty.
struct OrderEventResponse: Encodable, Sendable {
    var at: Date
    var kind: String
    var fromStatus: String?
    var toStatus: String?
    var origin: String?
    var detail: String

    enum CodingKeys: String, CodingKey {
        case at, kind, origin, detail
        case fromStatus = "from_status"
        case toStatus = "to_status"
    }

    init(_ event: OrderEvent) {
        at = event.at
        kind = event.kind.rawValue
        fromStatus = event.fromStatus?.rawValue
        toStatus = event.toStatus?.rawValue
        origin = event.origin
        detail = event.detail
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(kind, forKey: .kind)
        try container.encode(fromStatus, forKey: .fromStatus)
        try container.encode(toStatus, forKey: .toStatus)
        try container.encode(origin, forKey: .origin)
        try container.encode(detail, forKey: .detail)
    }
}

/// `GET /api/v1/orders/{id}/timeline`: `{"items": [...]}`, oldest first.
struct OrderTimelineResponse: ResponseEncodable, Sendable {
    var items: [OrderEventResponse]
}
