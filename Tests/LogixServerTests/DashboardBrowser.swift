import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import LogixServer

/// A browser's view of the dashboard for the tests: the session cookie it was given, the CSRF token of the
/// last page it read, and forms sent the way a browser sends them (`application/x-www-form-urlencoded`).
struct DashboardBrowser: Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrfToken: String?

    init(client: any TestClientProtocol) { self.client = client }

    /// Signs in as `email`; expects it to succeed and keeps the cookie.
    static func signedIn(_ client: any TestClientProtocol, email: String, password: String = ServerHarness.password)
        async throws -> DashboardBrowser
    {
        var browser = DashboardBrowser(client: client)
        let response = try await browser.submit("/sign-in", ["email": email, "password": password], csrf: false)
        #expect(response.status == .seeOther, "sign-in: \(response.text)")
        browser.cookie = try #require(Self.sessionCookie(response)).value
        _ = try await browser.get("/stores")
        return browser
    }

    /// The `logix_session` cookie a response sets: its value and its attributes as written.
    static func sessionCookie(_ response: TestResponse) -> (value: String, attributes: String)? {
        for field in response.headers[values: .setCookie] where field.hasPrefix("logix_session=") {
            let value = field.dropFirst("logix_session=".count).prefix { $0 != ";" }
            return (String(value), field)
        }
        return nil
    }

    /// GETs a page (remembering its form token).
    @discardableResult
    mutating func get(_ path: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = "logix_session=\(cookie)" }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        if let token = Self.csrfToken(in: response.text) { csrfToken = token }
        return response
    }

    /// POSTs a form, with the session's token unless `csrf` is false.
    @discardableResult
    func submit(
        _ path: String, _ fields: [String: String], csrf: Bool = true, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = fields
        if csrf, let csrfToken { fields["csrf_token"] = csrfToken }
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = "logix_session=\(cookie)" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.sorted { $0.key < $1.key }.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    /// Where a redirect sends the browser.
    var location: String? { headers[.location] }
}
