import Foundation
import Storage
import Sync

/// A store's health in one word and one colour, with the reason behind it: what an operator scans for
/// across hundreds of stores.
struct StoreHealth {
    enum Level: String {
        case ok, warn, bad, idle
    }

    var level: Level
    /// One or two words: Healthy, Failing, Paused…
    var word: String
    /// Why, in a sentence.
    var reason: String
    /// The store's own error code behind a failure, when there is one.
    var code: String?

    init(_ detail: Integrations.Detail, breaker: CircuitBreaker, now: Date) {
        let record = detail.record
        let health = detail.health
        let missingWebhooks = health.webhooks?.topics.filter { !Self.isActive($0) }.map(\.topic) ?? []
        if record.status == .inactive {
            (level, word, reason) = (.idle, "Paused", "Automatic syncs are off for this store.")
        } else if let refused = health.writesRefused {
            (level, word, reason, code) = (
                .bad, "Writes refused", "The store refuses updates: \(refused.message)", refused.code
            )
        } else if case .open(let until) = breaker.state {
            (level, word, reason) = (
                .bad, "Not answering",
                "The store failed repeatedly; Logix pauses sending until \(DisplayFormat.time(until))."
            )
        } else if health.isFailing || record.status == .error, let error = health.lastError {
            (level, word, reason, code) = (.bad, "Failing", error.message, error.code)
        } else if detail.outbox.dead > 0 {
            (level, word, reason) = (
                .warn, "Needs attention",
                "\(detail.outbox.dead) store update\(detail.outbox.dead == 1 ? "" : "s") gave up; retry them."
            )
        } else if !missingWebhooks.isEmpty {
            (level, word, reason) = (
                .warn, "Webhooks missing",
                "Not active at the store: \(missingWebhooks.joined(separator: ", ")). Register them again."
            )
        } else if health.lastSuccessAt == nil && record.lastSyncAt == nil {
            (level, word, reason) = (.idle, "Not synced yet", "Run a first sync to import the store's orders.")
        } else {
            let last = health.lastSuccessAt ?? record.lastSyncAt
            (level, word, reason) = (.ok, "Healthy", "Last successful sync \(DisplayFormat.ago(last, now: now)).")
        }
    }

    /// Whether a topic's webhook is active at the store now: found active, or repaired by the check.
    static func isActive(_ topic: WebhookHealth.Topic) -> Bool {
        topic.status == .active || topic.action != .kept
    }

    var pill: HTML { #"<span class="pill \#(level.rawValue)">\#(word)</span>"# }
}
