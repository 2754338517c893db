/// The store's state: the generated catalog and customers, the overlay of orders created or edited at
/// runtime, notes, webhooks. Generated orders are not held — `OrderGenerator` recreates them on demand —
/// so memory stays flat whatever `orderCount` is.
///
/// Reads return value snapshots; JSON is written outside the actor so requests encode in parallel.
actor SimStore {
    let generator: OrderGenerator
    let time: StoreTime
    let homeURL: String
    private let unstableModifiedOrdering: Bool
    let dispatcher: WebhookDispatcher

    var products: [Int: SimProduct]
    private(set) var customers: [SimCustomer]
    /// Orders created or changed at runtime (also trashed ones, with status `trash`).
    var overlay: [Int: SimOrder] = [:]
    /// Orders deleted for good.
    var removed: Set<Int> = []
    var highestOrderId: Int
    var addedNotes: [Int: [SimOrderNote]] = [:]
    var nextNoteId = 50_000_000
    var nextItemId = 1_000_000_000
    var nextProductId: Int
    var webhooks: [Int: SimWebhook] = [:]
    var nextWebhookId = 1
    var runtimeRandom: SimRandom
    /// The latest time a restored snapshot had seen: the store's clock never goes back before it, so changes
    /// after a restart sort after the ones saved (a machine clock set back must not reorder `modified`).
    var clockFloor: Int64 = 0
    private var listRequests: UInt64 = 0

    init(configuration: WooSimConfiguration, historyEnd: Int64, homeURL: String, dispatcher: WebhookDispatcher) {
        let catalog = CatalogGenerator(
            seed: configuration.seed, productCount: configuration.productCount,
            customerCount: configuration.customerCount, historyEnd: historyEnd, historyDays: configuration.historyDays,
            shirtColors: configuration.shirtColors)
        let products = catalog.products()
        let customers = catalog.customers()
        self.generator = OrderGenerator(
            seed: configuration.seed, count: configuration.orderCount, historyEnd: historyEnd,
            historyDays: configuration.historyDays, catalog: products, customers: customers)
        self.time = StoreTime(timeZoneIdentifier: configuration.timeZone)
        self.homeURL = homeURL
        self.unstableModifiedOrdering = configuration.unstableModifiedOrdering
        self.dispatcher = dispatcher
        self.products = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0) })
        self.customers = customers
        self.highestOrderId = max(0, configuration.orderCount)
        self.nextProductId = (products.map(\.id).max() ?? 0) + 1
        self.runtimeRandom = SimRandom(seed: configuration.seed, stream: SimStream.runtime)
    }

    /// A snapshot for encoders.
    var renderContext: RenderContext {
        RenderContext(homeURL: self.homeURL, time: self.time, products: self.products)
    }

    /// Now, never before the newest generated history (so runtime changes always sort after it) nor before
    /// the moment a restored snapshot was taken.
    func now() -> Int64 {
        max(StoreTime.now(), self.generator.historyEnd + 1, self.clockFloor)
    }

    // MARK: - Orders: reads

    func order(_ id: Int) -> SimOrder? {
        guard id > 0, !self.removed.contains(id) else { return nil }
        if let order = self.overlay[id] { return order }
        return id <= self.generator.count ? self.generator.order(id) : nil
    }

    private func summary(_ id: Int) -> OrderGenerator.Summary? {
        guard !self.removed.contains(id) else { return nil }
        if let order = self.overlay[id] {
            return .init(status: order.status, dateCreated: order.dateCreated, dateModified: order.dateModified)
        }
        return id <= self.generator.count ? self.generator.summary(id) : nil
    }

    func listOrders(_ query: OrderQuery) -> ListPage<SimOrder> {
        self.listRequests &+= 1
        let paging = query.paging
        let byIdOrDate =
            query.orderBy == .date || query.orderBy == .id || query.orderBy == .title
            || query.orderBy == .slug
        // Generated and runtime orders are created in id order, so ordering by date equals ordering by id
        // (WooCommerce's id tie-break included): a page is a walk over ids, no sort needed.
        if query.isUnfiltered, byIdOrDate {
            let hidden = self.removed.count + self.overlay.values.reduce(0) { $0 + ($1.status == "trash" ? 1 : 0) }
            let total = max(0, self.highestOrderId - hidden)
            let range = paging.range(total: total)
            var items: [SimOrder] = []
            items.reserveCapacity(range.count)
            var skipped = 0
            var id = query.ascending ? 1 : self.highestOrderId
            while items.count < range.count, id >= 1, id <= self.highestOrderId {
                if let summary = self.summary(id), summary.status != "trash" {
                    if skipped < range.lowerBound {
                        skipped += 1
                    } else if let order = self.order(id) {
                        items.append(order)
                    }
                }
                id += query.ascending ? 1 : -1
            }
            return ListPage(total: total, items: items)
        }

        var candidates: [Int]
        if let include = query.include {
            candidates = include.filter { $0 > 0 && $0 <= self.highestOrderId }
            var seen = Set<Int>()
            candidates = candidates.filter { seen.insert($0).inserted }
        } else {
            candidates = Array(1...max(1, self.highestOrderId))
            if self.highestOrderId == 0 { candidates = [] }
        }
        var matches: [(id: Int, modified: Int64)] = []
        for id in candidates where !query.exclude.contains(id) {
            guard let summary = self.summary(id),
                query.matches(status: summary.status, created: summary.dateCreated, modified: summary.dateModified)
            else { continue }
            if query.needsFullOrder {
                guard let order = self.order(id), query.matchesDetails(order) else { continue }
            }
            matches.append((id, summary.dateModified))
        }
        switch query.orderBy {
        case .include where query.include != nil:
            break  // Keeps the include list's order.
        case .modified:
            let salt = SimRandom.mix(self.listRequests)
            let unstable = self.unstableModifiedOrdering
            matches.sort { left, right in
                if left.modified != right.modified {
                    return query.ascending ? left.modified < right.modified : left.modified > right.modified
                }
                if unstable {
                    // Like MySQL without a tie-break: equal rows come back in an arbitrary order per query.
                    return SimRandom.mix(UInt64(left.id) ^ salt) < SimRandom.mix(UInt64(right.id) ^ salt)
                }
                return query.ascending ? left.id < right.id : left.id > right.id
            }
        default:
            matches.sort { query.ascending ? $0.id < $1.id : $0.id > $1.id }
        }
        let range = paging.range(total: matches.count)
        return ListPage(total: matches.count, items: matches[range].compactMap { self.order($0.id) })
    }

    func notes(orderId: Int) -> [SimOrderNote]? {
        guard let order = self.order(orderId) else { return nil }
        let generated = orderId <= self.generator.count ? self.generator.notes(for: self.generator.order(orderId)) : []
        let all = generated + (self.addedNotes[order.id] ?? [])
        // Newest first; notes of the same second keep their creation order, as the store lists them.
        return all.enumerated().sorted { left, right in
            left.element.date != right.element.date
                ? left.element.date > right.element.date : left.offset < right.offset
        }.map(\.element)
    }

    // MARK: - Products: reads

    func product(_ id: Int) -> SimProduct? {
        self.products[id]
    }

    func listProducts(_ query: ProductQuery, parent: Int? = nil) -> ListPage<SimProduct> {
        var items = self.products.values.filter { product in
            if let parent {
                guard product.kind == .variation, product.parentId == parent else { return false }
            } else if let skus = query.skus {
                // `sku` covers products and variations; a variation without its own SKU never matches.
                guard skus.contains(product.sku), !product.sku.isEmpty else { return false }
            } else if product.kind == .variation {
                return false
            }
            if let type = query.type, product.kind.rawValue != type { return false }
            if let status = query.status {
                guard product.status == status else { return false }
            } else if product.status == "trash" {
                return false  // `any` is every status but the trash, as in WordPress.
            }
            if let search = query.search, !product.name.lowercased().contains(search.lowercased()) { return false }
            if let searchSKU = query.searchSKU, !product.sku.lowercased().contains(searchSKU.lowercased()) {
                return false
            }
            if let include = query.include, !include.contains(product.id) { return false }
            if query.exclude.contains(product.id) { return false }
            if let parents = query.parents, !parents.contains(product.parentId) { return false }
            if query.excludedParents.contains(product.parentId) { return false }
            if let stockStatus = query.stockStatus,
                ProductEncoder.stockStatus(product, context: self.renderContext) != stockStatus
            {
                return false
            }
            return true
        }
        let ascending = query.ascending
        switch query.orderBy {
        case .title:
            items.sort { ascending ? ($0.name, $0.id) < ($1.name, $1.id) : ($0.name, $0.id) > ($1.name, $1.id) }
        case .slug:
            items.sort { ascending ? ($0.slug, $0.id) < ($1.slug, $1.id) : ($0.slug, $0.id) > ($1.slug, $1.id) }
        case .modified:
            items.sort {
                ascending
                    ? ($0.dateModified, $0.id) < ($1.dateModified, $1.id)
                    : ($0.dateModified, $0.id) > ($1.dateModified, $1.id)
            }
        case .include where query.include != nil:
            let order = query.include!
            items.sort { (order.firstIndex(of: $0.id) ?? 0) < (order.firstIndex(of: $1.id) ?? 0) }
        case .price:
            items.sort {
                ascending
                    ? ($0.price ?? 0, $0.id) < ($1.price ?? 0, $1.id) : ($0.price ?? 0, $0.id) > ($1.price ?? 0, $1.id)
            }
        default:
            items.sort {
                ascending
                    ? ($0.dateCreated, $0.id) < ($1.dateCreated, $1.id)
                    : ($0.dateCreated, $0.id) > ($1.dateCreated, $1.id)
            }
        }
        let range = query.paging.range(total: items.count)
        return ListPage(total: items.count, items: Array(items[range]))
    }

    func product(sku: String) -> SimProduct? {
        self.products.values.first { $0.sku == sku && !sku.isEmpty }
    }

    // MARK: - Customers

    func customer(_ id: Int) -> SimCustomer? {
        self.customers.first { $0.id == id }
    }

    func listCustomers(_ query: PHPParameters) throws(WooSimError) -> ListPage<SimCustomer> {
        let paging = try Paging(query)
        var items = self.customers
        if let search = query["search"], !search.isEmpty {
            let needle = search.lowercased()
            items = items.filter {
                [$0.email, $0.firstName, $0.lastName, $0.username].contains { $0.lowercased().contains(needle) }
            }
        }
        if let email = query["email"], !email.isEmpty {
            items = items.filter { $0.email.lowercased() == email.lowercased() }
        }
        if let include = try OrderQuery.ids(query, "include") { items = items.filter { include.contains($0.id) } }
        let ascending = query["order"] != "desc"
        switch query["orderby"] ?? "name" {
        case "id": items.sort { ascending ? $0.id < $1.id : $0.id > $1.id }
        case "registered_date":
            items.sort { ascending ? $0.dateCreated < $1.dateCreated : $0.dateCreated > $1.dateCreated }
        default:
            items.sort {
                let left = ($0.lastName + " " + $0.firstName).lowercased()
                let right = ($1.lastName + " " + $1.firstName).lowercased()
                return ascending ? (left, $0.id) < (right, $1.id) : (left, $0.id) > (right, $1.id)
            }
        }
        let range = paging.range(total: items.count)
        return ListPage(total: items.count, items: Array(items[range]))
    }

    // MARK: - Events

    /// Queues deliveries for every active webhook whose topic matches.
    func emit(_ events: [SimEvent]) {
        for event in events {
            for webhook in self.webhooks.values.sorted(by: { $0.id < $1.id })
            where webhook.status == "active" && webhook.topic == event.topic {
                self.dispatcher.submit(webhookId: webhook.id, event: event)
            }
        }
    }

    /// The body of a delivery: the resource as `GET` returns it now (`{"id": N}` for deletions).
    func payload(for event: SimEvent) -> [UInt8] {
        var writer = JSONWriter(capacity: 8192)
        let context = self.renderContext
        switch (event.resource, event.event) {
        case (_, "deleted"):
            writer.beginObject()
            writer.key("id")
            writer.int(event.id)
            writer.endObject()
        case ("order", _):
            guard let order = self.order(event.id) else { return Array("{\"id\":\(event.id)}".utf8) }
            OrderEncoder.write(order, to: &writer, context: context)
        case ("product", _):
            guard let product = self.products[event.id] else { return Array("{\"id\":\(event.id)}".utf8) }
            ProductEncoder.writeProduct(product, to: &writer, context: context)
        case ("customer", _):
            guard let customer = self.customer(event.id) else { return Array("{\"id\":\(event.id)}".utf8) }
            CustomerEncoder.write(customer, to: &writer, context: context)
        default:
            return Array("{\"id\":\(event.id)}".utf8)
        }
        return writer.bytes
    }
}
