import Foundation
import Hummingbird

extension ShopifyRoutes {
    /// `POST /admin/oauth/access_token` with `grant_type=client_credentials` (a JSON or form body): the app's
    /// client id and secret buy a token valid for the configured lifetime. Wrong credentials answer 400
    /// `invalid_client`, as an OAuth server does; Shopify's exact wording is not established.
    func addOAuthRoutes(to router: Router<ShopifyRequestContext>) {
        router.post("/admin/oauth/access_token") { request, context -> Response in
            self.requests.increment()
            var request = request
            let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            let fields = Self.grantFields(body, contentType: request.headers[.contentType] ?? "")
            guard fields["grant_type"] == "client_credentials" else {
                return Self.oauthError("unsupported_grant_type", "only client_credentials is served here")
            }
            guard fields["client_id"] == self.grants.clientID, fields["client_secret"] == self.clientSecret,
                !(await self.store.isUninstalled)
            else {
                return Self.oauthError("invalid_client", "Client authentication failed")
            }
            let granted = self.grants.grant()
            return ShopifyResponse.json(
                .object([
                    ("access_token", .string(granted.token)),
                    (
                        "scope",
                        .string(
                            "read_orders,write_merchant_managed_fulfillment_orders,read_products,"
                                + "write_inventory,read_locations")
                    ),
                    ("expires_in", .number(String(granted.expiresIn))),
                ]))
        }
    }

    private static func oauthError(_ code: String, _ description: String) -> Response {
        ShopifyResponse.json(
            .object([("error", .string(code)), ("error_description", .string(description))]), status: 400)
    }

    /// The grant's fields, from JSON (`{"client_id": …}`) or a form (`client_id=…&…`).
    private static func grantFields(_ body: [UInt8], contentType: String) -> [String: String] {
        if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            var fields: [String: String] = [:]
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            return fields
        }
        guard let json = try? JSONParser.parse(body) else { return [:] }
        var fields: [String: String] = [:]
        for key in ["client_id", "client_secret", "grant_type"] {
            if let value = json[key]?.stringValue { fields[key] = value }
        }
        return fields
    }
}
