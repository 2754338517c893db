import Foundation
import HTTPTypes
import Hummingbird
import LogixCore

/// Says how long the server spent on a page, in the standard `Server-Timing` header: a browser's developer
/// tools show it, and `logix bench dashboard` reads it to hold every page under its budget.
struct ServerTimingMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let clock: any LogixClock

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = clock.now()
        var response = try await next(request, context)
        let milliseconds = clock.now().timeIntervalSince(start) * 1000
        response.headers[.serverTiming] = "app;dur=\(String(format: "%.1f", milliseconds))"
        return response
    }
}

extension HTTPField.Name {
    static let serverTiming = HTTPField.Name("Server-Timing")!
}
