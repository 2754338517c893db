/// Failures to inject, changeable while the sim runs (`WooSim.setFaults`, `PUT /__sim/faults`).
///
/// Rates are probabilities in 0...1 drawn per API request (control requests under `/__sim` are never
/// faulted) from a generator seeded with `seed`, so the same request sequence meets the same faults.
/// For exact control use `WooSim.failNext(count:status:retryAfter:)` and `WooSim.dropNext(count:)`.
public struct WooSimFaults: Sendable, Equatable, Codable {
    /// Added to every API response.
    public var latencyMilliseconds: Int = 0
    /// A uniform extra 0...jitter ms on top of the latency.
    public var latencyJitterMilliseconds: Int = 0
    /// Added for every order a response renders in full (a page of N orders costs N times this), as a real
    /// store spends its time loading and rendering each order rather than per request.
    public var perOrderMilliseconds: Double = 0
    /// Added for every order a response renders with `_fields` (e.g. `id,date_modified_gmt`): the store still
    /// loads the order but renders a sliver of it, so this is much cheaper than `perOrderMilliseconds`.
    public var perFieldsOrderMilliseconds: Double = 0
    /// API requests served at once, like PHP-FPM's `pm.max_children`; the rest wait for a free worker in
    /// arrival order, and the wait is not part of the cost above. 0 → unlimited.
    public var workers: Int = 0
    /// Answer 500, 502 or 503 (HTML bodies, as a host or proxy sends them).
    public var serverErrorRate: Double = 0
    /// Answer 429 with `Retry-After: retryAfterSeconds`.
    public var rateLimitRate: Double = 0
    public var retryAfterSeconds: Int = 1
    /// A host's rate limit, as shared hosts and WAFs enforce it: above this many API requests a second (a token
    /// bucket holding one second's worth, refilled continuously) answer 429 with `Retry-After` — the seconds
    /// until a token is back, at least 1. 0 → no limit.
    public var rateLimitPerSecond: Double = 0
    /// Send nothing for `hangSeconds` (then 504), like a stuck PHP worker behind a proxy.
    public var hangRate: Double = 0
    public var hangSeconds: Double = 30
    /// Close the TCP connection without answering.
    public var dropConnectionRate: Double = 0
    /// Send a webhook delivery twice.
    public var webhookDuplicateRate: Double = 0
    /// Hold a webhook delivery back by `webhookReorderDelayMilliseconds`, so later ones overtake it.
    public var webhookReorderRate: Double = 0
    public var webhookReorderDelayMilliseconds: Int = 300
    /// Lose a webhook delivery (logged as `dropped`, never sent, failure count untouched).
    public var webhookDropRate: Double = 0
    /// Delay before each queued webhook is sent (Action Scheduler sends late; edits coalesce meanwhile).
    public var webhookDelayMilliseconds: Int = 0
    /// Seeds the fault decisions; `nil` → the store's seed. Setting faults restarts the sequence.
    public var seed: UInt64?

    public init(
        latencyMilliseconds: Int = 0, latencyJitterMilliseconds: Int = 0, perOrderMilliseconds: Double = 0,
        perFieldsOrderMilliseconds: Double = 0, workers: Int = 0, serverErrorRate: Double = 0,
        rateLimitRate: Double = 0, retryAfterSeconds: Int = 1, rateLimitPerSecond: Double = 0, hangRate: Double = 0,
        hangSeconds: Double = 30,
        dropConnectionRate: Double = 0, webhookDuplicateRate: Double = 0, webhookReorderRate: Double = 0,
        webhookReorderDelayMilliseconds: Int = 300, webhookDropRate: Double = 0, webhookDelayMilliseconds: Int = 0,
        seed: UInt64? = nil
    ) {
        self.latencyMilliseconds = latencyMilliseconds
        self.latencyJitterMilliseconds = latencyJitterMilliseconds
        self.perOrderMilliseconds = perOrderMilliseconds
        self.perFieldsOrderMilliseconds = perFieldsOrderMilliseconds
        self.workers = workers
        self.serverErrorRate = serverErrorRate
        self.rateLimitRate = rateLimitRate
        self.retryAfterSeconds = retryAfterSeconds
        self.rateLimitPerSecond = rateLimitPerSecond
        self.hangRate = hangRate
        self.hangSeconds = hangSeconds
        self.dropConnectionRate = dropConnectionRate
        self.webhookDuplicateRate = webhookDuplicateRate
        self.webhookReorderRate = webhookReorderRate
        self.webhookReorderDelayMilliseconds = webhookReorderDelayMilliseconds
        self.webhookDropRate = webhookDropRate
        self.webhookDelayMilliseconds = webhookDelayMilliseconds
        self.seed = seed
    }

    /// No faults.
    public static let none = WooSimFaults()

    /// What serving costs a real store: WooCommerce 10 (HPOS, MariaDB, PHP-FPM with 8 workers) on a 2-core
    /// machine, one request at a time, took a median 0.77 s for a 100-order page, 0.145 s for 10 orders,
    /// 0.066 s for one order, 0.115 s for 100 orders with `_fields=id,date_modified_gmt` and 0.039 s for
    /// `system_status`. A straight line through the order requests gives ~65 ms a request plus ~7 ms an order
    /// (predicting 0.765 s, 0.135 s and 0.072 s), and the `_fields` page leaves ~0.5 ms an order. Requests
    /// without orders cost the base, more than `system_status` does: the model errs on the slow side there.
    public static let realStore = WooSimFaults(
        latencyMilliseconds: 65, perOrderMilliseconds: 7, perFieldsOrderMilliseconds: 0.5, workers: 8)

    // Decoding tolerates missing keys so the control API accepts partial JSON such as {"serverErrorRate":0.5}.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0
        self.latencyJitterMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyJitterMilliseconds) ?? 0
        self.perOrderMilliseconds = try c.decodeIfPresent(Double.self, forKey: .perOrderMilliseconds) ?? 0
        self.perFieldsOrderMilliseconds = try c.decodeIfPresent(Double.self, forKey: .perFieldsOrderMilliseconds) ?? 0
        self.workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? 0
        self.serverErrorRate = try c.decodeIfPresent(Double.self, forKey: .serverErrorRate) ?? 0
        self.rateLimitRate = try c.decodeIfPresent(Double.self, forKey: .rateLimitRate) ?? 0
        self.retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 1
        self.rateLimitPerSecond = try c.decodeIfPresent(Double.self, forKey: .rateLimitPerSecond) ?? 0
        self.hangRate = try c.decodeIfPresent(Double.self, forKey: .hangRate) ?? 0
        self.hangSeconds = try c.decodeIfPresent(Double.self, forKey: .hangSeconds) ?? 30
        self.dropConnectionRate = try c.decodeIfPresent(Double.self, forKey: .dropConnectionRate) ?? 0
        self.webhookDuplicateRate = try c.decodeIfPresent(Double.self, forKey: .webhookDuplicateRate) ?? 0
        self.webhookReorderRate = try c.decodeIfPresent(Double.self, forKey: .webhookReorderRate) ?? 0
        self.webhookReorderDelayMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .webhookReorderDelayMilliseconds) ?? 300
        self.webhookDropRate = try c.decodeIfPresent(Double.self, forKey: .webhookDropRate) ?? 0
        self.webhookDelayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .webhookDelayMilliseconds) ?? 0
        self.seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }
}
