import NIOHTTP1

extension WooCommerceClient {
    /// `GET /customers/{id}`.
    public func customer(id: Int) async throws -> WooCustomer {
        try await send(WooRequest(.GET, "customers/\(id)"), as: WooCustomer.self)
    }

    /// One page of `GET /customers`.
    public func listCustomers(
        page: Int = 1, perPage: Int = 100, email: String? = nil, role: String? = "all"
    ) async throws -> WooPage<WooCustomer> {
        try validatePerPage(perPage, "customers")
        var query = [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String(page))]
        if let email { query.append(WooQueryItem("email", email)) }
        if let role { query.append(WooQueryItem("role", role)) }
        return try await self.page("customers", query: query, page: page, perPage: perPage, as: WooCustomer.self)
    }

    /// Every page of `GET /customers`.
    public func customers(perPage: Int = 100, concurrency: Int = 2) -> WooPageSequence<WooCustomer> {
        pages(
            "customers", perPage: perPage, concurrency: concurrency,
            query: { [WooQueryItem("per_page", String(perPage)), WooQueryItem("page", String($0))] },
            as: WooCustomer.self)
    }
}
