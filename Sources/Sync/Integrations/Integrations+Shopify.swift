import Foundation
import Logging
import LogixCore
import Shopify
import Storage

extension Integrations {
    /// The platform value of Shopify integrations.
    static let shopifyPlatform = ChannelPlatform.shopify.rawValue

    /// Connects a Shopify shop: its address checked against the URL policy, the access token against the shop
    /// (`shop { … }`, unless `verify` is false), then the integration stored with the token and the app's API
    /// secret sealed. Nothing is stored when a check fails.
    ///
    /// The access token is kept where WooCommerce keeps its consumer key, the API secret where it keeps its
    /// consumer secret and, since Shopify signs every webhook delivery with it, as the webhook secret too.
    ///
    /// An app made in the Dev Dashboard (every new app since 2026-01-01) has no static token: give its
    /// `clientID` instead of `accessToken`, with its client secret as `apiSecret`, and Logix asks the shop for
    /// 24-hour tokens itself (the client credentials grant).
    ///
    /// - Parameter shopDomain: the permanent `{shop}.myshopify.com` handle (or just `{shop}`); an address with a
    ///   scheme (`http://127.0.0.1:8091`, a simulated shop) is taken as it is.
    public func createShopify(
        userID: Int64, shopDomain: String?, accessToken: String?, clientID: String? = nil, apiSecret: String?,
        settings change: IntegrationSettingsChange, verify: Bool = true
    ) async throws -> IntegrationRecord {
        var problems: [String: String] = [:]
        let domain = shopDomain?.trimmingCharacters(in: .whitespaces) ?? ""
        let token = accessToken?.trimmingCharacters(in: .whitespaces) ?? ""
        let client = clientID?.trimmingCharacters(in: .whitespaces) ?? ""
        let secret = apiSecret?.trimmingCharacters(in: .whitespaces) ?? ""
        if domain.isEmpty {
            problems["shop_domain"] = "required"
        } else if !Self.isShopAddress(domain) {
            problems["shop_domain"] = "not a shop: give its {shop}.myshopify.com handle, or just {shop}"
        }
        switch (token.isEmpty, client.isEmpty) {
        case (true, true):
            problems["access_token"] = "required, or client_id for an app made in the Dev Dashboard"
        case (false, false):
            problems["client_id"] = "give access_token or client_id, not both"
        default:
            break
        }
        if secret.isEmpty { problems["api_secret"] = "required" }
        var settings: IntegrationSettings?
        do {
            settings = try change.applied(to: .defaults, platform: .shopify)
            settings?.channel.usesClientCredentials = !client.isEmpty
        } catch let error as SyncError {
            problems.merge(error.fields) { first, _ in first }
        }
        guard problems.isEmpty, let settings else { throw SyncError.invalid(problems) }
        let address = domain.contains("://") ? domain : ShopifyConfiguration.shopURL(forDomain: domain)
        let shopURL = try await stores.policy.check(address)
        try await ensureNotConnected(userID: userID, storeURL: shopURL)

        let credentials = StoreCredentials(
            consumerKey: Secret(client.isEmpty ? token : client), consumerSecret: Secret(secret),
            webhookSecret: Secret(secret))
        if verify { try await verifyShop(shopURL: shopURL, credentials: credentials, settings: settings) }
        let new = try settings.newIntegration(
            userID: userID, platform: Self.shopifyPlatform, storeURL: shopURL, at: clock.now())
        let stored = try await self.credentials.create(new, credentials: credentials)
        logger.info("integration created", metadata: ["integration": "\(stored.id)", "platform": "shopify"])
        return stored
    }

    /// Asks the shop, with `credentials` and the version `settings` pin, who it is, and, when `settings` name a
    /// location, whether it is one of the shop's active locations: a token the shop refuses and a location it
    /// does not have are the user's mistakes (422); anything else is the shop's failure (passed through).
    func verifyShop(shopURL: String, credentials: StoreCredentials, settings: IntegrationSettings) async throws {
        // Through the shop's pacer and cost bucket, like every other request to it.
        let client = try stores.makeShopifyClient(
            shopURL: shopURL, credentials: credentials, pacing: settings.pacing,
            apiVersion: settings.channel.apiVersion, clientCredentials: settings.channel.usesClientCredentials)
        do {
            _ = try await ShopifyChannel(client: client, integrationID: 0).testConnection()
            if let id = settings.channel.locationID {
                let locations = try await client.locations()
                if !locations.contains(where: { $0.id.legacyID == id && $0.isActive }) {
                    let active = locations.filter(\.isActive).map { "\($0.id.legacyID) (\($0.name))" }
                    throw SyncError.invalid([
                        "location_id":
                            "no active location \(id) at the shop; its active locations: "
                            + (active.isEmpty ? "none" : active.joined(separator: ", "))
                    ])
                }
            }
            try await client.shutdown()
        } catch let error as ShopifyError {
            try? await client.shutdown()
            guard error.isAuthenticationFailure else { throw error }
            throw settings.channel.usesClientCredentials
                ? Self.shopRefusedClientCredentials(error) : Self.shopRefusedToken(error)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Whether `text` names a shop: a handle (`my-shop`, `my-shop.myshopify.com`: letters, digits and hyphens),
    /// or an address with a scheme and a host (a simulated shop's `http://127.0.0.1:8091`).
    static func isShopAddress(_ text: String) -> Bool {
        if text.contains("://") {
            guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else { return false }
            return ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        }
        var handle = text.lowercased()
        if handle.hasSuffix(".myshopify.com") { handle.removeLast(".myshopify.com".count) }
        return !handle.isEmpty && handle.count <= 63 && !handle.hasPrefix("-")
            && handle.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Client credentials the shop refuses (`invalid_client`), or a granted token without a scope Logix needs.
    static func shopRefusedClientCredentials(_ error: ShopifyError) -> SyncError {
        SyncError(
            .storeRefusedCredentials,
            "the shop refused the app's client credentials (\(error.codes.first ?? error.status.map { "HTTP \($0)" } ?? "refused")"
                + "): copy the client id and secret from the app's settings in Shopify's Dev Dashboard, check the app "
                + "is installed on this shop, and that its version has read_orders, "
                + "write_merchant_managed_fulfillment_orders, read_products, write_inventory and read_locations",
            code: "store_refused_credentials", fields: ["client_id": "refused by the shop"])
    }

    /// A token the shop refuses (401), or one without a scope Logix needs (`ACCESS_DENIED`).
    static func shopRefusedToken(_ error: ShopifyError) -> SyncError {
        SyncError(
            .storeRefusedCredentials,
            "the shop refused the access token (\(error.status.map { "HTTP \($0)" } ?? error.codes.joined(separator: ", "))"
                + "): copy the Admin API access token of the app again, and check it has read_orders, "
                + "write_merchant_managed_fulfillment_orders, read_products, write_inventory and read_locations",
            code: "store_refused_credentials", fields: ["access_token": "refused by the shop"])
    }
}
