import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

@testable import ShopifySim

@Suite("ShopifySim serving: auth, headers, versions, faults")
struct ServingTests {
    struct ShopData: Decodable {
        var shop: Shop

        struct Shop: Decodable {
            var id: String
            var name: String
            var myshopifyDomain: String
            var currencyCode: String
            var ianaTimezone: String
        }
    }

    static let shopQuery = "{ shop { id name myshopifyDomain currencyCode ianaTimezone } }"

    @Test("a wrong token gets Shopify's exact 401; the right one the shop, with a request id and the version")
    func authentication() async throws {
        try await withSim { sim, client in
            let refused = try await client.graphQL(Self.shopQuery, token: "shpat_wrong")
            #expect(refused.status == 401)
            #expect(
                refused.text
                    == "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")
            #expect(refused.header("WWW-Authenticate") == "Basic Realm=\"Shopify API Authentication\"")
            #expect(refused.header("X-Request-Id") != nil)

            let reply = try await client.graphQL(Self.shopQuery)
            #expect(reply.status == 200)
            let answer = try reply.answer(ShopData.self)
            #expect(answer.data?.shop.myshopifyDomain == sim.shopDomain)
            #expect(sim.shopDomain == "logix-sim.myshopify.com")
            #expect(answer.data?.shop.id.hasPrefix("gid://shopify/Shop/") == true)
            #expect(answer.data?.shop.currencyCode == "EUR")
            #expect(answer.errors == nil)
            let requestId = try #require(reply.header("X-Request-Id"))
            #expect(requestId.split(separator: "-").count == 6)
            #expect(reply.header("X-Shopify-API-Version") == "2026-04")
            #expect(sim.accessToken.hasPrefix("shpat_"))
            #expect(sim.apiSecret.hasPrefix("shpss_"))
        }
    }

    @Test("an unsupported version is served by the oldest supported one, without an error")
    func fallForward() async throws {
        try await withSim { _, client in
            let old = try await client.graphQL(Self.shopQuery, version: "2024-01")
            #expect(old.status == 200)
            #expect(old.header("X-Shopify-API-Version") == "2026-01")
            #expect(try old.answer(ShopData.self).data != nil)
            let current = try await client.graphQL(Self.shopQuery, version: "2026-07")
            #expect(current.header("X-Shopify-API-Version") == "2026-07")
        }
    }

    @Test("a bare query with Content-Type application/graphql is served too")
    func bareQuery() async throws {
        try await withSim { sim, client in
            var request = HTTPClientRequest(url: sim.graphQLURL())
            request.method = .POST
            request.headers.add(name: "X-Shopify-Access-Token", value: sim.accessToken)
            request.headers.add(name: "Content-Type", value: "application/graphql")
            request.body = .bytes(ByteBuffer(string: Self.shopQuery))
            let response = try await client.client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            let answer = try JSONDecoder().decode(GraphQLAnswer<ShopData>.self, from: Data(buffer: body))
            #expect(answer.data?.shop.name == "logix-sim")
        }
    }

    @Test("uninstalling the app fires app/uninstalled and revokes the token")
    func uninstall() async throws {
        try await withSim { sim, client in
            await sim.uninstallApp()
            let refused = try await client.graphQL(Self.shopQuery)
            #expect(refused.status == 401)
        }
    }

    @Test("scripted faults: HTML 503, 429 with Retry-After, 402 Unavailable Shop, and a 504 after the write happened")
    func faults() async throws {
        try await withSim { sim, client in
            await sim.failNext(status: 503)
            let unavailable = try await client.graphQL(Self.shopQuery)
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(unavailable.text.contains("<html>"))

            await sim.failNext(status: 429, retryAfter: 2)
            let limited = try await client.graphQL(Self.shopQuery)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "2")

            await sim.setFaults(ShopifySimFaults(shopUnavailableStatus: 402))
            let frozen = try await client.graphQL(Self.shopQuery)
            #expect(frozen.status == 402)
            #expect(frozen.text == "{\"errors\":\"Unavailable Shop\"}")
            await sim.setFaults(.none)

            await sim.failAfterHandlingNext()
            let create =
                "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: {uri: \"https://example.com/h\", format: JSON}) { webhookSubscription { id } userErrors { field message } } }"
            let lost = try await client.graphQL(create)
            #expect(lost.status == 504)
            #expect(await sim.webhookSubscriptions.count == 1)
            #expect(try await client.graphQL(Self.shopQuery).status == 200)
        }
    }

    @Test("injected latency delays every API answer but not the control API")
    func latency() async throws {
        try await withSim { sim, client in
            // A latency far above what a loaded machine adds to a loopback request, so "not delayed" cannot be
            // mistaken for "delayed": with the whole suite and the chaos run beside it, CI once took 5.9 s to
            // answer the control API, so 5 s was not.
            let latency = Duration.seconds(20)
            await sim.setFaults(ShopifySimFaults(latencyMilliseconds: 20_000))
            let start = ContinuousClock.now
            let reply = try await client.graphQL(Self.shopQuery)
            #expect(reply.status == 200)
            #expect(ContinuousClock.now - start >= latency)
            let control = ContinuousClock.now
            _ = try await client.send(.GET, sim.baseURL + "/__sim/faults")
            #expect(ContinuousClock.now - control < latency)
        }
    }

    @Test("a dropped connection gets no answer at all")
    func dropped() async throws {
        try await withSim { sim, client in
            await sim.dropNext()
            await #expect(throws: (any Error).self) { _ = try await client.graphQL(Self.shopQuery) }
            let served = try await client.graphQL(Self.shopQuery)
            #expect(served.status == 200)
        }
    }
}
