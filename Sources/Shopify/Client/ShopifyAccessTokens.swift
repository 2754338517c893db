/// An app's access tokens for one shop by the client credentials grant (`POST /admin/oauth/access_token` with
/// the app's client id and secret): Dev Dashboard apps get tokens that expire after 24 hours, instead of the
/// admin-created custom apps' static token, which no new app has had since 2026-01-01.
///
/// Shared by every client of the same app at the shop (like ``ShopifyCostBucket``), so one token serves them
/// all and is asked for again only shortly before it runs out, or when the shop refuses it (401). Holds the
/// client secret; never prints it.
public actor ShopifyAccessTokens: CustomStringConvertible {
    /// The app's client id (its API key): not a secret.
    public let clientID: String
    let clientSecret: String
    /// How long before its expiry a token is replaced, so that no request leaves with one about to run out.
    let margin: Duration
    /// The token held and when it runs out, on the clients' ``ShopifyClock``.
    private var current: (token: String, expiresAt: Duration)?
    private var issued = 0

    public init(clientID: String, clientSecret: String, renewBefore margin: Duration = .seconds(300)) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.margin = margin
    }

    /// How many tokens the shop has issued to this app through these credentials so far.
    public var tokensIssued: Int { issued }

    /// The token to send at `now`, if one is held and not about to run out.
    func token(at now: Duration) -> String? {
        guard let current, now + margin < current.expiresAt else { return nil }
        return current.token
    }

    /// Keeps a token the shop just issued.
    func keep(_ token: String, expiresIn seconds: Int, at now: Duration) {
        current = (token, now + .seconds(max(0, seconds)))
        issued += 1
    }

    /// Forgets `token` after the shop refused it (revoked, or expired early), so the next request asks anew;
    /// a newer token another request already fetched is kept.
    func forget(_ token: String) {
        if current?.token == token { current = nil }
    }

    public nonisolated var description: String { "ShopifyAccessTokens(clientID: \(clientID), secret: <redacted>)" }
}
