import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns every error into WooCommerce's error body: `WooSimError` as is, an unmatched route as
/// `rest_no_route`, anything else as a 500 `internal_server_error`.
struct SimErrorMiddleware: RouterMiddleware {
    typealias Context = SimRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as WooSimError {
            return SimResponse.json(error.body, status: error.status)
        } catch let error as HTTPError where error.status == .notFound {
            return SimResponse.json(WooSimError.noRoute.body, status: 404)
        } catch is ConnectionDropped {
            throw ConnectionDropped()
        } catch {
            let failure = WooSimError(code: "internal_server_error", message: "\(error)", status: 500)
            return SimResponse.json(failure.body, status: 500)
        }
    }
}

/// Thrown after the fault middleware closed the connection: there is nobody left to answer.
struct ConnectionDropped: Error {}

/// Counts API requests, makes them cost what the store's model says — a worker from the pool, the latency and
/// each rendered order's cost — and applies injected faults to them (never to `/__sim` control requests).
struct SimFaultMiddleware: RouterMiddleware {
    typealias Context = SimRequestContext
    let faults: FaultInjector
    let workers: StoreWorkers
    let counter: RequestCounter
    let hold: RequestHold

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !request.uri.path.hasPrefix("/__sim") else { return try await next(request, context) }
        self.counter.increment("\(request.method) \(request.uri)")
        self.counter.enter()
        defer { self.counter.leave() }
        await self.hold.pass()
        let decision = self.faults.decideRequest(method: request.method.rawValue, path: request.uri.path)
        // A real store's request holds its PHP worker from the first byte to the last, faults included.
        let pooled = decision.workers > 0
        if pooled { try await self.workers.acquire(limit: decision.workers) }
        defer { if pooled { self.workers.release() } }
        let start = ContinuousClock.now
        if decision.fault == .dropAfterHandling {
            // The store did the work; the answer is lost on the way (a proxy timing out, a reset connection).
            _ = try? await next(request, context)
            try? await context.channel.close(mode: .all)
            throw ConnectionDropped()
        }
        guard case .none = decision.fault else {
            if decision.latencyMilliseconds > 0 {
                try await Task.sleep(for: .milliseconds(decision.latencyMilliseconds))
            }
            return try await self.fail(decision.fault, context: context)
        }
        let response = try await next(request, context)
        // Rendering here counts towards the cost: the answer leaves when the modelled store would send it.
        let rendered = context.renderedOrders
        let cost = decision.cost(fullOrders: rendered.fullCount, subsetOrders: rendered.subsetCount)
        if cost > .zero { try await Task.sleep(until: start + cost, clock: .continuous) }
        return response
    }

    private func fail(_ fault: FaultInjector.RequestFault, context: Context) async throws -> Response {
        switch fault {
        case .none, .dropAfterHandling:
            preconditionFailure("only faults that answer instead of the store fail here")
        case .respond(let status, let retryAfter):
            return SimResponse.html(status: status, retryAfter: retryAfter)
        case .hang(let seconds):
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return SimResponse.html(status: 504)
        case .drop:
            // Close the TCP connection with no response, as a crashed worker or a reset proxy would.
            try? await context.channel.close(mode: .all)
            throw ConnectionDropped()
        }
    }
}

/// Collects the body and authenticates requests under `/wp-json/wc/`, then enforces the key's read/write
/// permission before routing (WooCommerce does that in `rest_pre_dispatch`).
struct SimAuthMiddleware: RouterMiddleware {
    typealias Context = SimRequestContext
    let authenticator: SimAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var request = request
        context.query = PHPParameters(encoded: request.uri.query)
        if request.method != .get, request.method != .head {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            context.body = Array(buffer: buffer)
        }
        let path = request.uri.path
        guard path.hasPrefix("/wp-json/wc/") || path == "/wp-json/wc" else { return try await next(request, context) }
        var form: PHPParameters?
        if request.method == .post,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        {
            form = PHPParameters(encoded: String(decoding: context.body, as: UTF8.self))
        }
        let principal = try self.authenticator.authenticate(
            method: request.method.rawValue, rawPath: path, query: context.query, form: form,
            authorization: request.headers[.authorization], now: StoreTime.now())
        if case .key(let key) = principal {
            let writes: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]
            if writes.contains(request.method), !key.canWrite { throw WooSimError.noWritePermission }
            if !writes.contains(request.method), !key.canRead { throw WooSimError.noReadPermission }
        }
        context.principal = principal
        return try await next(request, context)
    }
}
