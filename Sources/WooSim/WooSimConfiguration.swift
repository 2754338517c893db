import Foundation

/// How to build and serve a simulated store. Every default is usable as is.
///
/// The same `seed` (and `referenceDate`) always produces the same products, customers, orders and keys.
public struct WooSimConfiguration: Sendable {
    /// Seeds all generated data, the derived API keys and the fault injector.
    public var seed: UInt64 = 42
    /// Orders generated at start-up (ids `1...orderCount`, dates ascending with the id).
    public var orderCount: Int = 250
    /// Simple products; a few variable products with variations are always added.
    public var productCount: Int = 20
    /// Colours of the variable Barista T-Shirt, 4 sizes (variations) each; the real catalog has 2. More make a
    /// catalog with many variations under one parent (up to 25 fit one variations batch).
    public var shirtColors: Int = 2
    public var customerCount: Int = 30
    /// Generated orders are spread over this many days before `referenceDate`.
    public var historyDays: Int = 90
    /// The moment the generated history ends. `nil` → midnight UTC of the day the sim starts, so two sims
    /// started the same day with the same seed are identical; set it for byte-for-byte reproducibility.
    public var referenceDate: Date?
    /// Serve https with a certificate made at start-up (see `WooSim.caCertificatePEM`).
    public var tls: Bool = false
    /// Behave like a host that strips the `Authorization` header before PHP sees it.
    public var stripsAuthorizationHeader: Bool = false
    public var host: String = "127.0.0.1"
    /// 0 → an ephemeral port.
    public var port: Int = 0
    /// The store's time zone: non-`_gmt` dates and date filters without `dates_are_gmt` use it.
    public var timeZone: String = "Europe/Berlin"
    /// The read/write key; `nil` → derived from `seed` (`ck_`/`cs_` + 40 hex).
    public var consumerKey: String?
    public var consumerSecret: String?
    /// Allow webhook delivery URLs on loopback/private hosts (WordPress refuses them by default).
    public var allowsPrivateWebhookURLs: Bool = true
    /// How long one webhook delivery may take before it counts as failed.
    public var webhookTimeout: Duration = .seconds(5)
    /// The real store has no tie-break when ordering by `modified`, so pages overlap and skip orders that
    /// share a second. `false` (default) breaks ties by id; `true` shuffles ties differently per request.
    public var unstableModifiedOrdering: Bool = false
    /// What answers at the store's address (the REST API, or a way a merchant's URL misses it).
    public var frontage: WooSimFrontage = .wooCommerce
    /// Start from a saved state (``WooSim/snapshot()``) rather than a fresh store: its generation settings
    /// (seed, order, product and customer counts, history, time zone) replace the ones here.
    public var restoring: WooSimSnapshot?

    public init() {}
}

/// A consumer key and secret as WooCommerce issues them.
public struct WooSimKeys: Sendable, Hashable, Codable {
    public var consumerKey: String
    public var consumerSecret: String

    public init(consumerKey: String, consumerSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
    }
}
