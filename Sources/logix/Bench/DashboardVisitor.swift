import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A signed-in visitor of the dashboard over loopback: keeps the session cookie, signs in through the form as a
/// browser does, follows same-origin links, and times each request.
final class DashboardVisitor: Sendable {
    /// One answer and what it cost.
    struct Visit: Sendable {
        let status: Int
        let body: String
        let headers: HTTPHeaders
        /// Request sent to last byte read, on the client's clock.
        let roundTrip: Duration
        /// The server's own figure from a `Server-Timing` header (its largest `dur`), in milliseconds.
        let serverMilliseconds: Double?
    }

    let baseURL: String
    private let client: HTTPClient
    private let cookies = CookieJar()

    init(baseURL: String) {
        self.baseURL = baseURL
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws { try await client.shutdown() }

    func get(_ path: String, bearer: String? = nil) async throws -> Visit {
        try await send(HTTPClientRequest(url: baseURL + path), bearer: bearer)
    }

    func post(_ path: String, form: [(String, String)]) async throws -> Visit {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: Self.formEncoded(form)))
        return try await send(request, bearer: nil)
    }

    func postJSON(_ path: String, _ body: String) async throws -> Visit {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request, bearer: nil)
    }

    private func send(_ request: HTTPClientRequest, bearer: String?) async throws -> Visit {
        var request = request
        if let bearer {
            request.headers.add(name: "Authorization", value: "Bearer \(bearer)")
        } else if let cookie = cookies.header {
            request.headers.add(name: "Cookie", value: cookie)
        }
        // Same-origin form posts, as a browser sends them; a CSRF check may compare the origin.
        if request.method == .POST { request.headers.add(name: "Origin", value: baseURL) }
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        let roundTrip = start.duration(to: clock.now)
        cookies.store(response.headers["Set-Cookie"])
        return Visit(
            status: Int(response.status.code), body: String(buffer: body), headers: response.headers,
            roundTrip: roundTrip, serverMilliseconds: Self.serverTiming(response.headers))
    }

    /// Signs in through `GET /sign-in` and its form, as a browser submits it (hidden inputs such as a CSRF token
    /// included); the session cookie is kept. Returns why not, or `nil` on success.
    func signIn(email: String, password: String) async throws -> String? {
        let page = try await get("/sign-in")
        guard page.status == 200 else { return "GET /sign-in answered \(page.status)" }
        var form = [("email", email), ("password", password)]
        for name in ["csrf_token", "next"] {
            if let value = Self.inputValue(named: name, in: page.body) { form.append((name, value)) }
        }
        let answer = try await post("/sign-in", form: form)
        guard (300..<400).contains(answer.status) else {
            return "POST /sign-in answered \(answer.status): \(answer.body.prefix(300))"
        }
        return cookies.header == nil ? "POST /sign-in set no cookie" : nil
    }

    /// Same-origin links of a page (`href`s starting with `/` or the base URL), fragments dropped.
    func links(in html: String) -> [String] {
        var links: [String] = []
        var rest = html[...]
        while let range = rest.range(of: "href=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            var link = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            rest = rest[end...]
            if link.hasPrefix(baseURL) { link = String(link.dropFirst(baseURL.count)) }
            guard link.hasPrefix("/"), !link.hasPrefix("//") else { continue }
            if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
            if !link.isEmpty { links.append(link) }
        }
        return links
    }

    static func inputValue(named name: String, in html: String) -> String? {
        guard let nameRange = html.range(of: "name=\"\(name)\"") else { return nil }
        // The input's tag: from its `<` to its `>`; the value may come before or after the name.
        guard let open = html[..<nameRange.lowerBound].lastIndex(of: "<"),
            let close = html[nameRange.upperBound...].firstIndex(of: ">")
        else { return nil }
        let tag = html[open..<close]
        guard let valueRange = tag.range(of: "value=\""), let end = tag[valueRange.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(tag[valueRange.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `Server-Timing: db;dur=2.1, total;dur=3.4` → 3.4: the largest, which is the whole when one is given.
    static func serverTiming(_ headers: HTTPHeaders) -> Double? {
        let durations = headers[canonicalForm: "Server-Timing"].flatMap { metric in
            metric.split(separator: ";").compactMap { parameter -> Double? in
                let parts = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "dur" else { return nil }
                return Double(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
        }
        return durations.max()
    }

    static func formEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        func encode(_ text: String) -> String {
            (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
                of: "%20", with: "+")
        }
        return fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}

/// The cookies a server set, sent back on every request (name=value only; the bench talks to one origin).
private final class CookieJar: Sendable {
    private let values = Mutex<[String: String]>([:])

    var header: String? {
        values.withLock { values in
            values.isEmpty ? nil : values.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: "; ")
        }
    }

    func store(_ setCookies: [String]) {
        values.withLock { values in
            for setCookie in setCookies {
                let pair = setCookie.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let name = pair[0].trimmingCharacters(in: .whitespaces)
                let value = String(pair[1])
                let expired = setCookie.lowercased().contains("max-age=0") || value.isEmpty
                values[name] = expired ? nil : value
            }
        }
    }
}
