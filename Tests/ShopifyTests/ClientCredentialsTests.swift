import Foundation
import ShopifySim
import Testing

@testable import Shopify

/// Dev Dashboard apps' tokens, from the client credentials grant against ShopifySim over loopback: asked for
/// once and shared, asked for again when the shop no longer takes one, and a refusal that names Shopify's
/// OAuth code but never the secret.
@Suite struct ClientCredentialsTests {
    static func withSim(_ clock: ShopifySimManualClock, _ body: (ShopifySim) async throws -> Void) async throws {
        var configuration = ShopifySimConfiguration()
        configuration.orderCount = 5
        configuration.clock = clock
        let sim = try await ShopifySim.start(configuration)
        do {
            try await body(sim)
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    @Test func aGrantedTokenIsSharedAndRenewedWhenTheShopRefusesIt() async throws {
        let clock = ShopifySimManualClock()
        try await Self.withSim(clock) { sim in
            let tokens = ShopifyAccessTokens(clientID: sim.clientID, clientSecret: sim.apiSecret)
            let clients = try (0..<2).map { _ in
                try ShopifyClient(
                    configuration: ShopifyConfiguration(
                        shopURL: sim.baseURL, accessToken: "", clientCredentials: tokens))
            }
            for client in clients { _ = try await client.shop() }
            _ = try await clients[0].locations()
            #expect(sim.grantedTokenCount == 1, "one token serves every client of the app")
            #expect(await tokens.tokensIssued == 1)

            // A day later the shop no longer takes it: the next call is granted a new one and answered.
            clock.advance(by: .seconds(86_400))
            let shop = try await clients[1].shop()
            #expect(shop.myshopifyDomain == sim.shopDomain)
            #expect(sim.grantedTokenCount == 2)
            for client in clients { try await client.shutdown() }
        }
    }

    @Test func wrongCredentialsAreRefusedWithShopifysCodeAndNoSecret() async throws {
        try await Self.withSim(ShopifySimManualClock()) { sim in
            let client = try ShopifyClient(
                configuration: ShopifyConfiguration(
                    shopURL: sim.baseURL, accessToken: "",
                    clientCredentials: ShopifyAccessTokens(clientID: sim.clientID, clientSecret: "shpss_wrong")))
            let error = try await #require(throws: ShopifyError.self) { try await client.shop() }
            #expect(error.isAuthenticationFailure)
            #expect(error.codes == ["invalid_client"])
            #expect(error.status == 400)
            #expect(!"\(error)".contains("shpss_wrong"))
            #expect(sim.grantedTokenCount == 0)
            try await client.shutdown()
        }
    }
}
