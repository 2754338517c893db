import Synchronization

/// The tokens the shop granted by the client credentials grant, each valid for the configured lifetime (24
/// hours at Shopify) on the sim's clock. They all belong to the one app, so they share one throttle bucket, as
/// Shopify keeps one bucket per app and shop.
final class AccessTokenGrants: Sendable {
    /// The app's client id (its API key).
    let clientID: String
    private let seed: UInt64
    private let lifetimeMilliseconds: Int64
    private let clock: any ShopifySimClock
    private let state = Mutex<(expiry: [String: Int64], issued: Int)>(([:], 0))

    init(clientID: String, seed: UInt64, lifetime: Duration, clock: any ShopifySimClock) {
        self.clientID = clientID
        self.seed = seed
        self.lifetimeMilliseconds =
            lifetime.components.seconds * 1000 + lifetime.components.attoseconds / 1_000_000_000_000_000
        self.clock = clock
    }

    /// The bucket every granted token spends from.
    var bucketKey: String { "app:" + clientID }

    /// Grants a new token (the same seed grants the same tokens in the same order); returns it and its
    /// lifetime in whole seconds.
    func grant() -> (token: String, expiresIn: Int) {
        let now = clock.nowMilliseconds()
        let token = state.withLock { state in
            var random = SeededRandom(seed: seed, stream: 1_000 + UInt64(state.issued))
            let token = "shpat_" + random.hex(32)
            state.expiry[token] = now + lifetimeMilliseconds
            state.issued += 1
            return token
        }
        return (token, Int(lifetimeMilliseconds / 1000))
    }

    /// Whether `token` was granted and has not run out.
    func isValid(_ token: String) -> Bool {
        let now = clock.nowMilliseconds()
        return state.withLock { ($0.expiry[token] ?? .min) > now }
    }

    /// Tokens granted so far.
    var issued: Int { state.withLock { $0.issued } }
}
