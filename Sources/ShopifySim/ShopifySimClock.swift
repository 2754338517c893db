import Foundation
import Synchronization

/// The sim's notion of now: order times, the throttle bucket's refill and when fulfillment orders appear.
/// Inject a ``ShopifySimManualClock`` to test time-dependent behaviour without sleeping.
public protocol ShopifySimClock: Sendable {
    /// Milliseconds since 1970.
    func nowMilliseconds() -> Int64
}

/// The wall clock.
public struct ShopifySimSystemClock: ShopifySimClock {
    public init() {}

    public func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// A clock that moves only when told to.
public final class ShopifySimManualClock: ShopifySimClock {
    private let now: Mutex<Int64>

    public init(startingAt milliseconds: Int64 = 1_796_000_000_000) {
        self.now = Mutex(milliseconds)
    }

    public func nowMilliseconds() -> Int64 { self.now.withLock { $0 } }

    public func advance(by duration: Duration) {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        self.now.withLock { $0 += milliseconds }
    }
}
