import Foundation

/// What the last webhook health check found at the store, topic by topic, and what it did about it.
///
/// Stored as JSON with the integration's health. It is also the check's memory: a webhook Logix re-enabled
/// that the store disables again is deleted and recreated the next time, because re-enabling does not reset
/// the store's failure count and would only buy one more failed delivery.
public struct WebhookHealth: Sendable, Hashable, Codable {
    /// One topic's webhook.
    public struct Topic: Sendable, Hashable, Codable {
        /// The webhook's state as found, before any repair.
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            case active, paused, disabled, missing
        }

        /// What the check did.
        public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
            /// Active: left alone.
            case kept
            /// Disabled or paused: set active again.
            case reenabled
            /// Disabled again after a re-enable: deleted and created anew (a fresh failure count).
            case recreated
            /// Missing: created.
            case created
        }

        public var topic: String
        public var status: Status
        public var action: Action
        /// The store's id of the webhook after the check.
        public var webhookID: Int?
        /// The webhook the check last re-enabled for this topic, if it has not been recreated since.
        public var reenabledWebhookID: Int?

        public init(
            topic: String, status: Status, action: Action, webhookID: Int? = nil, reenabledWebhookID: Int? = nil
        ) {
            self.topic = topic
            self.status = status
            self.action = action
            self.webhookID = webhookID
            self.reenabledWebhookID = reenabledWebhookID
        }

        enum CodingKeys: String, CodingKey {
            case topic, status, action
            case webhookID = "webhook_id"
            case reenabledWebhookID = "reenabled_webhook_id"
        }
    }

    public var topics: [Topic]
    public var checkedAt: Date

    public init(topics: [Topic], checkedAt: Date) {
        self.topics = topics
        self.checkedAt = checkedAt
    }

    /// Whether the check changed anything at the store.
    public var repaired: Bool { topics.contains { $0.action != .kept } }

    enum CodingKeys: String, CodingKey {
        case topics
        case checkedAt = "checked_at"
    }

    /// The JSON stored in `integration_schedules.webhook_state`.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    init?(json: String?) {
        guard let json else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let decoded = try? decoder.decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }
}
