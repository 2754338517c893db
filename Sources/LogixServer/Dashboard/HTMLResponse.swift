import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A dashboard page as a response: HTML that is never cached (it shows one user's data) and that may load
/// nothing but what this server serves (ARCHITECTURE.md, "The dashboard": works offline).
struct HTMLResponse: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: HTML
    var headers: HTTPFields = [:]

    /// What every page may load: its own origin, images as `data:`; no inline script, no frames.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        headers[.xFrameOptions] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.markup)))
    }

    /// After a form: "see other" to the page that shows the result, so reloading does not submit again.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
