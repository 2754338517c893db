import Synchronization

/// Decides, per API request and per webhook delivery, which injected fault (if any) applies: scripted
/// ones first (``ShopifySim/failNext(count:status:retryAfter:)``), then the seeded rates.
final class FaultInjector: Sendable {
    enum RequestFault: Equatable {
        case none
        case respond(status: Int, retryAfter: Int?)
        case drop
        /// Handle the request (its writes happen), then answer with this status instead of the result.
        case failAfterHandling(status: Int)
    }

    private struct State {
        var faults: ShopifySimFaults
        var random: SeededRandom
        var scripted: [(status: Int, retryAfter: Int?)] = []
        var drops = 0
        var afterHandling: [Int] = []
    }

    private let state: Mutex<State>
    private let storeSeed: UInt64

    init(seed: UInt64) {
        self.storeSeed = seed
        self.state = Mutex(State(faults: .none, random: SeededRandom(seed: seed, stream: 17)))
    }

    var faults: ShopifySimFaults { self.state.withLock { $0.faults } }

    func set(_ faults: ShopifySimFaults) {
        self.state.withLock {
            $0.faults = faults
            $0.random = SeededRandom(seed: faults.seed ?? self.storeSeed, stream: 17)
        }
    }

    func failNext(count: Int, status: Int, retryAfter: Int?) {
        self.state.withLock { $0.scripted += Array(repeating: (status, retryAfter), count: max(0, count)) }
    }

    func dropNext(count: Int) {
        self.state.withLock { $0.drops += max(0, count) }
    }

    func failAfterHandlingNext(count: Int, status: Int) {
        self.state.withLock { $0.afterHandling += Array(repeating: status, count: max(0, count)) }
    }

    func decideRequest() -> (fault: RequestFault, latencyMilliseconds: Int) {
        self.state.withLock { state in
            let latency = state.faults.latencyMilliseconds
            if let status = state.faults.shopUnavailableStatus {
                return (.respond(status: status, retryAfter: nil), latency)
            }
            if !state.scripted.isEmpty {
                let next = state.scripted.removeFirst()
                return (.respond(status: next.status, retryAfter: next.retryAfter), latency)
            }
            if state.drops > 0 {
                state.drops -= 1
                return (.drop, latency)
            }
            if !state.afterHandling.isEmpty {
                return (.failAfterHandling(status: state.afterHandling.removeFirst()), latency)
            }
            if state.faults.serverErrorRate > 0, state.random.chance(state.faults.serverErrorRate) {
                return (.respond(status: state.random.pick([502, 503, 504]), retryAfter: nil), latency)
            }
            if state.faults.rateLimitRate > 0, state.random.chance(state.faults.rateLimitRate) {
                return (.respond(status: 429, retryAfter: state.faults.retryAfterSeconds), latency)
            }
            if state.faults.dropConnectionRate > 0, state.random.chance(state.faults.dropConnectionRate) {
                return (.drop, latency)
            }
            return (.none, latency)
        }
    }

    /// For one webhook delivery: lose it, send it twice, and how long to hold it first.
    func decideWebhook() -> (drop: Bool, duplicate: Bool, delayMilliseconds: Int) {
        self.state.withLock { state in
            let faults = state.faults
            let drop = faults.webhookDropRate > 0 && state.random.chance(faults.webhookDropRate)
            let duplicate = faults.webhookDuplicateRate > 0 && state.random.chance(faults.webhookDuplicateRate)
            let reorder = faults.webhookReorderRate > 0 && state.random.chance(faults.webhookReorderRate)
            return (
                drop, duplicate,
                faults.webhookDelayMilliseconds + (reorder ? faults.webhookReorderDelayMilliseconds : 0)
            )
        }
    }
}
