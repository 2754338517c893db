import ArgumentParser

/// Which simulated store a benchmark runs against.
enum BenchPlatform: String, CaseIterable, ExpressibleByArgument, Sendable {
    case wooCommerce = "woocommerce"
    case shopify
}
