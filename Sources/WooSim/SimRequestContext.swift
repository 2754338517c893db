import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Per-request state: who is calling, the PHP-style query, the collected body, and the channel (so the
/// fault middleware can drop the connection without answering).
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var principal: SimPrincipal = .anonymous
    var query = PHPParameters()
    var body: [UInt8] = []
    /// Orders the route rendered, for the store's per-order cost; shared with the middleware, which reads it
    /// after the route returned.
    let renderedOrders = RenderedOrders()

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// The route's permission check (after parameter validation, as in WordPress).
    func require(_ permission: SimPermission) throws(WooSimError) {
        if case .anonymous = self.principal { throw permission.anonymousError }
    }

    /// The JSON body (empty → `{}`), or `rest_invalid_json`.
    func json() throws(WooSimError) -> JSONValue {
        let first = self.body.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        if let first, first != UInt8(ascii: "{"), first != UInt8(ascii: "["), self.body.contains(UInt8(ascii: "=")) {
            // A form body: WordPress reads its fields as body parameters too.
            let form = PHPParameters(encoded: String(decoding: self.body, as: UTF8.self))
            var object: [String: JSONValue] = [:]
            for entry in form.entries {
                if case .scalar(let value) = entry.value { object[entry.key] = .string(value) }
            }
            return .object(object)
        }
        return try JSONValue.parse(self.body)
    }

    /// `_fields=a,b.c` → the top-level names to keep.
    var fields: Set<String>? {
        guard let list = self.query.list("_fields"), !list.isEmpty else { return nil }
        return Set(list.map { String($0.split(separator: ".").first ?? "") })
    }
}

/// Counts the orders one request rendered, in full or as a `_fields` subset.
final class RenderedOrders: Sendable {
    private let full = Atomic<Int>(0)
    private let subset = Atomic<Int>(0)

    /// Records `orders` rendered for a request whose `_fields` is `fields` (`nil` → in full).
    func add(_ orders: Int, fields: Set<String>?) {
        if fields == nil {
            self.full.add(orders, ordering: .relaxed)
        } else {
            self.subset.add(orders, ordering: .relaxed)
        }
    }

    var fullCount: Int { self.full.load(ordering: .relaxed) }
    var subsetCount: Int { self.subset.load(ordering: .relaxed) }
}

/// Builds responses with the headers a WordPress REST response carries.
enum SimResponse {
    static func json(_ bytes: [UInt8], status: Int, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: "application/json; charset=UTF-8",
            HTTPField.Name("X-Robots-Tag")!: "noindex",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Access-Control-Expose-Headers")!: "X-WP-Total, X-WP-TotalPages, Link",
            HTTPField.Name("Access-Control-Allow-Headers")!:
                "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type",
            .expires: "Wed, 11 Jan 1984 05:00:00 GMT",
            .cacheControl: "no-cache, must-revalidate, max-age=0, no-store, private",
        ]
        headers.append(contentsOf: extra)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ writer: JSONWriter, status: Int = 200, headers: HTTPFields = [:]) -> Response {
        self.json(writer.bytes, status: status, headers: headers)
    }

    /// A list response: `X-WP-Total`, `X-WP-TotalPages` and a `Link` with prev/next rebuilt from the query.
    /// Past the last page WooCommerce answers `[]` with both totals 0.
    static func list(
        _ writer: JSONWriter, total: Int, itemCount: Int, paging: Paging, query: PHPParameters, base: String
    ) -> Response {
        let total = itemCount == 0 ? 0 : total
        let pages = total == 0 ? 0 : (total + paging.perPage - 1) / paging.perPage
        var headers: HTTPFields = [
            HTTPField.Name("X-WP-Total")!: String(total),
            HTTPField.Name("X-WP-TotalPages")!: String(pages),
        ]
        var links: [String] = []
        func link(page: Int) -> String {
            var parameters = query
            if parameters.contains("page") {
                parameters.set("page", String(page))
            } else {
                parameters.add(name: "page", value: String(page))
            }
            return "<\(base)?\(parameters.encoded())>"
        }
        if paging.page > 1 {
            links.append("\(link(page: min(paging.page - 1, pages))); rel=\"prev\"")
        }
        if pages > paging.page {
            links.append("\(link(page: paging.page + 1)); rel=\"next\"")
        }
        if !links.isEmpty { headers[HTTPField.Name("Link")!] = links.joined(separator: ", ") }
        return self.json(writer.bytes, status: 200, headers: headers)
    }

    /// An HTML page as a host or proxy sends it for 5xx/429 (clients must not expect JSON there).
    static func html(status: Int, retryAfter: Int? = nil) -> Response {
        let titles = [
            429: "429 Too Many Requests", 500: "500 Internal Server Error", 502: "502 Bad Gateway",
            503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out",
        ]
        let title = titles[status] ?? "\(status) Error"
        let body =
            "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
            + "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"
        var headers: HTTPFields = [.contentType: "text/html"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
