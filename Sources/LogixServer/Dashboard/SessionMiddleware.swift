import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Sync

/// Opens the dashboard's pages to a signed-in user only, and its forms to the pages it served only.
///
/// - No live session (no cookie, an expired or ended one, a user disabled or whose password changed since):
///   every request is sent to the sign-in page, so a signed-out browser finds every page closed.
/// - A form (any POST) must carry the session's `csrf_token`; the session cookie is also `SameSite=Strict`,
///   and a request whose `Origin` names another site is refused outright.
/// - On pages open to everyone (the guides), `required` is false: a live session only dresses the page for its
///   user, and without one the page is served signed out.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let cookieName = "logix_session"

    let sessions: DashboardSessions
    let access: UserAccess
    var required = true

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = request.cookies[Self.cookieName]?.value,
            let session = try await sessions.resume(token: token), let user = try await standingUser(of: session)
        else {
            guard required else { return try await next(request, context) }
            return HTMLResponse.seeOther(SignInPages.signInPath(returningTo: request))
        }
        var context = context
        context.userID = session.userID
        context.dashboard = DashboardIdentity(userID: session.userID, email: user.email, csrfToken: session.csrfToken)
        context.logger[metadataKey: "user"] = "\(session.userID)"
        var request = request
        if request.method == .post {
            if let origin = request.headers[.origin], !Self.isSameOrigin(origin, request: request) {
                throw HTTPError(.forbidden, message: "this form came from another site")
            }
            // The body is read once here; the handler reads the same collected bytes.
            let buffer = try await request.collectBody(upTo: 64 * 1024)
            let form = FormData(encoded: String(buffer: buffer))
            guard let sent = form["csrf_token"], DashboardSessions.constantTimeEqual(sent, session.csrfToken) else {
                throw HTTPError(.forbidden, message: "this form has expired; reload the page and send it again")
            }
        }
        return try await next(request, context)
    }

    /// The session's user if they may still use it (exists, enabled, password unchanged since sign-in): the
    /// same cached check as a token's, so a page costs no extra read of the user.
    private func standingUser(of session: DashboardSession) async throws -> StoredUser? {
        do {
            return try await access.check(userID: session.userID, issuedAt: session.createdAt)
        } catch is UserAccess.Refusal {
            return nil
        }
    }

    /// `Origin` against the `Host` the browser asked for: scheme aside, the same host and port.
    static func isSameOrigin(_ origin: String, request: Request) -> Bool {
        guard let host = request.head.authority, let url = URL(string: origin),
            let originHost = url.host
        else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }
}
