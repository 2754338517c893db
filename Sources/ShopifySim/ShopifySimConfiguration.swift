import Foundation

/// How to build and serve a simulated Shopify store. Every default is usable as is; the same `seed` (and
/// `referenceDate`) always makes the same products, orders, token and secret.
public struct ShopifySimConfiguration: Sendable {
    public var seed: UInt64 = 42
    /// The shop's handle: the domain is `{shopName}.myshopify.com`.
    public var shopName: String = "logix-sim"
    /// Orders generated at start-up, spread over `historyDays` before `referenceDate`.
    public var orderCount: Int = 60
    public var productCount: Int = 12
    /// Locations; the last one is inactive when there are three or more.
    public var locationCount: Int = 3
    public var historyDays: Int = 30
    /// When the generated history ends; `nil` → midnight UTC of the clock's day.
    public var referenceDate: Date?
    public var host: String = "127.0.0.1"
    /// 0 → an ephemeral port.
    public var port: Int = 0
    /// The Admin API access token; `nil` → `shpat_` + 32 hex derived from the seed.
    public var accessToken: String?
    /// The app's API secret that signs webhooks; `nil` → `shpss_` + 32 hex derived from the seed.
    public var apiSecret: String?
    /// The app's client id for the client credentials grant; `nil` → 32 hex derived from the seed. The client
    /// secret is ``apiSecret``.
    public var clientID: String?
    /// How long a token from the client credentials grant lasts (Shopify: 24 hours, `expires_in` 86399).
    public var accessTokenLifetime: Duration = .seconds(86_399)
    /// More tokens the store accepts (each has a bucket of its own).
    public var additionalAccessTokens: [String] = []
    /// API versions served; any other version is served by the oldest of these ("fall forward").
    public var supportedVersions: [String] = ["2026-01", "2026-04", "2026-07", "2026-10", "2027-01", "unstable"]
    /// The version webhook bodies are written for (`X-Shopify-API-Version` on deliveries).
    public var webhookVersion: String = "2026-04"
    /// The leaky bucket per token: its size and how many points return a second (Standard plan: 2,000 / 100).
    public var bucketSize: Double = 2_000
    public var restoreRate: Double = 100
    /// The most one query may cost.
    public var maximumQueryCost: Int = 1_000
    /// How long after an order Shopify creates its fulfillment orders (0 → at once).
    public var fulfillmentOrderDelay: Duration = .zero
    /// The shop's time zone: webhook bodies write their times in its offset.
    public var timeZone: String = "America/New_York"
    public var currency: String = "EUR"
    /// Delays before each delivery attempt after the first; Shopify's real schedule spans about four hours.
    /// Attempts in all = this count + 1.
    public var webhookRetrySchedule: [Duration] = [
        .seconds(60), .seconds(120), .seconds(300), .seconds(900), .seconds(1800), .seconds(3600), .seconds(7200),
    ]
    /// Consecutive failed attempts after which a subscription is deleted.
    public var webhookFailuresBeforeRemoval: Int = 8
    /// How long a receiver has to answer 2xx.
    public var webhookTimeout: Duration = .seconds(5)
    /// The sim's time; the wall clock unless a test injects one.
    public var clock: any ShopifySimClock = ShopifySimSystemClock()

    public init() {}

    /// The real schedule compressed by `factor` (e.g. 1/10,000 turns four hours into about 1.4 s).
    public static func compressedRetrySchedule(_ factor: Double) -> [Duration] {
        ShopifySimConfiguration().webhookRetrySchedule.map {
            .milliseconds(Int64(Double($0.components.seconds * 1000) * factor))
        }
    }
}
