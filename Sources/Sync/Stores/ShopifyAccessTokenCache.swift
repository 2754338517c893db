import Shopify
import Synchronization

/// The client credentials of every Shopify app this process reaches, one ``Shopify/ShopifyAccessTokens`` per
/// shop and app, so every client of the same app at the same shop (import, webhooks, outbox, catalogue) sends
/// the one granted token, and a new one is asked for once a day, not once a client.
///
/// Keyed by the shop, the client id and the secret too, so new credentials (a `PATCH`) start afresh.
public final class ShopifyAccessTokenCache: Sendable {
    private let tokens = Mutex<[String: ShopifyAccessTokens]>([:])

    public init() {}

    /// The app's tokens at the shop, made on first use.
    public func tokens(shopURL: String, clientID: String, clientSecret: String) -> ShopifyAccessTokens {
        let key = [ShopifyCostBuckets.shopKey(shopURL), clientID, clientSecret].joined(separator: "\u{0}")
        return tokens.withLock { tokens in
            if let existing = tokens[key] { return existing }
            let made = ShopifyAccessTokens(clientID: clientID, clientSecret: clientSecret)
            tokens[key] = made
            return made
        }
    }
}
