/// The filters of `GET /orders`, validated as WooCommerce validates them.
struct OrderQuery: Sendable {
    enum OrderBy: String, Sendable { case date, id, include, modified, title, slug }

    static let listStatuses = [
        "any", "trash", "auto-draft", "pending", "processing", "on-hold", "completed", "cancelled", "refunded",
        "failed", "checkout-draft",
    ]
    static let editStatuses = [
        "auto-draft", "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed",
        "checkout-draft",
    ]

    /// `nil` → any (every status but `trash`; `checkout-draft` included).
    var statuses: Set<String>?
    var after: Int64?
    var before: Int64?
    var modifiedAfter: Int64?
    var modifiedBefore: Int64?
    var include: [Int]?
    var exclude: Set<Int> = []
    var customer: Int?
    var search: String?
    var orderBy: OrderBy = .date
    var ascending = false
    var paging = Paging()

    init() {}

    init(_ query: PHPParameters, time: StoreTime) throws(WooSimError) {
        if let statuses = query.list("status"), !statuses.isEmpty {
            for (index, status) in statuses.enumerated() where !OrderQuery.listStatuses.contains(status) {
                throw WooSimError.notInEnum("status", label: "status[\(index)]", values: OrderQuery.listStatuses)
            }
            self.statuses = statuses.contains("any") ? nil : Set(statuses)
        }
        let datesAreGMT = query["dates_are_gmt"].map { !["", "0", "false"].contains($0.lowercased()) } ?? false
        func date(_ name: String) throws(WooSimError) -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = time.filterDate(text, datesAreGMT: datesAreGMT) else {
                throw WooSimError.invalidParameter(name, message: "Invalid date.", detailCode: "rest_invalid_date")
            }
            return value
        }
        self.after = try date("after")
        self.before = try date("before")
        self.modifiedAfter = try date("modified_after")
        self.modifiedBefore = try date("modified_before")
        self.include = try OrderQuery.ids(query, "include")
        self.exclude = Set(try OrderQuery.ids(query, "exclude") ?? [])
        if let customer = query["customer"], !customer.isEmpty {
            guard let value = Int(customer) else {
                throw WooSimError.invalidParameter(
                    "customer", message: "customer is not of type integer.", detailCode: "rest_invalid_type")
            }
            self.customer = value
        }
        if let search = query["search"], !search.isEmpty { self.search = search }
        if let orderBy = query["orderby"] {
            guard let value = OrderBy(rawValue: orderBy) else {
                throw WooSimError.notInEnum(
                    "orderby", label: "orderby", values: ["date", "id", "include", "title", "slug", "modified"])
            }
            self.orderBy = value
        }
        if let order = query["order"] {
            guard order == "asc" || order == "desc" else {
                throw WooSimError.notInEnum("order", label: "order", values: ["asc", "desc"])
            }
            self.ascending = order == "asc"
        }
        self.paging = try Paging(query)
    }

    static func ids(_ query: PHPParameters, _ name: String) throws(WooSimError) -> [Int]? {
        guard let values = query.list(name) else { return nil }
        var ids: [Int] = []
        for (index, value) in values.enumerated() {
            guard let id = Int(value) else {
                throw WooSimError.invalidParameter(
                    name, message: "\(name)[\(index)] is not of type integer.", detailCode: "rest_invalid_type")
            }
            ids.append(id)
        }
        return ids
    }

    /// Whether the cheap summary passes the status and date filters.
    func matches(status: String, created: Int64, modified: Int64) -> Bool {
        if let statuses {
            guard statuses.contains(status) else { return false }
        } else if status == "trash" {
            return false
        }
        if let after, created <= after { return false }
        if let before, created >= before { return false }
        if let modifiedAfter, modified <= modifiedAfter { return false }
        if let modifiedBefore, modified >= modifiedBefore { return false }
        return true
    }

    var needsFullOrder: Bool { self.customer != nil || self.search != nil }

    var isUnfiltered: Bool {
        self.statuses == nil && self.after == nil && self.before == nil && self.modifiedAfter == nil
            && self.modifiedBefore == nil && self.include == nil && self.exclude.isEmpty && !self.needsFullOrder
    }

    func matchesDetails(_ order: SimOrder) -> Bool {
        if let customer, order.customerId != customer { return false }
        if let search {
            let needle = search.lowercased()
            let haystack =
                [
                    order.billing.firstName, order.billing.lastName, order.billing.email ?? "", order.billing.company,
                    order.shipping.firstName, order.shipping.lastName, String(order.id), order.orderKey,
                ] + order.lineItems.map(\.name)
            guard haystack.contains(where: { $0.lowercased().contains(needle) }) else { return false }
        }
        return true
    }
}

/// The filters of `GET /products` (and `/products/{id}/variations`).
struct ProductQuery: Sendable {
    enum OrderBy: String, Sendable { case date, id, include, title, slug, modified, price, popularity, rating }

    var skus: [String]?
    var searchSKU: String?
    var type: String?
    var search: String?
    var status: String?
    var stockStatus: String?
    var include: [Int]?
    var exclude: Set<Int> = []
    var parents: [Int]?
    var excludedParents: Set<Int> = []
    var orderBy: OrderBy = .date
    var ascending = false
    var paging = Paging()

    /// WooCommerce's `status` enum: `any`, `future`, `trash` and WordPress's post statuses, in its order.
    static let statuses = ["any", "future", "trash", "draft", "pending", "private", "publish"]

    init(_ query: PHPParameters) throws(WooSimError) {
        if let sku = query["sku"], !sku.isEmpty {
            // WooCommerce `explode`s on commas without trimming and, for a list, also tries the whole string
            // (a SKU may itself contain a comma).
            var skus = sku.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if skus.count > 1 { skus.append(sku) }
            self.skus = skus
        }
        if let value = query["search_sku"], !value.isEmpty { self.searchSKU = value }
        if let type = query["type"] {
            let types = ["simple", "grouped", "external", "variable"]
            guard types.contains(type) else { throw WooSimError.notInEnum("type", label: "type", values: types) }
            self.type = type
        }
        if let search = query["search"], !search.isEmpty { self.search = search }
        if let status = query["status"] {
            guard ProductQuery.statuses.contains(status) else {
                throw WooSimError.notInEnum("status", label: "status", values: ProductQuery.statuses)
            }
            if status != "any" { self.status = status }
        }
        if let stockStatus = query["stock_status"] {
            let values = ["instock", "outofstock", "onbackorder"]
            guard values.contains(stockStatus) else {
                throw WooSimError.notInEnum("stock_status", label: "stock_status", values: values)
            }
            self.stockStatus = stockStatus
        }
        self.include = try OrderQuery.ids(query, "include")
        self.exclude = Set(try OrderQuery.ids(query, "exclude") ?? [])
        self.parents = try OrderQuery.ids(query, "parent")
        self.excludedParents = Set(try OrderQuery.ids(query, "parent_exclude") ?? [])
        if let orderBy = query["orderby"] {
            guard let value = OrderBy(rawValue: orderBy) else {
                throw WooSimError.notInEnum(
                    "orderby", label: "orderby",
                    values: ["date", "modified", "id", "include", "title", "slug", "price", "popularity", "rating"])
            }
            self.orderBy = value
        }
        if let order = query["order"] {
            guard order == "asc" || order == "desc" else {
                throw WooSimError.notInEnum("order", label: "order", values: ["asc", "desc"])
            }
            self.ascending = order == "asc"
        }
        self.paging = try Paging(query)
    }
}
