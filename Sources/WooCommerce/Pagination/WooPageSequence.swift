/// Every page of a listing as an `AsyncSequence`, fetching up to `concurrency` pages at once while handing
/// them over strictly in order.
///
/// The first page is fetched alone to learn `X-WP-TotalPages`. After that at most `concurrency` requests are
/// on the wire at once (a ``RequestGate``), and pages are prepared up to `2 × concurrency` ahead so that
/// decoding overlaps with waiting for the store. Memory stays flat however long the listing: at most
/// `2 × concurrency` pages are held. Ending the iteration early cancels the pages still in flight.
public struct WooPageSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = WooPage<Item>
    /// Fetches one page; runs `withSlot` around its network part only.
    typealias Fetch = @Sendable (_ page: Int, _ gate: RequestGate) async throws -> WooPage<Item>

    private let fetch: Fetch
    private let firstPage: Int
    private let concurrency: Int

    init(firstPage: Int = 1, concurrency: Int, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.firstPage = Swift.max(1, firstPage)
        self.concurrency = Swift.max(1, concurrency)
    }

    /// The items of every page, in order.
    public var items: WooItemSequence<Item> { WooItemSequence(pages: self) }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, nextPage: firstPage, concurrency: concurrency)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private let fetch: Fetch
        private let concurrency: Int
        private let gate: RequestGate
        private var nextPage: Int
        private var nextToSchedule: Int
        private var lastPage: Int?
        private let window = InFlightWindow<Item>()

        init(fetch: @escaping Fetch, nextPage: Int, concurrency: Int) {
            self.fetch = fetch
            self.nextPage = nextPage
            self.nextToSchedule = nextPage + 1
            self.concurrency = concurrency
            self.gate = RequestGate(limit: concurrency)
        }

        public mutating func next() async throws -> WooPage<Item>? {
            guard let lastPage else {
                let first = try await fetch(nextPage, gate)
                self.lastPage = first.totalPages
                nextPage += 1
                return first.items.isEmpty && first.totalPages < first.page ? nil : first
            }
            guard nextPage <= lastPage else { return nil }
            while nextToSchedule <= lastPage, nextToSchedule < nextPage + 2 * concurrency {
                let page = nextToSchedule
                let fetch = self.fetch
                let gate = self.gate
                window.tasks[page] = Task { try await fetch(page, gate) }
                nextToSchedule += 1
            }
            guard let task = window.tasks.removeValue(forKey: nextPage) else { return nil }
            do {
                let page = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
                nextPage += 1
                return page
            } catch {
                window.cancelAll()
                self.lastPage = 0
                throw error
            }
        }
    }
}

/// Holds the page requests in flight; cancels them when the iterator that owns it goes away.
private final class InFlightWindow<Item: Sendable> {
    var tasks: [Int: Task<WooPage<Item>, any Error>] = [:]

    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }

    deinit { cancelAll() }
}

/// Every item of a listing, in order, across all pages (see ``WooPageSequence``).
public struct WooItemSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    let pages: WooPageSequence<Item>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: WooPageSequence<Item>.AsyncIterator
        var buffer: [Item] = []
        var index = 0

        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.items
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
