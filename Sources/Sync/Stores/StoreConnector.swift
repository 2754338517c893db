import Foundation
import Logging
import WooCommerce

/// Makes channel clients for integrations (WooCommerce here, Shopify in `StoreConnector+Shopify.swift`): the
/// store URL through ``StoreURLPolicy``, the operator's CA file for stores behind a private CA, secrets only
/// from the vault, one pacer per store.
public struct StoreConnector: Sendable {
    public let policy: StoreURLPolicy
    /// PEM of extra certificate authorities to trust (`LOGIX_STORE_CA_FILE`).
    public let trustedCertificateAuthoritiesPEM: String?
    /// How the clients decode orders (the fast reader; a benchmark compares it with Codable).
    public let orderDecoding: WooOrderDecoding
    /// The stores' pacers: every client this connector makes for a store sends through that store's one.
    public let pacers: StorePacers
    /// The Shopify shops' cost buckets: every client of a shop spends from its one.
    public let shopifyBuckets = ShopifyCostBuckets()
    /// Every Shopify app's granted tokens, per shop (client credentials).
    public let shopifyTokens = ShopifyAccessTokenCache()
    let logger: Logger

    public init(
        policy: StoreURLPolicy, trustedCertificateAuthoritiesPEM: String?, orderDecoding: WooOrderDecoding = .reader,
        pacers: StorePacers = StorePacers(), logger: Logger
    ) {
        self.policy = policy
        self.trustedCertificateAuthoritiesPEM = trustedCertificateAuthoritiesPEM
        self.orderDecoding = orderDecoding
        self.pacers = pacers
        self.logger = logger
    }

    /// Runs `body` with a client for the store, then shuts the client down.
    public func withClient<T: Sendable>(
        storeURL: String, credentials: StoreCredentials, pacing: StorePacing = StorePacing(),
        _ body: (WooCommerceClient) async throws -> T
    ) async throws -> T {
        let client = try makeClient(storeURL: storeURL, credentials: credentials, pacing: pacing)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The policy's address decision for clients, unless private stores are allowed (then names resolve as
    /// usual): every client connects only to the address checked before its first request.
    var addressDecision: (@Sendable (String, Int) async -> WooAddressDecision)? {
        guard !policy.allowsPrivateAddresses else { return nil }
        let policy = self.policy
        return { host, port in await policy.addressDecision(host: host, port: port) }
    }

    /// A client for the store, sending through the store's pacer with these caps; the caller shuts it down.
    public func makeClient(
        storeURL: String, credentials: StoreCredentials, pacing: StorePacing = StorePacing()
    ) throws -> WooCommerceClient {
        try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: storeURL,
                credentials: WooCredentials(
                    consumerKey: credentials.consumerKey.revealed, consumerSecret: credentials.consumerSecret.revealed),
                connectTimeout: .seconds(10), requestTimeout: .seconds(30),
                trustedCertificateAuthoritiesPEM: trustedCertificateAuthoritiesPEM, orderDecoding: orderDecoding,
                addressDecision: addressDecision, pacer: pacers.pacer(storeURL: storeURL, pacing: pacing)),
            logger: logger)
    }
}
