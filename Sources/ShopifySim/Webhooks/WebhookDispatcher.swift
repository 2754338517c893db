import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Delivers webhooks as Shopify does: one delivery per event and subscription, POSTed with the signed
/// headers; a non-2xx answer or no answer within the timeout is retried on the configured schedule with the
/// original body and webhook id, and a subscription that fails too many times in a row is deleted.
final class WebhookDispatcher: Sendable {
    private struct Delivery: Sendable {
        var subscriptionId: Int64
        var topic: String
        var uri: String
        var body: [UInt8]
        var webhookId: String
        var eventId: String
        var triggeredAt: Int64
        var attempt: Int
        var due: ContinuousClock.Instant
        var isDuplicate: Bool
    }

    private struct State {
        var queue: [Delivery] = []
        var log: [ShopifySimWebhookDelivery] = []
        var inFlight = 0
        var random: SeededRandom
    }

    private let state: Mutex<State>
    private let stopped = Atomic<Bool>(false)
    private let faults: FaultInjector
    private let configuration: ShopifySimConfiguration
    private let domain: String
    private let secret: String
    private let client: HTTPClient

    init(faults: FaultInjector, configuration: ShopifySimConfiguration, domain: String, secret: String) {
        self.faults = faults
        self.configuration = configuration
        self.domain = domain
        self.secret = secret
        self.state = Mutex(State(random: SeededRandom(seed: configuration.seed, stream: 23)))
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        // Shopify gives a receiver 1 s to accept the connection.
        clientConfiguration.timeout = .init(connect: .seconds(1))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    var deliveries: [ShopifySimWebhookDelivery] { self.state.withLock { $0.log } }

    /// Deliveries waiting for an attempt or being sent.
    var pendingCount: Int { self.state.withLock { $0.queue.count + $0.inFlight } }

    /// Fans events out to the subscriptions of their topic.
    func submit(_ events: [ShopEvent], subscriptions: [ShopWebhookSubscription]) {
        guard !events.isEmpty else { return }
        let now = ContinuousClock.now
        self.state.withLock { state in
            for event in events {
                for subscription in subscriptions where subscription.restTopic == event.topic {
                    let decision = self.faults.decideWebhook()
                    let webhookId = Self.uuid(&state.random)
                    var delivery = Delivery(
                        subscriptionId: subscription.id, topic: event.topic, uri: subscription.uri, body: event.body,
                        webhookId: webhookId, eventId: event.eventId, triggeredAt: event.triggeredAt, attempt: 1,
                        due: now + .milliseconds(decision.delayMilliseconds), isDuplicate: false)
                    if decision.drop {
                        state.log.append(
                            self.entry(delivery, outcome: .dropped, status: nil, error: "dropped by fault injection"))
                        continue
                    }
                    state.queue.append(delivery)
                    if decision.duplicate {
                        delivery.isDuplicate = true
                        state.queue.append(delivery)
                    }
                }
            }
        }
    }

    private static func uuid(_ random: inout SeededRandom) -> String {
        let hex = Array(random.hex(32))
        return
            "\(String(hex[0..<8]))-\(String(hex[8..<12]))-4\(String(hex[13..<16]))-8\(String(hex[17..<20]))-\(String(hex[20..<32]))"
    }

    private func entry(
        _ delivery: Delivery, outcome: ShopifySimWebhookDelivery.Outcome, status: Int?, error: String?
    ) -> ShopifySimWebhookDelivery {
        ShopifySimWebhookDelivery(
            subscriptionId: GlobalID.make("WebhookSubscription", delivery.subscriptionId), topic: delivery.topic,
            url: delivery.uri, webhookId: delivery.webhookId, eventId: delivery.eventId, attempt: delivery.attempt,
            outcome: outcome, statusCode: status, error: error, isDuplicate: delivery.isDuplicate,
            body: String(decoding: delivery.body, as: UTF8.self))
    }

    func stop() {
        self.stopped.store(true, ordering: .relaxed)
    }

    func shutdown() async {
        try? await self.client.shutdown()
    }

    /// The sender: sends what is due, a few at a time, until ``stop()``.
    func run(store: ShopStore) async {
        await withDiscardingTaskGroup { group in
            while !self.stopped.load(ordering: .relaxed) {
                let now = ContinuousClock.now
                let due = self.state.withLock { state -> [Delivery] in
                    let ready = state.queue.filter { $0.due <= now }
                    state.queue.removeAll { $0.due <= now }
                    state.inFlight += ready.count
                    return ready
                }
                for delivery in due {
                    group.addTask {
                        await self.attempt(delivery, store: store)
                        self.state.withLock { $0.inFlight -= 1 }
                    }
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    private func attempt(_ delivery: Delivery, store: ShopStore) async {
        let (status, error) = await self.send(delivery)
        let succeeded = status.map { (200...299).contains($0) } ?? false
        let removed = await store.recordDelivery(
            subscriptionId: delivery.subscriptionId, succeeded: succeeded,
            failuresBeforeRemoval: self.configuration.webhookFailuresBeforeRemoval)
        self.state.withLock { state in
            state.log.append(
                self.entry(delivery, outcome: succeeded ? .delivered : .failed, status: status, error: error))
            if removed {
                state.queue.removeAll { $0.subscriptionId == delivery.subscriptionId }
                return
            }
            let schedule = self.configuration.webhookRetrySchedule
            guard !succeeded, delivery.attempt <= schedule.count else { return }
            var retry = delivery
            retry.attempt += 1
            retry.due = ContinuousClock.now + schedule[delivery.attempt - 1]
            state.queue.append(retry)
        }
    }

    private func send(_ delivery: Delivery) async -> (Int?, String?) {
        var request = HTTPClientRequest(url: delivery.uri)
        request.method = .POST
        let signature = Data(
            HMAC<SHA256>.authenticationCode(for: delivery.body, using: SymmetricKey(data: Array(self.secret.utf8)))
        ).base64EncodedString()
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Shopify-Captain-Hook")
        request.headers.add(name: "X-Shopify-Topic", value: delivery.topic)
        request.headers.add(name: "X-Shopify-Hmac-Sha256", value: signature)
        request.headers.add(name: "X-Shopify-Shop-Domain", value: self.domain)
        request.headers.add(name: "X-Shopify-API-Version", value: self.configuration.webhookVersion)
        request.headers.add(name: "X-Shopify-Webhook-Id", value: delivery.webhookId)
        request.headers.add(name: "X-Shopify-Event-Id", value: delivery.eventId)
        request.headers.add(name: "X-Shopify-Triggered-At", value: Self.triggeredAt(delivery.triggeredAt))
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        let timeout = self.configuration.webhookTimeout
        do {
            let response = try await self.client.execute(
                request,
                timeout: .milliseconds(
                    timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
            _ = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), nil)
        } catch {
            return (nil, String(describing: error))
        }
    }

    /// `2026-12-05T10:00:00.123Z`: UTC with milliseconds.
    static func triggeredAt(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
