import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's stylesheet, script and logo, compiled into the binary: a server needs nothing beside it,
/// and a browser with no internet gets everything from here (ARCHITECTURE.md, "The dashboard": works offline).
///
/// Each is served with a strong ETag so a browser revalidates cheaply, and cached for a day.
enum Assets {
    static let stylesheetPath = "/assets/logix.css"
    static let scriptPath = "/assets/logix.js"
    static let logoPath = "/assets/logo.svg"

    struct File: Sendable {
        var contentType: String
        var bytes: ByteBuffer
        var etag: String

        init(_ text: String, contentType: String) {
            self.contentType = contentType
            bytes = ByteBuffer(string: text)
            etag =
                "\"" + SHA256.hash(data: Array(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
                + "\""
        }
    }

    static let files: [String: File] = [
        stylesheetPath: File(
            Stylesheet.text + ChartStyles.css + DocsStyles.css, contentType: "text/css; charset=utf-8"),
        scriptPath: File(Script.text, contentType: "text/javascript; charset=utf-8"),
        logoPath: File(Logo.text, contentType: "image/svg+xml"),
    ]
}

/// Serves ``Assets`` (no sign-in needed: the sign-in page uses them too).
struct AssetController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("assets/:name") { request, context -> Response in
            guard let file = Assets.files[request.uri.path] else { throw HTTPError(.notFound) }
            if request.headers[.ifNoneMatch] == file.etag {
                return Response(status: .notModified, headers: [.eTag: file.etag])
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.contentType, .eTag: file.etag, .cacheControl: "public, max-age=86400",
                    .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: file.bytes))
        }
    }
}
