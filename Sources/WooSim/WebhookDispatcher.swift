import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Sends webhook pings and deliveries the way WooCommerce's Action Scheduler does: queued, sent in the
/// background, never retried. While a delivery waits in the queue, more events for the same webhook and
/// resource coalesce into it, and the payload is the resource as it is **at send time**.
final class WebhookDispatcher: Sendable {
    private struct Job: Sendable {
        var webhookId: Int
        var event: SimEvent
        var enqueued: ContinuousClock.Instant
        var key: String { "\(self.webhookId)/\(self.event.topic)/\(self.event.id)" }
    }

    private struct State {
        var queue: [Job] = []
        var pending: Set<String> = []
        var log: [WooSimWebhookDelivery] = []
    }

    static let userAgent = "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)"

    private let state = Mutex(State())
    private let wake: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation
    private let faults: FaultInjector
    private let homeURL: String
    private let timeout: Duration
    private let allowsPrivateURLs: Bool
    private let deliverySalt: [UInt8]
    /// Its own client: a refused connection must fail at once (as PHP's curl does), not be retried by the
    /// connection pool until the timeout.
    private let client: HTTPClient
    /// False for a client lent by a ``WooSimFleet`` (one for thousands of stores); its owner shuts it down.
    private let ownsClient: Bool

    init(
        faults: FaultInjector, homeURL: String, timeout: Duration, allowsPrivateURLs: Bool, seed: UInt64,
        sharedClient: HTTPClient? = nil
    ) {
        (self.wake, self.wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.faults = faults
        self.homeURL = homeURL
        self.timeout = timeout
        self.allowsPrivateURLs = allowsPrivateURLs
        var random = SimRandom(seed: seed, stream: SimStream.webhookSecrets)
        self.deliverySalt = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        self.client = sharedClient ?? WebhookDispatcher.makeClient()
        self.ownsClient = sharedClient == nil
    }

    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(2))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Every attempt so far, oldest first.
    var deliveries: [WooSimWebhookDelivery] {
        self.state.withLock { $0.log }
    }

    /// Queues a delivery unless an identical one is still waiting (then they coalesce).
    func submit(webhookId: Int, event: SimEvent) {
        let job = Job(webhookId: webhookId, event: event, enqueued: .now)
        let queued = self.state.withLock { state -> Bool in
            guard state.pending.insert(job.key).inserted else { return false }
            state.queue.append(job)
            return true
        }
        if queued { self.wakeContinuation.yield() }
    }

    func stop() {
        self.wakeContinuation.finish()
    }

    /// Releases the HTTP client once the sender has finished.
    func shutdown() async {
        guard self.ownsClient else { return }
        try? await self.client.shutdown()
    }

