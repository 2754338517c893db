import NIOCore
import NIOHTTP1
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
    let limit: Limit

    func run() async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline: ContinuousClock.Instant? =
            if case .duration(let duration) = limit { start.advanced(by: duration) } else { nil }
        let count: Int? = if case .deliveries(let count) = limit { count } else { nil }
        let next = Ticket()
        var total = Result()
        try await withThrowingTaskGroup(of: Result.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    // Each sender keeps its own figures: a shared tally would be one more lock per request.
                    var result = Result()
                    // A connection the server closed is opened again; one that cannot be opened ends the sender.
                    var reconnect = true
                    while reconnect {
                        reconnect = false
                        do {
                            try await generator.withConnection { send in
                                while true {
                                    if let deadline, clock.now >= deadline { return }
                                    let index = next.take()
                                    if let count, index >= count { return }
                                    let (head, body) = request(index)
                                    let sent = clock.now
                                    let status = (try? await send(head, body).status) ?? 0
                                    result.latencies.append(sent.duration(to: clock.now).seconds)
                                    if (200..<300).contains(status) {
                                        result.accepted += 1
                                    } else {
                                        result.errors += 1
                                        result.errorStatuses[status, default: 0] += 1
                                        if status == 0 {
                                            reconnect = true
                                            return
                                        }
                                    }
                                }
                            }
                        } catch {
                            result.errors += 1
                            result.errorStatuses[0, default: 0] += 1
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

    private func request(_ index: Int) -> (HTTPRequestHead, ByteBuffer) {
        let (headers, body) = deliveries.delivery(index)
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: "\(generator.host):\(generator.port)")
        head.headers.add(name: "Accept", value: "*/*")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        head.headers.add(name: "Content-Length", value: "\(body.count)")
        return (head, ByteBuffer(bytes: body))
    }
}

/// Hands out delivery indexes to the senders, each once.
private final class Ticket: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
