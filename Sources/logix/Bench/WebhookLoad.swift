import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Signed deliveries sent to one receiver over `concurrency` keep-alive connections, each connection sending
/// its next delivery as soon as the last was answered (as a store's PHP workers do), until a count is sent or a
/// time is up.
struct WebhookLoad: Sendable {
    /// When the load stops.
    enum Limit: Sendable {
        case deliveries(Int)
        case duration(Duration)
    }

    /// What the load measured.
    struct Result: Sendable {
        /// Every request's time from sending to the answer's end, in seconds.
        var latencies: [Double] = []
        /// Answered 2xx.
        var accepted = 0
        /// Answered otherwise, or not at all (a connection refused or closed).
        var errors = 0
        /// The statuses of the errors (0: no answer), for the report.
        var errorStatuses: [Int: Int] = [:]
        var elapsed: Duration = .zero

        mutating func add(_ other: Result) {
            latencies += other.latencies
            accepted += other.accepted
            errors += other.errors
            errorStatuses.merge(other.errorStatuses, uniquingKeysWith: +)
        }

        var perSecond: Double { Double(latencies.count) / max(elapsed.seconds, 0.000_001) }

        /// The `p`th latency (0…1) in milliseconds.
        func percentile(_ p: Double) -> Double {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
        }
    }

    let generator: WebhookLoadGenerator
    /// The request's path and query, e.g. `/api/v1/woocommerce/webhooks/receive?integration=1`.
    let path: String
    let deliveries: WooOrderDeliveries
    let concurrency: Int
    /// The number of deliveries to send, when the limit is a count.
    let count: Int?
    /// When to stop sending, when the limit is a time; set as the load starts.
    private(set) var deadline: ContinuousClock.Instant?
    private let duration: Duration?
    /// The headers every request carries.
    let headers: HTTPHeaders
    /// The first deliveries, signed before the clock starts (``signingAhead(_:)``); the rest are signed as sent.
    private(set) var signedAhead: [SignedDelivery] = []

    /// A delivery's body with the two headers that are its own. The body is kept as an array of exactly its
    /// bytes: a `ByteBuffer` of its own rounds its storage up to 4 KB.
    struct SignedDelivery: Sendable {
        var body: [UInt8]
        var signature: String
        var deliveryID: String
    }

    /// Delivery `index`'s body in a buffer from `allocator`, and its signature and delivery id: signed ahead, or
    /// now.
    func delivery(_ index: Int, allocator: ByteBufferAllocator) -> (
        body: ByteBuffer, signature: String, deliveryID: String
    ) {
        var body = allocator.buffer(capacity: 3_072)
        if index < signedAhead.count {
            let signed = signedAhead[index]
            body.writeBytes(signed.body)
            return (body, signed.signature, signed.deliveryID)
        }
        let (signature, deliveryID) = deliveries.write(index, into: &body)
        return (body, signature, deliveryID)
    }

    /// The load with its first `count` deliveries signed now, on every core, as `wrk`'s script has them signed
    /// before it starts: the receiver's measured rate then does not carry the generator's HMAC and body making
    /// on the cores they share (about a tenth of its CPU, side by side).
    func signingAhead(_ count: Int) async -> WebhookLoad {
        let parts = max(1, System.coreCount)
        let deliveries = self.deliveries
        var signed = [[SignedDelivery]](repeating: [], count: parts)
        await withTaskGroup(of: (Int, [SignedDelivery]).self) { group in
            for part in 0..<parts {
                group.addTask {
                    var buffer = ByteBufferAllocator().buffer(capacity: 3_072)
                    let range = (part * count / parts)..<((part + 1) * count / parts)
                    return (
                        part,
                        range.map { index in
                            buffer.clear()
                            let (signature, deliveryID) = deliveries.write(index, into: &buffer)
                            return SignedDelivery(
                                body: Array(buffer.readableBytesView), signature: signature, deliveryID: deliveryID)
                        }
                    )
                }
            }
            for await (part, deliveries) in group { signed[part] = deliveries }
        }
        var load = self
        load.signedAhead = signed.flatMap { $0 }
        return load
    }

    init(generator: WebhookLoadGenerator, path: String, deliveries: WooOrderDeliveries, concurrency: Int, limit: Limit)
    {
        self.generator = generator
        self.path = path
        self.deliveries = deliveries
        self.concurrency = concurrency
        switch limit {
        case .deliveries(let count): (self.count, self.duration) = (count, nil)
        case .duration(let duration): (self.count, self.duration) = (nil, duration)
        }
        var headers = HTTPHeaders([("Host", "\(generator.host):\(generator.port)"), ("Accept", "*/*")])
        headers.add(contentsOf: deliveries.headers)
        self.headers = headers
    }

    func run() async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var started = self
        started.deadline = duration.map { start.advanced(by: $0) }
        let load = started
        let next = Ticket()
        var total = Result()
        try await withThrowingTaskGroup(of: Result.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var result = Result()
                    // A connection the server closed is opened again; one that cannot be opened ends the sender.
                    while true {
                        do {
                            let (sent, ending) = try await load.connection(next: next)
                            result.add(sent)
                            if case .done = ending { break }
                        } catch {
                            result.errors += 1
                            result.errorStatuses[0, default: 0] += 1
                            break
                        }
                    }
                    return result
                }
            }
            for try await result in group { total.add(result) }
        }
        total.elapsed = start.duration(to: clock.now)
        return total
    }

    /// The connections' one event loop. Sharing two cores with the receiver, one loop thread woken for several
    /// answers at a time cost less per delivery than two woken for fewer each (34 against 37 µs, side by side).
    private static let loadGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// One connection, sending until the load is done or the server closes it.
    private func connection(next: Ticket) async throws -> (Result, WebhookLoadConnection.Ending) {
        let group = Self.loadGroup
        let eventLoop = group.next()
        let finished = eventLoop.makePromise(of: (Result, WebhookLoadConnection.Ending).self)
        let load = self
        do {
            _ = try await ClientBootstrap(group: eventLoop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // The generator's own headers are known to be valid: checking each request's cost it more
                        // than writing its body.
                        try channel.pipeline.syncOperations.addHTTPClientHandlers(
                            enableOutboundHeaderValidation: false)
                        try channel.pipeline.syncOperations.addHandler(
                            WebhookLoadConnection(load: load, next: next, finished: finished))
                    }
                }
                .connect(host: generator.host, port: generator.port).get()
        } catch {
            finished.fail(error)
        }
        return try await finished.futureResult.get()
    }
}

extension WebhookLoad {
    /// Hands out delivery indexes to the connections, each once.
    final class Ticket: Sendable {
        private let next = Atomic<Int>(0)

        func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