    /// The background sender; returns when `stop()` is called.
    func run(store: SimStore) async {
        await withDiscardingTaskGroup { group in
            for await _ in self.wake {
                while let job = self.state.withLock({ $0.queue.first }) {
                    let delay = self.faults.faults.webhookDelayMilliseconds
                    if delay > 0 {
                        // Wait until the job is due; meanwhile identical events coalesce into it.
                        try? await Task.sleep(until: job.enqueued + .milliseconds(delay), clock: .continuous)
                    }
                    self.state.withLock { state in
                        state.queue.removeFirst()
                        state.pending.remove(job.key)
                    }
                    let decision = self.faults.decideWebhook()
                    if decision.drop {
                        self.record(
                            job: job, url: "", deliveryId: "", outcome: .dropped, status: nil,
                            error: "dropped by fault injection", duplicate: false)
                        continue
                    }
                    if decision.extraDelayMilliseconds > 0 {
                        // Held back so later deliveries overtake it.
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(decision.extraDelayMilliseconds))
                            await self.deliver(job, store: store, duplicate: false)
                            if decision.duplicate { await self.deliver(job, store: store, duplicate: true) }
                        }
                        continue
                    }
                    await self.deliver(job, store: store, duplicate: false)
                    if decision.duplicate { await self.deliver(job, store: store, duplicate: true) }
                }
            }
        }
    }

    private func deliver(_ job: Job, store: SimStore, duplicate: Bool) async {
        guard let webhook = await store.webhook(job.webhookId), webhook.status == "active" else { return }
        let body = await store.payload(for: job.event)
        let now = StoreTime.now()
        // WooCommerce: wp_hash(webhook id . unix second) — not unique within a second.
        let deliveryId = WebhookDispatcher.hex(
            HMAC<Insecure.MD5>.authenticationCode(
                for: Array("\(webhook.id)\(now)".utf8), using: SymmetricKey(data: self.deliverySalt)))
        let signature = Data(
            HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(webhook.secret.utf8)))
        ).base64EncodedString()
        var request = HTTPClientRequest(url: webhook.deliveryURL)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: WebhookDispatcher.userAgent)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-WC-Webhook-Source", value: self.homeURL + "/")
        request.headers.add(name: "X-WC-Webhook-Topic", value: webhook.topic)
        request.headers.add(name: "X-WC-Webhook-Resource", value: webhook.resource)
        request.headers.add(name: "X-WC-Webhook-Event", value: webhook.event)
        request.headers.add(name: "X-WC-Webhook-Signature", value: signature)
        request.headers.add(name: "X-WC-Webhook-ID", value: String(webhook.id))
        request.headers.add(name: "X-WC-Webhook-Delivery-ID", value: deliveryId)
        request.headers.add(name: "Connection", value: "close")
        request.body = .bytes(ByteBuffer(bytes: body))
        let (status, error) = await self.send(request, url: webhook.deliveryURL)
        let succeeded = status.map { (200...302).contains($0) } ?? false
        await store.recordDelivery(webhookId: webhook.id, succeeded: succeeded)
        self.record(
            job: job, url: webhook.deliveryURL, deliveryId: deliveryId, outcome: succeeded ? .delivered : .failed,
            status: status, error: error, duplicate: duplicate)
    }

    /// The ping sent when a webhook is created: a form body `webhook_id=N`, no signature, no X-WC headers.
    func ping(_ webhook: SimWebhook) async -> Bool {
        var request = HTTPClientRequest(url: webhook.deliveryURL)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: WebhookDispatcher.userAgent)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Connection", value: "close")
        request.body = .bytes(ByteBuffer(string: "webhook_id=\(webhook.id)"))
        let (status, error) = await self.send(request, url: webhook.deliveryURL)
        let succeeded = status.map { (200...302).contains($0) } ?? false
        self.state.withLock {
            $0.log.append(
                WooSimWebhookDelivery(
                    webhookId: webhook.id, topic: "ping", url: webhook.deliveryURL, resourceId: nil, deliveryId: "",
                    outcome: succeeded ? .delivered : .failed, statusCode: status, error: error, isDuplicate: false,
                    timestamp: StoreTime.now()))
        }
        return succeeded
    }

    private func send(_ request: HTTPClientRequest, url: String) async -> (Int?, String?) {
        if !self.allowsPrivateURLs, WebhookDispatcher.isPrivate(url) {
            return (nil, "A valid URL was not provided.")
        }
        do {
            let response = try await self.client.execute(
                request,
                timeout: .nanoseconds(
                    Int64(self.timeout.components.seconds) * 1_000_000_000
                        + self.timeout.components.attoseconds / 1_000_000_000))
            _ = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), nil)
        } catch {
            return (nil, String(describing: error))
        }
    }

    private func record(
        job: Job, url: String, deliveryId: String, outcome: WooSimWebhookDelivery.Outcome, status: Int?,
        error: String?, duplicate: Bool
    ) {
        self.state.withLock {
            $0.log.append(
                WooSimWebhookDelivery(
                    webhookId: job.webhookId, topic: job.event.topic, url: url, resourceId: job.event.id,
                    deliveryId: deliveryId, outcome: outcome, statusCode: status, error: error,
                    isDuplicate: duplicate, timestamp: StoreTime.now()))
        }
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func isPrivate(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return true }
        if host == "localhost" || host.hasPrefix("127.") || host.hasPrefix("10.") || host.hasPrefix("192.168.")
            || host == "::1" || host == "[::1]"
        {
            return true
        }
        if host.hasPrefix("172."), let second = Int(host.split(separator: ".").dropFirst().first ?? ""),
            (16...31).contains(second)
        {
            return true
        }
        return false
    }
}
