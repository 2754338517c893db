/// One page of a cursor-paginated connection.
public struct ShopifyPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The cursor to pass as `after` for the next page; keep it to resume a listing later.
    public var endCursor: String?
    public var hasNextPage: Bool

    public init(items: [Item], endCursor: String?, hasNextPage: Bool) {
        self.items = items
        self.endCursor = endCursor
        self.hasNextPage = hasNextPage
    }
}

/// Every page of a connection, in order, one request at a time (a cursor is only known once the page before
/// it has come). Starts after `start` (`nil`: the first page); ends after the page with `hasNextPage` false.
public struct ShopifyPageSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = ShopifyPage<Item>
    typealias Fetch = @Sendable (_ after: String?) async throws -> ShopifyPage<Item>

    private let fetch: Fetch
    private let start: String?

    init(after start: String?, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.start = start
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch, cursor: start) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: Fetch
        var cursor: String?
        var finished = false

        public mutating func next() async throws -> ShopifyPage<Item>? {
            guard !finished else { return nil }
            let page = try await fetch(cursor)
            // A page claiming more without a cursor would be asked for forever.
            if !page.hasNextPage || page.endCursor == nil || page.endCursor == cursor { finished = true }
            cursor = page.endCursor
            return page
        }
    }
}
