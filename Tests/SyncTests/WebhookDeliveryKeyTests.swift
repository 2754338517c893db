import Foundation
import Testing

@testable import Sync

/// The inbox's idempotency key: the same delivery whatever the store's delivery id, and ordered by the
/// resource's id, so a group commit's keys land together in the index (issue 14).
@Suite struct WebhookDeliveryKeyTests {
    let body = Data(#"{"id":384,"status":"processing"}"#.utf8)

    @Test func theSameTopicResourceAndBodyAreTheSameDelivery() {
        let key = WebhookInbox.deliveryKey(topic: "order.updated", resourceID: 384, body: body)
        #expect(key == WebhookInbox.deliveryKey(topic: "order.updated", resourceID: 384, body: body))
        #expect(key != WebhookInbox.deliveryKey(topic: "order.created", resourceID: 384, body: body))
        #expect(key != WebhookInbox.deliveryKey(topic: "order.updated", resourceID: 385, body: body))
        #expect(key != WebhookInbox.deliveryKey(topic: "order.updated", resourceID: 384, body: body + Data(" ".utf8)))
        #expect(key != WebhookInbox.deliveryKey(topic: "order.updated", resourceID: nil, body: body))
    }

    @Test func keysSortByResourceID() {
        let ids: [Int64] = [9, 10, 384, 1_000, 99_999, 10_000_000, Int64.max]
        let keys = ids.map { WebhookInbox.deliveryKey(topic: "order.updated", resourceID: $0, body: body) }
        #expect(keys == keys.sorted())
        #expect(Set(keys.map(\.count)).count == 1, "fixed width: \(keys)")
    }
}
