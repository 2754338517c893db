import AsyncHTTPClient
import Logging

/// A client for one Shopify shop's Admin GraphQL API.
///
/// ```swift
/// let client = try ShopifyClient(configuration: .init(
///     shopURL: "https://example.myshopify.com", accessToken: "shpat_…"))
/// for try await page in client.orderPages(ShopifyOrderQuery(updatedFrom: since)) {
///     for order in page.items { print(order.name, order.totalPrice) }
/// }
/// try await client.shutdown()
/// ```
///
/// Every call waits for the shop's cost bucket (modelled from each answer's `throttleStatus`) before it is
/// sent, so a long import does not collect THROTTLED answers; retries follow the configuration's
/// ``RetryPolicy``. Every method throws ``ShopifyError`` (or `CancellationError`). `Sendable`: share one per
/// shop across tasks, so they share its bucket model.
public final class ShopifyClient: Sendable {
    /// What the client was built with.
    public let configuration: ShopifyConfiguration
    let transport: ShopifyTransport

    /// - Parameter httpClient: a shared `HTTPClient`; `nil` makes the client its own, closed by ``shutdown()``.
    public init(configuration: ShopifyConfiguration, httpClient: HTTPClient? = nil) throws {
        self.configuration = configuration
        self.transport = try ShopifyTransport(configuration: configuration, httpClient: httpClient)
    }

    /// Closes the client's own `HTTPClient` (a shared one is left open).
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The normalised base URL requests go to.
    public var shopURL: String { transport.endpoint.baseURL }

    /// HTTP requests sent so far, retries included.
    public var requestCount: Int { transport.requestCount }

    /// The bucket model and how often Shopify still answered THROTTLED.
    public var throttleReport: ShopifyThrottleReport { transport.throttle.report }

    /// The API version Shopify said it served, when it was not the pinned one.
    public var servedAPIVersion: String? { transport.servedVersion }

    // MARK: - Plumbing for the endpoint extensions

    func send<Payload: Decodable & Sendable>(_ operation: ShopifyOperation, as type: Payload.Type) async throws
        -> Payload
    {
        try await transport.send(operation, as: Payload.self).data
    }

    func invalidRequest(_ operation: String, _ detail: String) -> ShopifyError {
        ShopifyError(kind: .invalidRequest, shop: shopURL, operation: operation, detail: detail)
    }

    /// Refuses locally what Shopify would refuse as over the single-query cost limit.
    func checkCost(_ operation: ShopifyOperation) throws {
        let estimate = operation.estimatedCost
        guard estimate <= ShopifyCostEstimate.singleQueryLimit else {
            throw invalidRequest(
                operation.name,
                "estimated cost \(Int(estimate)) is over Shopify's single-query limit of 1000: ask for smaller pages")
        }
    }

    func userErrors(_ operation: String, _ errors: [ShopifyError.UserError]) -> ShopifyError {
        ShopifyError(kind: .userErrors, shop: shopURL, operation: operation, userErrors: errors)
    }

    func missing(_ operation: String, _ what: String) -> ShopifyError {
        ShopifyError(kind: .decoding, shop: shopURL, operation: operation, detail: "the answer has no \(what)")
    }
}
