/// Failures to inject, changeable while the sim runs (``ShopifySim/setFaults(_:)``, `PUT /__sim/faults`).
/// Rates are probabilities in 0...1 drawn per API request (never for `/__sim`) or per webhook delivery from a
/// generator seeded with `seed`, so the same sequence of requests meets the same faults.
public struct ShopifySimFaults: Sendable, Equatable, Codable {
    /// Added to every API answer.
    public var latencyMilliseconds: Int = 0
    /// Answer 502, 503 or 504 with an HTML page, as Shopify's edge does.
    public var serverErrorRate: Double = 0
    /// Answer 429 with `Retry-After: retryAfterSeconds` (REST's limit; GraphQL throttles with 200 THROTTLED).
    public var rateLimitRate: Double = 0
    public var retryAfterSeconds: Int = 2
    /// Close the connection without answering.
    public var dropConnectionRate: Double = 0
    /// 402 `Unavailable Shop` (frozen, unpaid) or 423 (locked) for every API request; nil → open.
    public var shopUnavailableStatus: Int?
    /// Lose a webhook delivery (logged as dropped, never sent, never retried).
    public var webhookDropRate: Double = 0
    /// Send a webhook delivery twice (same `X-Shopify-Webhook-Id`).
    public var webhookDuplicateRate: Double = 0
    /// Wait this long before a delivery's first attempt.
    public var webhookDelayMilliseconds: Int = 0
    /// Hold a delivery back by `webhookReorderDelayMilliseconds` more, so later ones overtake it.
    public var webhookReorderRate: Double = 0
    public var webhookReorderDelayMilliseconds: Int = 300
    /// Seeds the decisions; nil → the store's seed. Setting faults restarts the sequence.
    public var seed: UInt64?

    public init(
        latencyMilliseconds: Int = 0, serverErrorRate: Double = 0, rateLimitRate: Double = 0,
        retryAfterSeconds: Int = 2,
        dropConnectionRate: Double = 0, shopUnavailableStatus: Int? = nil, webhookDropRate: Double = 0,
        webhookDuplicateRate: Double = 0, webhookDelayMilliseconds: Int = 0, webhookReorderRate: Double = 0,
        webhookReorderDelayMilliseconds: Int = 300, seed: UInt64? = nil
    ) {
        self.latencyMilliseconds = latencyMilliseconds
        self.serverErrorRate = serverErrorRate
        self.rateLimitRate = rateLimitRate
        self.retryAfterSeconds = retryAfterSeconds
        self.dropConnectionRate = dropConnectionRate
        self.shopUnavailableStatus = shopUnavailableStatus
        self.webhookDropRate = webhookDropRate
        self.webhookDuplicateRate = webhookDuplicateRate
        self.webhookDelayMilliseconds = webhookDelayMilliseconds
        self.webhookReorderRate = webhookReorderRate
        self.webhookReorderDelayMilliseconds = webhookReorderDelayMilliseconds
        self.seed = seed
    }

    /// No faults.
    public static let none = ShopifySimFaults()

    // Missing keys keep their defaults, so the control API takes partial JSON such as {"serverErrorRate":0.5}.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0
        self.serverErrorRate = try c.decodeIfPresent(Double.self, forKey: .serverErrorRate) ?? 0
        self.rateLimitRate = try c.decodeIfPresent(Double.self, forKey: .rateLimitRate) ?? 0
        self.retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 2
        self.dropConnectionRate = try c.decodeIfPresent(Double.self, forKey: .dropConnectionRate) ?? 0
        self.shopUnavailableStatus = try c.decodeIfPresent(Int.self, forKey: .shopUnavailableStatus)
        self.webhookDropRate = try c.decodeIfPresent(Double.self, forKey: .webhookDropRate) ?? 0
        self.webhookDuplicateRate = try c.decodeIfPresent(Double.self, forKey: .webhookDuplicateRate) ?? 0
        self.webhookDelayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .webhookDelayMilliseconds) ?? 0
        self.webhookReorderRate = try c.decodeIfPresent(Double.self, forKey: .webhookReorderRate) ?? 0
        self.webhookReorderDelayMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .webhookReorderDelayMilliseconds) ?? 300
        self.seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }
}
