import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LogixCore
import NIOCore
import NIOHTTP1
import Storage
import Sync
import WooCommerce

/// Turns every error a handler throws into an ``APIError``: the one error shape, the right status, and no
/// internal detail (the detail goes to the log, with the request id).
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch {
            throw Self.apiError(for: error, logger: context.logger)
        }
    }

    /// Also the command line's: `logix integrations …` reports a failure with the code the API would answer.
    public static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as WooCommerceError:
            // The store failed: 502, with the store's own code where it sent one.
            return APIError(
                .badGateway, code: error.wooCode ?? "store_\(error.kind)",
                "the store failed: \(error.description)")
        case let error as any Sync.ChannelError:
            // Another channel's store failed (Shopify): 502, with the platform's code as the seam reads it.
            return APIError(
                .badGateway, code: error.channelFailure.code, "the store failed: \(error.description)")
        case let error as SyncError:
            return apiError(for: error, logger: logger)
        case let error as FulfillmentError where error.kind == .illegalTransition:
            return APIError(
                .conflict, code: "illegal_transition", error.message, fields: ["current_status": error.status.rawValue])
        case let error as FulfillmentError:
            return APIError(
                .unprocessableContent, code: "invalid_shipment", error.message, fields: ["lines": error.message])
        case let error as HTTPError:
            switch error.status {
            case .notFound: return APIError(.notFound, code: "not_found", "no such route")
            case .methodNotAllowed: return APIError(.methodNotAllowed, code: "method_not_allowed", "method not allowed")
            case .contentTooLarge: return APIError(.contentTooLarge, code: "body_too_large", "the body is too large")
            case .badRequest: return .badRequest(error.body ?? "malformed request")
            default:
                return APIError(
                    error.status, code: "http_\(error.status.code)", error.body ?? error.status.reasonPhrase)
            }
        case let error as HTTPParserError:
            // The client sent what HTTP does not allow (a body that is not what its headers say): its mistake,
            // logged briefly, never as the server's error.
            logger.info("malformed request", metadata: ["parser": "\(error)"])
            return .badRequest("the request is not valid HTTP")
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "body_too_large", "the body is too large")
        case is DecodingError:
            return .badRequest("the body is not the JSON this route expects: \(Self.describe(error))")
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return APIError(.internalServerError, code: "internal_error", "internal error")
        }
    }

    /// The use cases' one error shape, as a status and a body.
    static func apiError(for error: SyncError, logger: Logger) -> APIError {
        let fields = error.fields.isEmpty ? nil : error.fields
        switch error.kind {
        case .notFound, .integrationNotFound:
            return APIError(.notFound, code: "not_found", error.message)
        case .invalidFields:
            return APIError(.unprocessableContent, code: error.code ?? "invalid_fields", error.message, fields: fields)
        case .storeRefusedCredentials:
            return APIError(
                .unprocessableContent, code: error.code ?? "store_refused_credentials", error.message, fields: fields)
        case .invalidRequest:
            return APIError(.unprocessableContent, code: "invalid_request", error.message)
        case .alreadyRunning:
            return APIError(.conflict, code: "sync_running", error.message)
        case .conflict:
            return APIError(.conflict, code: error.code ?? "conflict", error.message, fields: fields)
        case .unauthenticated:
            return .unauthorized(error.message, code: error.code ?? "unauthorized")
        default:
            logger.error("unexpected sync error", metadata: ["error": "\(error.kind)"])
            return APIError(.internalServerError, code: "internal_error", "internal error")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(key.stringValue)\(path(context))"
        case .typeMismatch(_, let context): return "wrong type\(path(context))"
        case .valueNotFound(_, let context): return "null value\(path(context))"
        case .dataCorrupted(let context): return "malformed JSON\(path(context))"
        @unknown default: return "unreadable"
        }
    }
}
