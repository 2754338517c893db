import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Builds the sim's answers with the headers Shopify's carry.
enum ShopifyResponse {
    static let requestIdName = HTTPField.Name("X-Request-Id")!
    static let versionName = HTTPField.Name("X-Shopify-API-Version")!

    /// `<uuid>-<unix seconds>`, as Shopify's request ids look.
    static func requestId(now: Int64) -> String {
        "\(UUID().uuidString.lowercased())-\(now / 1000)"
    }

    static func json(_ bytes: [UInt8], status: Int = 200, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSON, status: Int = 200, headers: HTTPFields = [:]) -> Response {
        self.json(value.bytes, status: status, headers: headers)
    }

    static func encodable<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return self.json(Array((try? encoder.encode(value)) ?? Data("null".utf8)), status: status)
    }

    /// An HTML page, as Shopify's edge answers 5xx (clients must not expect JSON there).
    static func html(status: Int, headers extra: HTTPFields = [:]) -> Response {
        let titles = [
            502: "502 Bad Gateway", 503: "503 Service Unavailable", 504: "504 Gateway Timeout",
            500: "500 Internal Server Error",
        ]
        let title = titles[status] ?? "\(status) Error"
        let body =
            "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1>"
            + "<p>There was a problem loading this website. Please try again.</p></body></html>\n"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
