import Foundation
import Pacing
import Synchronization
import Testing
import WooCommerce
import WooSim

/// `WooCommerceConfiguration.addressDecision`: the caller decides, once, the one address a client connects to
/// (issue 11, defect 2: DNS rebinding) — the name is never resolved again, and a refused address is sent nothing.
@Suite struct AddressDecisionTests {
    static func port(of sim: WooSim) throws -> Int {
        try #require(URLComponents(string: sim.baseURL)?.port)
    }

    /// `shop.invalid` resolves nowhere (RFC 6761): that the store answers proves the client connected to the
    /// decided address and never resolved the name itself.
    @Test func theClientConnectsOnlyToTheDecidedAddress() async throws {
        let sim = try await WooSim.start()
        let asked = Mutex<[String]>([])
        do {
            let port = try Self.port(of: sim)
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: "http://shop.invalid:\(port)",
                    credentials: WooCredentials(
                        consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                    retryPolicy: RetryPolicy(maximumAttempts: 1),
                    addressDecision: { host, port in
                        asked.withLock { $0.append("\(host):\(port)") }
                        return .connect(to: "127.0.0.1")
                    }))
            // The index answers; the signed request after it fails the store's signature check, because the
            // signature covers the name the client was given: both reached the store.
            let error = await #expect(throws: WooCommerceError.self) { try await client.testConnection() }
            #expect(error?.kind == .http, "\(String(describing: error))")
            #expect(error?.status == 401)
            try await client.shutdown()
            #expect(await sim.requestCount == 2)
            #expect(asked.withLock { $0 } == ["shop.invalid:\(port)"], "decided once, for the first request")
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    @Test func aRefusedAddressIsSentNothing() async throws {
        let sim = try await WooSim.start()
        do {
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: sim.baseURL,
                    credentials: WooCredentials(
                        consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                    addressDecision: { _, _ in .refused("loopback") }))
            let error = await #expect(throws: WooCommerceError.self) { try await client.testConnection() }
            #expect(error?.kind == .addressRefused)
            #expect(
                error?.description.contains("GET /wp-json/wc/v3 (loopback)") == true, "\(String(describing: error))")
            try await client.shutdown()
            #expect(await sim.requestCount == 0)
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }
}
