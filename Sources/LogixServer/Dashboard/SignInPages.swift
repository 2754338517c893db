import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage
import Sync

/// `GET/POST /sign-in` and `POST /sign-out`: the dashboard's sessions, for the same users as the API.
struct SignInPages {
    let services: ServerServices

    func addRoutes(to open: RouterGroup<AppRequestContext>, limited: RouterGroup<AppRequestContext>) {
        open.get("sign-in", use: form)
        limited.post("sign-in", use: signIn)
    }

    func addSignOut(to group: RouterGroup<AppRequestContext>) {
        group.post("sign-out", use: signOut)
    }

    /// Where a signed-out browser is sent: the sign-in page, remembering the page it wanted.
    static func signInPath(returningTo request: Request) -> String {
        guard request.method == .get, request.uri.path != "/" else { return "/sign-in" }
        let wanted = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        let encoded = wanted.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return "/sign-in?next=\(encoded)"
    }

    /// A local path to go to after sign-in; anything else (another site, `//host`) is the overview.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let next = Self.localPath(request.uri.queryParameters["next"].map(String.init))
        let signedOut = request.uri.queryParameters["signed_out"] != nil
        return page(email: "", next: next, notice: signedOut ? "You are signed out." : nil, failure: nil)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        // No session yet, so no token to check: another site's form is told apart by its Origin instead (it
        // could otherwise sign a browser in as the attacker's user).
        if let origin = request.headers[.origin], !SessionMiddleware.isSameOrigin(origin, request: request) {
            throw HTTPError(.forbidden, message: "this form came from another site")
        }
        let form = try await FormData.read(request)
        let next = Self.localPath(form["next"])
        let email = form["email"] ?? ""
        do {
            let user = try await services.signIn.user(email: email, password: form.fields["password"]?.first ?? "")
            let started = try await services.dashboardSessions.start(userID: user.id)
            var response = HTMLResponse.seeOther(next)
            response.setCookie(
                Cookie(
                    name: SessionMiddleware.cookieName, value: started.token,
                    maxAge: Int(services.dashboardSessions.absoluteLifetime), path: "/",
                    secure: services.publicURL.value.lowercased().hasPrefix("https://"), httpOnly: true,
                    sameSite: .strict))
            context.logger.info("dashboard sign-in", metadata: ["user": "\(user.id)"])
            return response
        } catch let error as APIError where error.status == .unauthorized {
            let message: HTML =
                error.code == "user_disabled"
                ? "<p>This user is disabled. Ask an administrator to enable it.</p>"
                : "<p>Wrong e-mail or password.</p>"
            return try page(email: email, next: next, notice: nil, failure: message, status: .unauthorized)
                .response(from: request, context: context)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.cookies[SessionMiddleware.cookieName]?.value {
            try await services.dashboardSessions.end(token: token)
        }
        var response = HTMLResponse.seeOther("/sign-in?signed_out=1")
        response.setCookie(
            Cookie(
                name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/",
                secure: services.publicURL.value.lowercased().hasPrefix("https://"), httpOnly: true,
                sameSite: .strict))
        return response
    }

    private func page(
        email: String, next: String, notice: String?, failure: HTML?, status: HTTPResponse.Status = .ok
    ) -> HTMLResponse {
        let layout = Layout(title: "Sign in", section: nil, identity: nil, notice: notice, failure: failure)
        let content: HTML = """
            <div class="card signin">
            <form class="stack" method="post" action="/sign-in">
            <input type="hidden" name="next" value="\(next)">
            <div class="field"><label for="email">E-mail</label>
            <input id="email" name="email" type="email" autocomplete="username" required value="\(email)"></div>
            <div class="field"><label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <div><button type="submit">Sign in</button></div>
            </form>
            <p class="hint">Users are added on the server: <code>logix users add you@example.com</code>.</p>
            </div>
            """
        return HTMLResponse(status: status, html: layout.render(content))
    }
}
