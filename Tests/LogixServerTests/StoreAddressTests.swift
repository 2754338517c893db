import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import NIOCore
import Synchronization
import Testing
import WooSim

@testable import LogixServer
@testable import Sync

/// Issue 11, defect 2: a store URL reaches only globally reachable addresses — every IANA special-purpose
/// range of both families, IPv4 embedded in IPv6, this host's own addresses — checked at create and again at
/// the address each connection uses (DNS rebinding), with no redirect followed (ARCHITECTURE.md, "Store URL is
/// input").
@Suite struct StoreAddressTests {
    static let nonPublic = [
        "http://192.0.2.1", "http://198.51.100.7", "http://203.0.113.9", "http://198.18.0.1", "http://198.19.255.1",
        "http://192.0.0.8", "http://192.88.99.1", "http://100.64.0.1", "http://240.0.0.1", "http://255.255.255.255",
        "http://224.0.0.1", "http://0.1.2.3", "http://[::127.0.0.1]", "http://[::7f00:1]", "http://[::ffff:0:7f00:1]",
        "http://[::ffff:127.0.0.1]", "http://[::ffff:a00:1]", "http://[64:ff9b::7f00:1]", "http://[64:ff9b::a00:1]",
        "http://[64:ff9b:1::808:808]", "http://[2002:7f00:1::1]", "http://[2002:c0a8:101::1]", "http://[100::1]",
        "http://[2001:db8::1]", "http://[2001::1]", "http://[2001:2::1]", "http://[3fff::1]", "http://[fc00::1]",
        "http://[fd12:3456::1]", "http://[fe80::1]", "http://[fec0::1]", "http://[ff02::1]", "http://[::]",
        "http://[::1]", "http://[5f00::1]", "http://[::8.8.8.8]",
    ]

    static func create(_ server: ServerHarness, url: String, verify: Bool) async throws -> TestResponse {
        let sim = try #require(server.sim)
        return try await server.request(
            .post, "/api/v1/woocommerce/integrations", token: server.alice,
            json: """
                {"store_url": "\(url)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                 "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "x",
                 "verify": \(verify)}
                """)
    }

    @Test func everyNonPublicAddressFormIsRefusedAtCreateEvenUnverified() async throws {
        // This machine's own addresses, whatever range they are in (a public eth0 too).
        let own = StoreURLPolicy.systemInterfaceAddresses().compactMap(\.ipAddress).filter { !$0.contains("%") }
            .map { $0.contains(":") ? "http://[\($0)]" : "http://\($0)" }
        try await ServerHarness.with(store: true, allowPrivateStores: false) { server in
            for url in Self.nonPublic + own {
                let refused = try await Self.create(server, url: url, verify: false)
                #expect(refused.status == .unprocessableContent, "\(url): \(refused.text)")
                #expect(refused.errorCode == "store_url_not_allowed", "\(url)")
                let fields = (try? refused.json()["error"] as? [String: Any])?["fields"] as? [String: String]
                #expect(fields?["store_url"] != nil, "\(url)")
            }
        }
    }

    @Test func publicAddressesAndTheirIPv6FormsPass() async throws {
        let policy = StoreURLPolicy(allowsPrivateAddresses: false, interfaceAddresses: { [] })
        for url in [
            "https://8.8.8.8", "https://[2606:4700:4700::1111]", "https://[64:ff9b::808:808]",
            "https://[2002:808:808::1]",
        ] {
            #expect(try await policy.check(url) == url)
        }
    }

    @Test func anAddressOfThisHostIsRefusedEvenWhenPublic() async throws {
        let own = try SocketAddress(ipAddress: "8.8.4.4", port: 0)
        let policy = StoreURLPolicy(allowsPrivateAddresses: false, interfaceAddresses: { [own] })
        await #expect(throws: SyncError.self) { try await policy.check("https://8.8.4.4") }
        #expect(try await policy.check("https://8.8.8.8") == "https://8.8.8.8")
    }

    /// A name that resolves to a public address when the URL is checked and to the store on loopback when a
    /// client connects: the client connects only where the address it checked leads.
    @Test func aNameRebindingToLoopbackIsRefusedWhenTheClientConnects() async throws {
        let sim = try await WooSim.start()
        do {
            try await rebinding(to: sim)
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    private func rebinding(to sim: WooSim) async throws {
        let port = try #require(URLComponents(string: sim.baseURL)?.port)
        let answers = Mutex(0)
        let policy = StoreURLPolicy(
            allowsPrivateAddresses: false,
            resolve: { host, port in
                #expect(host == "shop.rebind.test")
                let first = answers.withLock { count in
                    defer { count += 1 }
                    return count == 0
                }
                return [try SocketAddress(ipAddress: first ? "93.184.216.34" : "127.0.0.1", port: port)]
            }, interfaceAddresses: { [] })
        try await ServerHarness.with(store: false, allowPrivateStores: false, storePolicy: policy) { server in
            let created = try await server.request(
                .post, "/api/v1/woocommerce/integrations", token: server.alice,
                json: """
                    {"store_url": "http://shop.rebind.test:\(port)", "consumer_key": "\(sim.readWriteKeys.consumerKey)",
                     "consumer_secret": "\(sim.readWriteKeys.consumerSecret)", "integration_name": "x", "verify": false}
                    """)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.json()["id"] as? Int)
            let tested = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/test", token: server.alice)
            #expect(tested.status == .unprocessableContent, "\(tested.text)")
            #expect(tested.errorCode == "store_url_not_allowed")
            #expect(tested.text.contains("127.0.0.1"))
            // A sync goes through the same clients.
            try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(id)/sync?wait=true", token: server.alice,
                json: #"{"mode": "full"}"#)
        }
        #expect(await sim.requestCount == 0, "nothing reached the store on loopback")
    }

    /// A store that answers with a redirect — here to another server on loopback, which the test allows — is
    /// refused with what to do, and the redirect is not followed.
    @Test func aRedirectIsNotFollowedAndIsExplained() async throws {
        let target = try await WooSim.start()
        var configuration = WooSimConfiguration()
        configuration.frontage = .redirect(to: target.baseURL + "/wp-json/wc/v3?consumer_key=ck_echoed")
        let redirecting = try await WooSim.start(configuration)
        do {
            try await redirect(from: redirecting, to: target)
        } catch {
            await target.stop()
            await redirecting.stop()
            throw error
        }
        await target.stop()
        await redirecting.stop()
    }

    private func redirect(from redirecting: WooSim, to target: WooSim) async throws {
        try await ServerHarness.with(store: false) { server in
            let refused = try await server.request(
                .post, "/api/v1/woocommerce/integrations", token: server.alice,
                json: """
                    {"store_url": "\(redirecting.baseURL)", "consumer_key": "\(target.readWriteKeys.consumerKey)",
                     "consumer_secret": "\(target.readWriteKeys.consumerSecret)", "integration_name": "x"}
                    """)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.errorCode == "store_redirected")
            #expect(refused.text.contains(target.baseURL))
            #expect(!refused.text.contains("ck_echoed"))
        }
        #expect(await target.requestCount == 0, "the redirect was not followed")
        #expect(await redirecting.requestCount == 1)
    }
}
