import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id — the caller's `X-Request-ID` when it is a sane token, else a new one — and puts
/// it in the response and in the request's log metadata, so one line in a log finds the whole request.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let offered = request.headers[.requestID]
        let id =
            offered.flatMap { value in
                value.count <= 64 && value.utf8.allSatisfy { Self.allowed.contains($0) } ? value : nil
            } ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = id
            return response
        }
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".utf8)
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-ID")!
}
