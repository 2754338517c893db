import Foundation
import Storage

/// What a webhook health check must do at the store, decided from what it found and what it remembers —
/// a pure value, so every case is testable without a store.
///
/// Per topic: an active webhook is kept; a missing one is created; a paused or disabled one is re-enabled,
/// unless it is the very webhook the last check re-enabled — the store does not reset its failure count on
/// re-enabling, so it would fail again at the next delivery — then it is deleted and created anew. Extra
/// webhooks for a topic are deleted.
struct WebhookRepairPlan: Sendable, Hashable {
    /// One change at the store.
    enum Step: Sendable, Hashable {
        case reenable(id: Int, topic: String)
        case recreate(id: Int, topic: String)
        case create(topic: String)
        case deleteDuplicate(id: Int)
    }

    /// A webhook as the store listed it.
    struct Found: Sendable, Hashable {
        var id: Int
        var topic: String
        var status: ChannelWebhookStatus
    }

    /// The changes, topic by topic.
    let steps: [Step]
    /// Each topic's state as found and what the plan does, the webhook id filled in for kept and re-enabled
    /// ones (created ones get theirs when made).
    let topics: [WebhookHealth.Topic]

    init(topics wanted: [String], found: [Found], previous: WebhookHealth?) {
        var steps: [Step] = []
        var topics: [WebhookHealth.Topic] = []
        let remembered = Dictionary(
            (previous?.topics ?? []).map { ($0.topic, $0.reenabledWebhookID) }, uniquingKeysWith: { first, _ in first })
        for topic in wanted {
            let matching = found.filter { $0.topic == topic }.sorted { $0.id < $1.id }
            // Prefer an active webhook over a disabled duplicate: it needs no repair.
            guard let keep = matching.first(where: { $0.status == .active }) ?? matching.first else {
                steps.append(.create(topic: topic))
                topics.append(WebhookHealth.Topic(topic: topic, status: .missing, action: .created))
                continue
            }
            let reenabledBefore = remembered[topic].flatMap { $0 }
            let status = WebhookHealth.Topic.Status(keep.status)
            switch status {
            case .active, .missing:
                topics.append(
                    WebhookHealth.Topic(
                        topic: topic, status: .active, action: .kept, webhookID: keep.id,
                        reenabledWebhookID: reenabledBefore == keep.id ? keep.id : nil))
            case .paused, .disabled:
                if reenabledBefore == keep.id {
                    steps.append(.recreate(id: keep.id, topic: topic))
                    topics.append(WebhookHealth.Topic(topic: topic, status: status, action: .recreated))
                } else {
                    steps.append(.reenable(id: keep.id, topic: topic))
                    topics.append(
                        WebhookHealth.Topic(
                            topic: topic, status: status, action: .reenabled, webhookID: keep.id,
                            reenabledWebhookID: keep.id))
                }
            }
            for duplicate in matching where duplicate.id != keep.id { steps.append(.deleteDuplicate(id: duplicate.id)) }
        }
        self.steps = steps
        self.topics = topics
    }
}
