import Hummingbird

/// Every list the API returns: `{"items": [...], "page": N, "per_page": N, "total": N}`.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int

    enum CodingKeys: String, CodingKey {
        case items, page, total
        case perPage = "per_page"
    }
}

/// `?page=&per_page=` read and bounded: pages from 1 to 1,000,000, at most 100 per page. The page bound keeps
/// `(page - 1) * per_page` far from overflowing: an overflow traps and would take the whole server down.
struct Paging: Sendable {
    static let maximumPage = 1_000_000

    var page: Int
    var perPage: Int

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        func number(_ name: String, default value: Int) throws -> Int {
            guard let text = query[Substring(name)] else { return value }
            guard let number = Int(text) else { throw APIError.invalid([name: "must be a whole number"]) }
            return number
        }
        page = try number("page", default: 1)
        perPage = try number("per_page", default: 20)
        var problems: [String: String] = [:]
        if !(1...Self.maximumPage).contains(page) { problems["page"] = "must be between 1 and 1,000,000" }
        if !(1...100).contains(perPage) { problems["per_page"] = "must be between 1 and 100" }
        if !problems.isEmpty { throw APIError.invalid(problems) }
    }
}
