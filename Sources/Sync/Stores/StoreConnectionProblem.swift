import WooCommerce

/// What is wrong with a store connection when a merchant connects or tests it, in words they can act on:
/// each case a 422 with its own code and the field to change; never the store's raw answer (HTML) or a secret.
/// Failures that are the store's own trouble (a 5xx) are not a problem of the connection and pass through.
enum StoreConnectionProblem {
    /// The ``SyncError`` for a failure at create, update or test; `nil` when the failure is not one of these.
    static func syncError(for error: WooCommerceError) -> SyncError? {
        let request = "\(error.method) \(error.path.isEmpty ? "/wp-json/wc/v3" : error.path)"
        switch error.kind {
        case .addressRefused:
            let reason = error.detail ?? "the store's address is not allowed"
            return SyncError(
                .invalidFields, "store_url \(reason)", code: "store_url_not_allowed", fields: ["store_url": reason])
        case .http where (300..<400).contains(error.status ?? 0):
            let reason =
                "the store answers \(request) with a redirect (HTTP \(error.status ?? 0)"
                + (error.redirectLocation.map { " to \($0)" } ?? "")
                + "); Logix does not follow redirects: enter the address the store redirects to"
            return SyncError(
                .invalidFields, reason, code: "store_redirected", fields: ["store_url": "redirects elsewhere"])
        case .transport, .timeout:
            let what =
                error.kind == .timeout
                ? "no answer in time" : Self.plainTransportFailure(error.detail ?? "the connection failed")
            let reason =
                "nothing answers at \(error.store) (\(request): \(what)); check the address and that the site is online"
            return SyncError(
                .invalidFields, reason, code: "store_unreachable", fields: ["store_url": "nothing answers there"])
        case .http where error.isNotWooCommerceAnswer, .decoding where error.path.isEmpty:
            let answer =
                error.kind == .decoding
                ? "a page that is not the REST index" : "HTTP \(error.status ?? 0)"
            let reason =
                "\(error.store) answers, but not as a WooCommerce REST API (\(request) → \(answer)): check that the "
                + "URL is the shop's home address, that WooCommerce is active, and that WordPress's Settings → "
                + "Permalinks is not set to \"Plain\""
            return SyncError(
                .invalidFields, reason, code: "store_not_woocommerce",
                fields: ["store_url": "not a WooCommerce REST API"])
        case .http where error.status == 401 || error.status == 403:
            return SyncError(
                .storeRefusedCredentials,
                "the store refused the keys (\(request) → HTTP \(error.status ?? 0)): "
                    + (error.wooMessage ?? "check the consumer key and secret"),
                code: error.wooCode ?? "store_refused_credentials",
                fields: ["consumer_key": error.wooCode ?? "refused"])
        default:
            return nil
        }
    }

    /// A transport failure in a few words: what AsyncHTTPClient and NIO say is not for merchants.
    static func plainTransportFailure(_ detail: String) -> String {
        let lowered = detail.lowercased()
        if lowered.contains("refused") { return "connection refused" }
        if lowered.contains("dns") || lowered.contains("resolve") || lowered.contains("getaddrinfo") {
            return "the host name does not resolve"
        }
        if lowered.contains("unreachable") { return "the network cannot reach it" }
        if lowered.contains("certificate") || lowered.contains("ssl") || lowered.contains("tls") {
            return "its TLS certificate is not trusted"
        }
        return "the connection failed"
    }
}

extension WooCommerceError {
    /// Whether the answer shows the URL does not lead to WooCommerce's REST API: a 404 (no such route, or no
    /// WordPress there), WordPress's `rest_no_route`, or a body that is not JSON where WooCommerce always
    /// answers JSON (a web page).
    var isNotWooCommerceAnswer: Bool {
        guard kind == .http else { return false }
        if status == 404 || wooCode == "rest_no_route" { return true }
        return wooCode == nil && detail?.hasPrefix("non-JSON body") == true && (status ?? 0) < 500
    }
}
