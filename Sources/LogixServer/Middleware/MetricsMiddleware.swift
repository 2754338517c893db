import Hummingbird

/// Counts every response by method and status.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            count(request, status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            count(request, status: error.status.code)
            throw error
        }
    }

    private func count(_ request: Request, status: Int) {
        metrics.increment(
            "logix_http_responses_total", labels: "method=\"\(request.method.rawValue)\",status=\"\(status)\"")
    }
}
