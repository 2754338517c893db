import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import Pacing

/// A client for one WooCommerce store's REST API v3 (`/wp-json/wc/v3`).
///
/// ```swift
/// let client = try WooCommerceClient(configuration: .init(
///     storeURL: "https://shop.example.com",
///     credentials: WooCredentials(consumerKey: "ck_…", consumerSecret: "cs_…")))
/// for try await order in client.orders(WooOrderQuery(statuses: [.processing])).items {
///     print(order.number, order.total)
/// }
/// try await client.shutdown()
/// ```
///
/// Authentication, retries, timeouts and paging are handled here; every method throws ``WooCommerceError``
/// (or `CancellationError`). The client is `Sendable`: share one per store across tasks. Pass a shared
/// `HTTPClient` to pool connections across many stores.
public final class WooCommerceClient: Sendable {
    /// What the client was built with.
    public let configuration: WooCommerceConfiguration
    let transport: WooTransport

    /// - Parameters:
    ///   - configuration: the store and how to reach it.
    ///   - httpClient: a shared `HTTPClient` to use; when `nil` the client makes its own and closes it in
    ///     ``shutdown()``. Connect timeouts then come from that client's configuration.
    ///   - logger: where request-level events go. The store URL is attached; credentials never are.
    public init(
        configuration: WooCommerceConfiguration,
        httpClient: HTTPClient? = nil,
        logger: Logger = Logger(label: "woocommerce")
    ) throws {
        self.configuration = configuration
        self.transport = try WooTransport(configuration: configuration, httpClient: httpClient, logger: logger)
    }

    /// Closes the client's own `HTTPClient` (a shared one passed in is left open).
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The normalised home URL requests go to.
    public var storeURL: String { transport.endpoint.homeURL }

    /// HTTP requests sent so far, retries included.
    public var requestCount: Int { transport.requestCount }

    /// The authentication mode that has proven to work with this store, once a request succeeded.
    public var authenticationMode: WooAuthenticationMode? { transport.provenAuthenticationMode }

    // MARK: - Plumbing shared by the endpoint extensions

    func send(_ request: WooRequest) async throws -> WooResponse {
        try await transport.send(request)
    }

    func send<T: Decodable>(_ request: WooRequest, as type: T.Type) async throws -> T {
        try await send(request, as: T.self) { try WooJSON.decoder.decode(T.self, from: $0) }
    }

    /// Sends a request and decodes its body with `decodeBody` (see ``WooOrder/decode(from:)``).
    func send<T>(
        _ request: WooRequest, as type: T.Type, decodingWith decodeBody: (Data) throws -> T
    ) async throws -> T {
        let response = try await transport.send(request)
        return try transport.decode(T.self, from: response, for: request, using: decodeBody)
    }

    /// Fetches one page of a listing and reads the paging headers. With a `gate`, only the request itself
    /// holds one of its slots; decoding happens outside, with `decodeItems` (`JSONDecoder` unless the model
    /// has a faster reader, as orders do).
    ///
    /// With a listing's `end`, a page found to lie past it while waiting for its turn is not sent (it throws
    /// `CancellationError`).
    func page<T: Decodable & Sendable>(
        _ path: String, query: [WooQueryItem], page: Int, perPage: Int, as type: T.Type, gate: RequestGate? = nil,
        end: ListingEnd? = nil,
        decodingWith decodeItems: (Data) throws -> [T] = { try WooJSON.decoder.decode([T].self, from: $0) }
    ) async throws -> WooPage<T> {
        let request = WooRequest(.GET, path, query: query)
        let transport = self.transport
        let wanted: (@Sendable () -> Bool)? =
            if let end { { end.includes(page) } } else { nil }
        if let wanted, !wanted() { throw CancellationError() }
        let response =
            if let gate {
                try await gate.withSlot { try await transport.send(request, wanted: wanted) }
            } else {
                try await transport.send(request, wanted: wanted)
            }
        let items = try transport.decode([T].self, from: response, for: request, using: decodeItems)
        let total = response.headers.first(name: "X-WP-Total").flatMap { Int($0) }
        let totalPages = response.headers.first(name: "X-WP-TotalPages").flatMap { Int($0) }
        // A store (or a proxy) that drops the headers: assume more pages while pages come back full.
        let inferredPages = items.count >= perPage ? page + 1 : page
        return WooPage(
            items: items, page: page, total: total ?? items.count, totalPages: totalPages ?? inferredPages,
            serverDate: response.headers.first(name: "Date").flatMap(HTTPDate.parse))
    }

    /// Every page of a listing; `query(page)` builds the query of each page.
    func pages<T: Decodable & Sendable>(
        _ path: String, perPage: Int, firstPage: Int = 1, concurrency: Int,
        query: @escaping @Sendable (Int) -> [WooQueryItem], as type: T.Type,
        decodingWith decodeItems: @escaping @Sendable (Data) throws -> [T] = {
            try WooJSON.decoder.decode([T].self, from: $0)
        }
    ) -> WooPageSequence<T> {
        WooPageSequence(firstPage: firstPage, concurrency: concurrency) { [self] page, gate, end in
            try await self.page(
                path, query: query(page), page: page, perPage: perPage, as: T.self, gate: gate, end: end,
                decodingWith: decodeItems)
        }
    }

    func invalidRequest(_ method: HTTPMethod, _ path: String, _ detail: String) -> WooCommerceError {
        WooCommerceError(kind: .invalidRequest, store: storeURL, method: method.rawValue, path: path, detail: detail)
    }

    func validatePerPage(_ perPage: Int, _ path: String) throws {
        guard (1...100).contains(perPage) else {
            throw invalidRequest(
                .GET, path, "per_page must be between 1 and 100 (WooCommerce refuses more), got \(perPage)")
        }
    }
}
