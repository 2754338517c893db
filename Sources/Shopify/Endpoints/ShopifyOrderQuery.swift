import Foundation

/// Which orders a listing asks for, and how big its pages are.
///
/// Dates go into Shopify's search syntax quoted (`updated_at:>='2026-12-01T00:00:00Z'`): unquoted, Shopify
/// drops the term and widens the result. Results are sorted by `UPDATED_AT`, oldest first.
public struct ShopifyOrderQuery: Sendable, Hashable {
    /// Orders updated at or after this instant.
    public var updatedFrom: Date?
    /// Orders updated at or before this instant.
    public var updatedTo: Date?
    /// `open`, `closed`, `cancelled`, `not_closed`; `nil` for any (Shopify's `orders` lists every status).
    public var status: String?
    /// `false` leaves test orders out in the search; `nil` lists both.
    public var test: Bool?
    /// More search terms, appended as they are (`tag:wholesale`).
    public var extraSearch: String?
    /// Orders per page. The cost grows with `pageSize × lineItemsPerOrder`; the pair must stay under
    /// Shopify's single-query limit of 1,000 (checked before sending).
    public var pageSize: Int
    /// Line items read with each order; an order with more says so (``ShopifyOrder/hasMoreLineItems``).
    public var lineItemsPerOrder: Int

    public init(
        updatedFrom: Date? = nil, updatedTo: Date? = nil, status: String? = nil, test: Bool? = nil,
        extraSearch: String? = nil, pageSize: Int = 10, lineItemsPerOrder: Int = 10
    ) {
        self.updatedFrom = updatedFrom
        self.updatedTo = updatedTo
        self.status = status
        self.test = test
        self.extraSearch = extraSearch
        self.pageSize = pageSize
        self.lineItemsPerOrder = lineItemsPerOrder
    }

    /// The search string Shopify gets, e.g. `updated_at:>='2026-12-01T00:00:00Z' updated_at:<='…'`.
    public var searchString: String? {
        var terms: [String] = []
        if let updatedFrom { terms.append("updated_at:>='\(ShopifyDate.format(updatedFrom))'") }
        if let updatedTo { terms.append("updated_at:<='\(ShopifyDate.format(updatedTo, roundingUp: true))'") }
        if let status { terms.append("status:\(status)") }
        if let test { terms.append("test:\(test)") }
        if let extraSearch, !extraSearch.isEmpty { terms.append(extraSearch) }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
