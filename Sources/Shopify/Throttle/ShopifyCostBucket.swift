import Synchronization

/// The model of one app's cost bucket at one shop, and the last price of each operation: shared by every call
/// of a client, and by every client of the same shop that is given it (``ShopifyConfiguration/costBucket``) —
/// Shopify keeps one bucket per app and shop, so two clients with models of their own would each spend points
/// the other thinks are there.
public final class ShopifyCostBucket: Sendable {
    private struct State {
        var bucket: ShopifyThrottleState
        var lastCost: [String: Double] = [:]
        var throttledAnswers = 0
        var waited: Duration = .zero
        var spent: Double = 0
    }

    private let state: Mutex<State>

    /// A bucket assumed to be `assumed` until the shop's first answer; `now` on the clock its clients use.
    public init(
        assumed: ShopifyThrottleStatus = ShopifyConfiguration.smallestBucket, now: Duration = SystemShopifyClock().now()
    ) {
        state = Mutex(State(bucket: ShopifyThrottleState(assumed: assumed, now: now)))
    }

    /// The points `operation` is expected to cost: Shopify's last `requestedQueryCost` of it, else the estimate.
    func expectedCost(of operation: ShopifyOperation) -> Double {
        let key = operation.costKey
        return state.withLock { $0.lastCost[key] } ?? operation.estimatedCost
    }

    /// Reserves `cost` and says how long to wait before sending.
    func reserve(_ cost: Double, now: Duration) -> Duration {
        state.withLock { state in
            let wait = state.bucket.reserve(cost: cost, now: now)
            state.waited += wait
            return wait
        }
    }

    /// An answer came with a cost: the bucket is what Shopify says, and the operation's price is remembered.
    func observe(
        _ cost: ShopifyQueryCost, of operation: ShopifyOperation, reserved: Double, throttled: Bool, now: Duration
    ) {
        state.withLock { state in
            if let status = cost.throttleStatus {
                state.bucket.observe(status, releasing: reserved, now: now)
            } else {
                state.bucket.release(reserved, spent: !throttled, now: now)
            }
            if let requested = cost.requestedQueryCost { state.lastCost[operation.costKey] = requested }
            if throttled { state.throttledAnswers += 1 }
            state.spent += cost.actualQueryCost ?? 0
        }
    }

    func release(_ reserved: Double, spent: Bool, throttled: Bool = false, now: Duration) {
        state.withLock { state in
            state.bucket.release(reserved, spent: spent, now: now)
            if throttled { state.throttledAnswers += 1 }
        }
    }

    /// The wait until the bucket holds `cost` (for an error's `retryAfter`).
    func wait(forCost cost: Double, now: Duration) -> Duration {
        state.withLock { $0.bucket.wait(forCost: cost, at: now) }
    }

    /// The model now, and how its clients have fared.
    public var report: ShopifyThrottleReport {
        state.withLock {
            ShopifyThrottleReport(
                bucket: $0.bucket, throttledAnswers: $0.throttledAnswers, waited: $0.waited, actualCostSpent: $0.spent)
        }
    }
}

/// How a client has fared against its bucket: for reports, benches and tests.
public struct ShopifyThrottleReport: Sendable, Hashable {
    /// The bucket as last modelled.
    public var bucket: ShopifyThrottleState
    /// THROTTLED answers received (each retried or given up on); zero when the model kept ahead.
    public var throttledAnswers: Int
    /// Total time calls waited for the bucket before sending.
    public var waited: Duration
    /// The sum of `actualQueryCost` over all answers.
    public var actualCostSpent: Double
}
