/// `page`, `per_page` and `offset` as WordPress validates them, and the headers it answers with.
struct Paging: Sendable, Equatable {
    var page: Int = 1
    var perPage: Int = 10
    var offset: Int?

    init(page: Int = 1, perPage: Int = 10, offset: Int? = nil) {
        self.page = page
        self.perPage = perPage
        self.offset = offset
    }

    init(_ query: PHPParameters, defaultPerPage: Int = 10, maxPerPage: Int = 100) throws(WooSimError) {
        if let text = query["per_page"] {
            guard let value = Int(text.trimmingWhitespace()) else {
                throw WooSimError.invalidParameter(
                    "per_page", message: "per_page is not of type integer.", detailCode: "rest_invalid_type")
            }
            guard (1...maxPerPage).contains(value) else {
                throw WooSimError.invalidParameter(
                    "per_page", message: "per_page must be between 1 (inclusive) and \(maxPerPage) (inclusive)",
                    detailCode: "rest_out_of_bounds")
            }
            self.perPage = value
        } else {
            self.perPage = defaultPerPage
        }
        if let text = query["page"] {
            guard let value = Int(text.trimmingWhitespace()) else {
                throw WooSimError.invalidParameter(
                    "page", message: "page is not of type integer.", detailCode: "rest_invalid_type")
            }
            guard value >= 1 else {
                throw WooSimError.invalidParameter(
                    "page", message: "page must be greater than or equal to 1", detailCode: "rest_out_of_bounds")
            }
            self.page = value
        }
        if let text = query["offset"] {
            guard let value = Int(text.trimmingWhitespace()) else {
                throw WooSimError.invalidParameter(
                    "offset", message: "offset is not of type integer.", detailCode: "rest_invalid_type")
            }
            self.offset = max(0, value)
        }
    }

    /// Where the page starts among all matches.
    var start: Int { self.offset ?? (self.page - 1) * self.perPage }

    /// The slice of `0..<total` this page covers.
    func range(total: Int) -> Range<Int> {
        let lower = min(self.start, total)
        return lower..<min(total, lower + self.perPage)
    }
}

/// One page of a listing and how many matched in all.
struct ListPage<Item: Sendable>: Sendable {
    var total: Int
    var items: [Item]
}
