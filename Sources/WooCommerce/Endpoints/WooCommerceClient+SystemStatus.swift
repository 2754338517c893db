import Foundation
import Logging
import NIOHTTP1

extension WooCommerceClient {
    /// `GET /system_status?_fields=environment,settings`. Needs a key whose user can `manage_woocommerce`.
    public func systemStatus() async throws -> WooSystemStatus {
        try await send(
            WooRequest(.GET, "system_status", query: [WooQueryItem("_fields", "environment,settings")]),
            as: WooSystemStatus.self)
    }

    /// Checks that the store is reachable and the credentials work, and says what the store runs.
    ///
    /// First `GET /wp-json/wc/v3` without credentials (is it a WooCommerce store at all?), then the system
    /// status with credentials. A key whose user may not read the system status is still checked with
    /// `GET /orders?per_page=1&_fields=id`. Throws the store's own error when the credentials are refused.
    public func testConnection() async throws -> WooConnectionReport {
        let clock = ContinuousClock()
        let start = clock.now
        let index = WooRequest(.GET, "", authenticated: false)
        // A web page answered with 200 (WordPress with plain permalinks serves its home page for every path)
        // is no REST index: said here, before the keys are blamed for it.
        _ = try await send(index, as: WooRESTIndex.self)
        let reachableAfter = start.duration(to: clock.now)

        let authStart = clock.now
        do {
            let status = try await systemStatus()
            return WooConnectionReport(
                storeURL: storeURL, wooCommerceVersion: status.wooCommerceVersion,
                wordPressVersion: status.wordPressVersion, hposEnabled: status.hposEnabled,
                currency: status.currency, authenticationMode: transport.currentAuthenticationMode,
                latency: authStart.duration(to: clock.now), reachabilityLatency: reachableAfter)
        } catch let error as WooCommerceError where error.status == 403 {
            // Authenticated but not a shop manager: credentials are fine, versions are not visible.
            let orderCheckStart = clock.now
            _ = try await send(
                WooRequest(
                    .GET, "orders", query: [WooQueryItem("per_page", "1"), WooQueryItem("_fields", "id")]))
            return WooConnectionReport(
                storeURL: storeURL, wooCommerceVersion: nil, wordPressVersion: nil, hposEnabled: nil, currency: nil,
                authenticationMode: transport.currentAuthenticationMode,
                latency: orderCheckStart.duration(to: clock.now), reachabilityLatency: reachableAfter)
        }
    }
}

/// The REST index `GET /wp-json/wc/v3` answers: only what shows it is WooCommerce's.
struct WooRESTIndex: Decodable {
    let namespace: String
}

extension WooCommerceClient {
    /// Whether the keys may write: `POST /orders/batch` with `{}`, a batch of nothing, which changes nothing.
    /// A read/write key gets `200 []`; a read-only key WooCommerce's `401 woocommerce_rest_authentication_error`
    /// "The API key provided does not have write permissions" (as WooCommerce 10.0.2 answers). `nil` when the
    /// store answers something else (a plugin in the way): the probe cannot tell, and must not block what it
    /// only checks. A store that cannot be reached is thrown.
    public func canWrite() async throws -> Bool? {
        do {
            _ = try await send(WooRequest(.POST, "orders/batch", body: Data("{}".utf8), idempotent: true))
            return true
        } catch let error as WooCommerceError where error.isMissingWritePermission {
            return false
        } catch let error as WooCommerceError where error.kind == .http || error.kind == .decoding {
            transport.logger.info(
                "the write-permission probe got an unexpected answer", metadata: ["woo.error": "\(error)"])
            return nil
        }
    }
}

extension WooCommerceError {
    /// Whether the store refused a write because the key has read permission only.
    public var isMissingWritePermission: Bool {
        kind == .http && status == 401 && wooCode == "woocommerce_rest_authentication_error"
            && wooMessage?.lowercased().contains("write permission") == true
    }
}

/// What a connection test found.
public struct WooConnectionReport: Sendable, Hashable {
    public var storeURL: String
    public var wooCommerceVersion: String?
    public var wordPressVersion: String?
    /// Whether the store keeps orders in the HPOS tables.
    public var hposEnabled: Bool?
    public var currency: String?
    /// The authentication mode that worked.
    public var authenticationMode: WooAuthenticationMode
    /// How long the authenticated check took.
    public var latency: Duration
    /// How long the unauthenticated route index took.
    public var reachabilityLatency: Duration
}
