import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /openapi.json`: the API document.
struct OpenAPIController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("openapi.json", use: document)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try APIDocument.json())))
    }
}
