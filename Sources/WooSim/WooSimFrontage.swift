import HTTPTypes
import Hummingbird
import NIOCore

/// What answers at the store's address: WooCommerce's REST API, or one of the ways a merchant's URL misses it,
/// so clients can be tested against each.
public enum WooSimFrontage: Sendable, Equatable {
    /// The REST API (the default).
    case wooCommerce
    /// WordPress with "Plain" permalinks: `/wp-json/…` is not routed and every path answers the home page, as
    /// HTML with 200.
    case plainPermalinks
    /// WordPress without WooCommerce: `/wp-json/wc/…` answers WordPress's `rest_no_route` 404.
    case wordPressWithoutWooCommerce
    /// Some other web server: an HTML 404 for every path.
    case notWordPress
    /// Every request answered `302 Found` to `location` (a moved site, or an attempt to lead clients on).
    case redirect(to: String)
}

/// Answers API requests as the configured ``WooSimFrontage`` before any route sees them.
struct SimFrontageMiddleware: RouterMiddleware {
    typealias Context = SimRequestContext
    let frontage: WooSimFrontage

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !request.uri.path.hasPrefix("/__sim") else { return try await next(request, context) }
        switch frontage {
        case .wooCommerce:
            return try await next(request, context)
        case .plainPermalinks:
            return Self.html(
                status: 200, "<!DOCTYPE html><html><head><title>My shop</title></head><body>Welcome</body></html>")
        case .wordPressWithoutWooCommerce:
            guard request.uri.path.hasPrefix("/wp-json/wc") else { return try await next(request, context) }
            throw WooSimError.noRoute
        case .notWordPress:
            return Self.html(
                status: 404, "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>")
        case .redirect(let location):
            var response = Self.html(status: 302, "<html><body>Moved</body></html>")
            response.headers[.location] = location
            return response
        }
    }

    static func html(status: Int, _ body: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "text/html; charset=UTF-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
