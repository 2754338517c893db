import Foundation
import NIOHTTP1

/// Filters and ordering for `GET /orders`.
///
/// Dates are sent as UTC with `dates_are_gmt=true`, so the store's time zone never shifts a filter.
/// `modifiedAfter` is strict (`>`) and second-granular on the store: sync cursors should subtract an overlap.
public struct WooOrderQuery: Sendable, Hashable {
    /// Statuses to include; empty means WooCommerce's `any` (everything but `trash`).
    public var statuses: [WooOrderStatus]
    /// Created after / before.
    public var after: Date?
    public var before: Date?
    /// Modified after / before (WooCommerce ≥ 5.8).
    public var modifiedAfter: Date?
    public var modifiedBefore: Date?
    /// Only these order ids.
    public var include: [Int]
    public var exclude: [Int]
    public var customer: Int?
    public var search: String?
    public var orderBy: WooOrderBy?
    public var order: WooSortOrder?
    /// 1…100.
    public var perPage: Int
    /// Restrict the answer to these top-level fields (`_fields`), much faster on a real store.
    public var fields: [String]?

    public init(
        statuses: [WooOrderStatus] = [],
        after: Date? = nil,
        before: Date? = nil,
        modifiedAfter: Date? = nil,
        modifiedBefore: Date? = nil,
        include: [Int] = [],
        exclude: [Int] = [],
        customer: Int? = nil,
        search: String? = nil,
        orderBy: WooOrderBy? = nil,
        order: WooSortOrder? = nil,
        perPage: Int = 100,
        fields: [String]? = nil
    ) {
        self.statuses = statuses
        self.after = after
        self.before = before
        self.modifiedAfter = modifiedAfter
        self.modifiedBefore = modifiedBefore
        self.include = include
        self.exclude = exclude
        self.customer = customer
        self.search = search
        self.orderBy = orderBy
        self.order = order
        self.perPage = perPage
        self.fields = fields
    }

    /// The query items for `page`.
    public func queryItems(page: Int) -> [WooQueryItem] {
        var items = [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String(page))]
        if !statuses.isEmpty { items.append(WooQueryItem("status", statuses.map(\.rawValue).joined(separator: ","))) }
        let dates: [(String, Date?)] = [
            ("after", after), ("before", before), ("modified_after", modifiedAfter),
            ("modified_before", modifiedBefore),
        ]
        var anyDate = false
        for case (let name, let date?) in dates {
            items.append(WooQueryItem(name, WooDate.formatGMT(date)))
            anyDate = true
        }
        if anyDate { items.append(WooQueryItem("dates_are_gmt", "true")) }
        if !include.isEmpty { items.append(WooQueryItem("include", include.map(String.init).joined(separator: ","))) }
        if !exclude.isEmpty { items.append(WooQueryItem("exclude", exclude.map(String.init).joined(separator: ","))) }
        if let customer { items.append(WooQueryItem("customer", String(customer))) }
        if let search { items.append(WooQueryItem("search", search)) }
        if let orderBy { items.append(WooQueryItem("orderby", orderBy.rawValue)) }
        if let order { items.append(WooQueryItem("order", order.rawValue)) }
        if let fields { items.append(WooQueryItem("_fields", fields.joined(separator: ","))) }
        return items
    }
}

/// Sort keys for order listings.
public enum WooOrderBy: String, Sendable, Hashable, CaseIterable {
    case date, id, include, title, slug
    /// Undocumented. A real store has no tie-breaker for it: orders sharing a modified second come twice or
    /// never across pages. Don't page with it; use ``id``.
    case modified
}

/// Sort direction.
public enum WooSortOrder: String, Sendable, Hashable, CaseIterable {
    case asc, desc
}

/// Filters for `GET /products`.
public struct WooProductQuery: Sendable, Hashable {
    /// Exact SKUs; matches variations too (they come back typed `variation` with their `parent_id`).
    public var skus: [String]
    public var type: WooProductType?
    public var status: String?
    public var search: String?
    public var include: [Int]
    public var orderBy: WooOrderBy?
    public var order: WooSortOrder?
    public var perPage: Int

    public init(
        skus: [String] = [],
        type: WooProductType? = nil,
        status: String? = nil,
        search: String? = nil,
        include: [Int] = [],
        orderBy: WooOrderBy? = nil,
        order: WooSortOrder? = nil,
        perPage: Int = 100
    ) {
        self.skus = skus
        self.type = type
        self.status = status
        self.search = search
        self.include = include
        self.orderBy = orderBy
        self.order = order
        self.perPage = perPage
    }

    public func queryItems(page: Int) -> [WooQueryItem] {
        var items = [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String(page))]
        if !skus.isEmpty { items.append(WooQueryItem("sku", skus.joined(separator: ","))) }
        if let type { items.append(WooQueryItem("type", type.rawValue)) }
        if let status { items.append(WooQueryItem("status", status)) }
        if let search { items.append(WooQueryItem("search", search)) }
        if !include.isEmpty { items.append(WooQueryItem("include", include.map(String.init).joined(separator: ","))) }
        if let orderBy { items.append(WooQueryItem("orderby", orderBy.rawValue)) }
        if let order { items.append(WooQueryItem("order", order.rawValue)) }
        return items
    }
}
