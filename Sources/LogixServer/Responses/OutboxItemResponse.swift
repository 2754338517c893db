import Foundation
import Hummingbird
import Storage

/// A queued store update as the API shows it.
struct OutboxItemResponse: ResponseEncodable, Sendable {
    var id: Int64
    var integrationID: Int64
    var kind: String
    var externalOrderID: Int64?
    /// The payload as queued (an order id, a status, a note, a SKU — never a credential).
    var payload: String
    var state: String
    var attempts: Int
    var lastError: String?
    /// Why nothing was sent for an item that settled without a request (issue 11, C).
    var detail: String?
    var notBefore: Date
    var createdAt: Date
    var updatedAt: Date

    init(_ item: OutboxItem) {
        id = item.id
        integrationID = item.integrationID
        kind = item.kind.rawValue
        externalOrderID = item.externalOrderID
        payload = item.payload
        state = item.state.rawValue
        attempts = item.attempts
        lastError = item.lastError
        detail = item.detail
        notBefore = item.notBefore
        createdAt = item.createdAt
        updatedAt = item.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, payload, state, attempts, detail
        case integrationID = "integration_id"
        case externalOrderID = "external_order_id"
        case lastError = "last_error"
        case notBefore = "not_before"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
