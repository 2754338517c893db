import ArgumentParser

/// The simulated Shopify store's cost bucket (per app and shop): Shopify's Standard plan by default.
struct ShopifyBucketOptions: ParsableArguments {
    @Option(name: .customLong("bucket-size"), help: "With --platform shopify: the bucket's size in points.")
    var bucketSize: Double = 2_000

    @Option(
        name: .customLong("restore-rate"), help: "With --platform shopify: points the bucket restores a second.")
    var restoreRate: Double = 100

    func validate() throws {
        // Below 1,000 the channel's ~750-point order page could never be sent.
        guard bucketSize >= 1_000 else { throw ValidationError("--bucket-size must be at least 1000") }
        guard restoreRate > 0 else { throw ValidationError("--restore-rate must be positive") }
    }
}
