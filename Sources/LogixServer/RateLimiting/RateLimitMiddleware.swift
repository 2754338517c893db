import Foundation
import HTTPTypes
import Hummingbird

/// Answers 429 with `Retry-After` once a key's bucket is empty. The key comes from the request: the caller
/// (after authentication), the client's address, or the integration a webhook is for.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// What a request is counted against.
    public enum Key: Sendable {
        case user
        case clientAddress
        case integration
    }

    let limiter: RateLimiter
    let rule: TokenBucket.Rule
    let key: Key

    public init(limiter: RateLimiter, rule: TokenBucket.Rule, key: Key) {
        self.limiter = limiter
        self.rule = rule
        self.key = key
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let name: String
        switch key {
        case .user: name = "user:\(context.userID.map(String.init) ?? "-")"
        case .clientAddress: name = "address:\(context.remoteAddress?.ipAddress ?? "-")"
        case .integration: name = "integration:\(request.uri.queryParameters["integration"].map(String.init) ?? "-")"
        }
        if case .limited(let wait) = await limiter.take(name, rule: rule) {
            let seconds = max(
                1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
            throw APIError(
                .tooManyRequests, code: "rate_limited", "too many requests; retry in \(seconds) s",
                headers: [.retryAfter: String(seconds)])
        }
        return try await next(request, context)
    }
}
