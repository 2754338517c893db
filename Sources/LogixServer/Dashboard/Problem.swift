import HTTPTypes
import Hummingbird
import Logging
import Sync

/// A failure as a dashboard page shows it: translated by the API's own rules (``ErrorMiddleware``), so a page
/// and the API answer the same status and code for the same mistake, with a plain-language hint beside the
/// code where one helps.
struct Problem: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Per-field messages, shown next to their fields.
    var fields: [String: String]
    /// The platform of the store the failure is about, for the hint (a refused key is made again elsewhere in
    /// Shopify than in WooCommerce).
    var platform: ChannelPlatform = .wooCommerce

    init(_ error: any Error, logger: Logger) {
        let api = ErrorMiddleware.apiError(for: error, logger: logger)
        status = api.status
        code = api.code
        message = api.message
        fields = api.fields ?? [:]
    }

    init(status: HTTPResponse.Status, code: String, message: String, fields: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    /// The message, the code (the store's own where it sent one) and what to do about it, with a link to the
    /// code's section of the troubleshooting guide when it has one.
    var html: HTML {
        let hint = ErrorHints.hint(for: code, platform: platform).map { hint -> HTML in #"<p class="hint">\#(hint)</p>"#
        }
        let guide = ErrorHints.troubleshootingPath(for: code).map { path -> HTML in
            #" · <a href="\#(path)">what it means and what to do</a>"#
        }
        return """
            <p>\(message)</p><p>Code: <code>\(code)</code>\(guide)</p>\(hint)
            """
    }
}

/// Turns any error of a dashboard page into an HTML page of the same status — never the API's JSON, never a
/// stack trace.
struct DashboardErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = error as? Problem ?? Problem(error, logger: context.logger)
            let title: String
            switch problem.status {
            case .notFound: title = "Not found"
            case .forbidden: title = "Refused"
            case .tooManyRequests: title = "Too many attempts"
            default: title = problem.status.code >= 500 ? "Something went wrong" : "That did not work"
            }
            let layout = Layout(
                title: title, section: nil, identity: context.dashboard, notice: nil, failure: problem.html)
            // A reader of the guides may not be signed in: the way back is the guides, not the overview.
            let back: HTML =
                request.uri.path.hasPrefix("/docs")
                ? #"<p><a href="/docs">Back to the guides</a></p>"# : #"<p><a href="/">Back to the overview</a></p>"#
            var headers = HTTPFields()
            if let retry = (error as? APIError)?.headers[.retryAfter] { headers[.retryAfter] = retry }
            return try HTMLResponse(status: problem.status, html: layout.render(back), headers: headers)
                .response(from: request, context: context)
        }
    }
}
