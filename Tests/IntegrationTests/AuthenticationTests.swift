import Foundation
import Pacing
import Testing
import WooCommerce
import WooSim

/// The three ways WooCommerce authenticates, over real http and https to the simulated store.
@Suite struct AuthenticationTests {
    @Test func oauth1OverPlainHTTP() async throws {
        try await StoreHarness.with(authentication: .oauth1) { store in
            let page = try await store.client.listOrders(WooOrderQuery(perPage: 3))
            #expect(page.items.count == 3)
            #expect(store.client.authenticationMode == .oauth1)
            // Writes are signed too (the JSON body is not part of the signature).
            let updated = try await store.client.updateOrder(id: page.items[0].id, WooOrderUpdate(status: .onHold))
            #expect(updated.status == .onHold)
        }
    }

    @Test func oauth1SignedWithTheWrongSecretIsRefused() async throws {
        try await StoreHarness.with(
            authentication: .oauth1,
            keys: .readWriteKey(secret: "cs_wrong")
        ) { store in
            let error = try await #require(throws: WooCommerceError.self) {
                try await store.client.listOrders()
            }
            #expect(error.status == 401)
            #expect(error.wooCode == "woocommerce_rest_authentication_error")
            #expect(error.wooMessage == "Invalid signature - provided signature does not match.")
            #expect(error.attempts == 1)
            #expect(!error.description.contains("cs_wrong"))
        }
    }

    @Test func basicOverPlainHTTPIsIgnoredByTheStore() async throws {
        try await StoreHarness.with(authentication: .basic) { store in
            let error = try await #require(throws: WooCommerceError.self) {
                try await store.client.listOrders()
            }
            #expect(error.status == 401)
            #expect(error.wooCode == "woocommerce_rest_cannot_view")
        }
    }

    @Test(arguments: [WooAuthenticationMode.basic, .queryString, .auto])
    func httpsModesWork(mode: WooAuthenticationMode) async throws {
        try await StoreHarness.with(tls: true, authentication: mode) { store in
            let page = try await store.client.listOrders(WooOrderQuery(perPage: 2))
            #expect(page.items.count == 2)
            #expect(store.client.authenticationMode == (mode == .auto ? .basic : mode))
        }
    }

    @Test func autoFallsBackToQueryStringWhenTheHostStripsAuthorizationAndRemembers() async throws {
        try await StoreHarness.with(tls: true, stripsAuthorizationHeader: true) { store in
            let client = store.client
            _ = try await client.listOrders(WooOrderQuery(perPage: 1))
            #expect(client.requestCount == 2)  // Basic refused as anonymous, then the query string
            #expect(client.authenticationMode == .queryString)
            _ = try await client.listOrders(WooOrderQuery(perPage: 1))
            #expect(client.requestCount == 3)  // remembered: straight to the query string
        }
    }

    @Test func basicAloneFailsWhenTheHostStripsAuthorization() async throws {
        try await StoreHarness.with(tls: true, stripsAuthorizationHeader: true, authentication: .basic) { store in
            let error = try await #require(throws: WooCommerceError.self) { try await store.client.listOrders() }
            #expect(error.wooCode == "woocommerce_rest_cannot_view")
        }
    }

    @Test(arguments: [false, true])
    func wrongSecretFailsAtOnceWithTheStoresCode(tls: Bool) async throws {
        try await StoreHarness.with(
            tls: tls,
            keys: .readWriteKey(secret: "cs_" + String(repeating: "0", count: 40))
        ) { store in
            let error = try await #require(throws: WooCommerceError.self) { try await store.client.listOrders() }
            #expect(error.status == 401)
            #expect(error.wooCode == "woocommerce_rest_authentication_error")
            #expect(error.isAuthenticationFailure)
            #expect(store.client.requestCount == 1)
        }
    }

    @Test func unknownKeyOverHTTPSIsTriedBothWaysThenFails() async throws {
        try await StoreHarness.with(
            tls: true, keys: .custom(WooCredentials(consumerKey: "ck_nope", consumerSecret: "cs_nope"))
        ) { store in
            let error = try await #require(throws: WooCommerceError.self) { try await store.client.listOrders() }
            #expect(error.wooCode == "woocommerce_rest_cannot_view")
            #expect(store.client.requestCount == 2)
            #expect(store.client.authenticationMode == nil)
        }
    }

    @Test func readOnlyKeyCannotWrite() async throws {
        try await StoreHarness.with(
            tls: true,
            keys: .readOnly
        ) { store in
            let page = try await store.client.listOrders(WooOrderQuery(perPage: 1))
            let error = try await #require(throws: WooCommerceError.self) {
                try await store.client.updateOrder(id: page.items[0].id, WooOrderUpdate(status: .completed))
            }
            #expect(error.status == 401)
            #expect(error.wooMessage == "The API key provided does not have write permissions.")
        }
    }

    @Test func untrustedCertificateIsRefused() async throws {
        var configuration = WooSimConfiguration()
        configuration.tls = true
        configuration.orderCount = 5
        let sim = try await WooSim.start(configuration)
        let client = try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                retryPolicy: .none))
        let error = await #expect(throws: WooCommerceError.self) { try await client.listOrders() }
        #expect(error?.kind == .transport)
        #expect(error?.status == nil)
        try await client.shutdown()
        await sim.stop()
    }

    @Test func unreadableCertificateAuthorityIsAConfigurationError() {
        #expect(throws: WooCommerceError.self) {
            try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: "https://shop.example.com",
                    credentials: WooCredentials(consumerKey: "ck", consumerSecret: "cs"),
                    trustedCertificateAuthoritiesPEM: "not a certificate"))
        }
    }
}
