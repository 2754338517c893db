import Synchronization

/// Every page of a listing as an `AsyncSequence`, fetching up to `concurrency` pages at once while handing
/// them over strictly in order.
///
/// The first `concurrency` pages are requested at once, before the total is known: waiting for page 1's
/// `X-WP-TotalPages` before asking for page 2 would cost a whole extra round trip, and most syncs are one to
/// three pages (a page past the end costs the store only its base, and answers `[]`). After that at most
/// `concurrency` requests are on the wire at once (a ``RequestGate``; the store's pacer, if the client has one,
/// may allow fewer), pages are prepared up to `2 × concurrency` ahead so that decoding overlaps with waiting for
/// the store, and the end is the `X-WP-TotalPages` of the page last handed over, so a listing that grows while
/// it is read is followed to its new end. Memory stays flat however long the listing: at most
/// `2 × concurrency` pages are held. A page asked for ahead of an end that turns out closer is not sent if it
/// is still waiting for its turn, and is left to finish (unread) if it was already sent: cancelling it would free
/// its turn at the pacer while the store still works on it. Ending the iteration early cancels the pages in
/// flight.
public struct WooPageSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = WooPage<Item>
    /// Fetches one page; runs `withSlot` around its network part only, and sends nothing for a page past `end`.
    typealias Fetch = @Sendable (_ page: Int, _ gate: RequestGate, _ end: ListingEnd) async throws -> WooPage<Item>

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
        private let end = ListingEnd()
        private var nextPage: Int
        private var nextToSchedule: Int
        /// The listing's last page as the page last handed over reported it; `nil` before the first.
        private var lastPage: Int?
        private var finished = false
        private let window = InFlightWindow<Item>()

        init(fetch: @escaping Fetch, nextPage: Int, concurrency: Int) {
            self.fetch = fetch
            self.nextPage = nextPage
            self.nextToSchedule = nextPage
            self.concurrency = concurrency
            self.gate = RequestGate(limit: concurrency)
        }

        public mutating func next() async throws -> WooPage<Item>? {
            guard !finished else { return nil }
            // Before the total is known only the first `concurrency` pages are asked for; after, up to
            // `2 × concurrency` ahead, never past the end.
            let ahead = lastPage == nil ? concurrency : 2 * concurrency
            while nextToSchedule < nextPage + ahead, nextToSchedule <= (lastPage ?? Int.max) {
                let page = nextToSchedule
                let (fetch, gate, end) = (self.fetch, self.gate, self.end)
                window.tasks[page] = Task {
                    let answer = try await fetch(page, gate, end)
                    // A page past the end says the end is before it: pages after it still waiting are not sent.
                    if answer.items.isEmpty, answer.totalPages < page { end.lower(to: page - 1) }
                    return answer
                }
                nextToSchedule += 1
            }
            guard let task = window.tasks.removeValue(forKey: nextPage) else {
                finished = true
                return nil
            }
            do {
                var page: WooPage<Item>
                do {
                    page = try await withTaskCancellationHandler {
                        try await task.value
                    } onCancel: {
                        task.cancel()
                    }
                } catch is CancellationError where !Task.isCancelled {
                    // Not sent because the end looked closer then (an empty page past it); the page handed over
                    // last says this one exists: ask for it now.
                    end.set(Swift.max(lastPage ?? nextPage, nextPage))
                    page = try await fetch(nextPage, gate, end)
                }
                if page.items.isEmpty, page.totalPages < page.page, let lastPage, page.page <= lastPage {
                    // Asked before the listing grew to this page (a page past the end answers `[]` with
                    // `X-WP-TotalPages: 0`): ask again now.
                    end.set(lastPage)
                    page = try await fetch(page.page, gate, end)
                }
                guard !(page.items.isEmpty && page.totalPages < page.page) else {
                    reachEnd(before: page.page)
                    return nil
                }
                lastPage = page.totalPages
                nextPage += 1
                // Pages asked for ahead of an end that has moved closer are not needed.
                end.set(page.totalPages)
                for stale in window.tasks.keys where stale > page.totalPages { window.tasks.removeValue(forKey: stale) }
                nextToSchedule = Swift.min(nextToSchedule, page.totalPages + 1)
                if nextPage > page.totalPages { reachEnd(before: nextPage) }
                return page
            } catch {
                finish()
                throw error
            }
        }

        /// The listing ended: pages after it still waiting are not sent, those sent finish unread.
        private mutating func reachEnd(before page: Int) {
            finished = true
            end.set(page - 1)
            window.tasks.removeAll()
        }

        private mutating func finish() {
            finished = true
            window.cancelAll()
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

/// The last page a listing still wants, shared with its page requests: one asked for ahead of an end that
/// turned out closer checks it before it is sent.
final class ListingEnd: Sendable {
    private let last = Atomic<Int>(Int.max)

    /// Lowers (or raises, for a listing that grew) the last page wanted.
    func set(_ page: Int) { last.store(page, ordering: .relaxed) }

    /// Lowers the last page wanted, if it is later than `page`.
    func lower(to page: Int) { last.min(page, ordering: .relaxed) }

    func includes(_ page: Int) -> Bool { page <= last.load(ordering: .relaxed) }
}
