import ShopifySim

extension ShopifySim {
    /// Runs `body` with a simulated Shopify store of `orders` generated orders on a free port, stopped afterwards
    /// whatever `body` does.
    public static func with(
        orders: Int = 25, configure: (inout ShopifySimConfiguration) -> Void = { _ in },
        _ body: (ShopifySim) async throws -> Void
    ) async throws {
        var configuration = ShopifySimConfiguration()
        configuration.orderCount = orders
        configure(&configuration)
        let sim = try await ShopifySim.start(configuration)
        do {
            try await body(sim)
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }
}
