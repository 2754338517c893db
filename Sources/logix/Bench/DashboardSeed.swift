import Foundation
import LogixCore
import Storage
import Sync

/// A user's data as the dashboard shows it after weeks of use, written fast into a migrated database: stores
/// (integrations) with a finished sync run each, orders imported through ``OrderApplier`` as a sync imports them
/// (tasks, stock reservations and all), then taken through the warehouse's steps with the same rules and store
/// updates as ``FulfillmentRecorder`` — batched, so 10,000 orders take seconds — some flagged for review, and
/// their outbox items settled as they would be by now: most done, a few dead, the last hour's still pending.
///
/// Deterministic for a seed: the same options give the same orders, numbers and timings.
struct DashboardSeed: Sendable {
    /// What to write.
    struct Options: Sendable {
        var email = "bench@example.test"
        /// Stored as it is: hash a password the caller signs in with.
        var passwordHash = "-"
        var stores = ["Kestrel Coffee Roasters", "Northwind Outfitters", "Bluebell Yarns"]
        var orders = 10_000
        /// Orders are placed over the days before `now`.
        var days = 45
        var now = Date()
        var seed: UInt64 = 12
    }

    /// What was written.
    struct Summary: Sendable {
        var userID: Int64
        var integrationIDs: [Int64]
        var orders = 0
        var lines = 0
        var shipments = 0
        var flagged = 0
        var outbox: [OutboxState: Int] = [:]
    }

    let database: LogixDatabase
    let options: Options

    func run() async throws -> Summary {
        try await Migrator(database: database).migrate()
        let options = self.options
        let start = options.now.addingTimeInterval(-Double(options.days) * 86_400)
        let (user, integrations) = try await database.transaction { sql in
            let user = try await UserRecords().create(
                email: options.email, passwordHash: options.passwordHash, at: start, on: sql)
            var integrations: [IntegrationRecord] = []
            for (index, name) in options.stores.enumerated() {
                integrations.append(
                    try await IntegrationRecords().insert(
                        NewIntegration(
                            userID: user.id, platform: "woocommerce",
                            storeURL: "https://\(Self.host(name)).example.test", name: name,
                            createdAt: start.addingTimeInterval(Double(index) * 3_600)),
                        on: sql))
            }
            // Enough stock that reservations leave most SKUs available, a few short.
            let levels = Catalogue.products.enumerated().map { index, product in
                StockLevel(sku: product.sku, onHand: index % 11 == 0 ? 3 : 40 + (index * 37) % 400)
            }
            try await StockLevelRecords().set(levels, ownerID: user.id, at: start, on: sql)
            return (user, integrations)
        }
        var summary = Summary(userID: user.id, integrationIDs: integrations.map(\.id))
        var random = SplitMix(seed: options.seed)
        // Stores differ in size: half, a third and a sixth of the orders for three stores.
        let weights = integrations.indices.map { 1.0 / Double($0 + 1) }
        let weightSum = weights.reduce(0, +)
        var orders: [Order] = []
        orders.reserveCapacity(options.orders)
        var nextExternal = Array(repeating: Int64(1_000), count: integrations.count)
        for index in 0..<options.orders {
            // Placed in time order, more of them lately (a growing business) and by day rather than by night.
            let progress = pow(Double(index) / Double(max(options.orders, 1)), 0.8)
            let day = (progress * Double(options.days)).rounded(.down)
            let hour = 7 + random.unit() * 15
            let placed = start.addingTimeInterval(day * 86_400 + hour * 3_600)
            guard placed < options.now.addingTimeInterval(-60) else { continue }
            var pick = random.unit() * weightSum
            var store = 0
            while store < weights.count - 1 && pick > weights[store] {
                pick -= weights[store]
                store += 1
            }
            nextExternal[store] += 1
            orders.append(
                Self.order(
                    integrationID: integrations[store].id, externalID: nextExternal[store],
                    placed: placed, random: &random))
        }
        orders.sort { $0.createdAt < $1.createdAt }

        // Import, as a sync would: batches per store, through the applier.
        var storedIDs: [Int64: [Int64: Int64]] = [:]  // integration → external id → order id
        for integration in integrations {
            let own = orders.filter { $0.integrationID == integration.id }
            let applier = OrderApplier(database: database, integrationID: integration.id)
            for batchStart in stride(from: 0, to: own.count, by: 500) {
                let batch = Array(own[batchStart..<min(batchStart + 500, own.count)])
                let importedAt = batch.last!.createdAt.addingTimeInterval(120)
                try await applier.apply(batch.map { .success($0) }, at: importedAt)
            }
            let ids = try await database.read { sql in
                try await OrderRecords().fetch(
                    integrationID: integration.id, externalIDs: own.map(\.externalID), on: sql)
            }
            storedIDs[integration.id] = ids.compactMapValues(\.id)
            summary.orders += own.count
            summary.lines += own.reduce(0) { $0 + $1.lines.count }
            try await recordSyncRun(integration: integration, orders: own, at: options.now)
        }

        // The warehouse's work, a batch of orders per transaction.
        let orderIDs = storedIDs
        let plans = orders.compactMap { order -> (Order, [Step])? in
            let steps = Self.steps(for: order, now: options.now, random: &random)
            return steps.isEmpty ? nil : (order, steps)
        }
        for batchStart in stride(from: 0, to: plans.count, by: 250) {
            let batch = plans[batchStart..<min(batchStart + 250, plans.count)]
            let written = try await database.transaction { sql in
                var written = (shipments: 0, flagged: 0)
                for (incoming, steps) in batch {
                    guard let integration = integrations.first(where: { $0.id == incoming.integrationID }),
                        let orderID = orderIDs[integration.id]?[incoming.externalID]
                    else { continue }
                    let counts = try await Self.fulfil(
                        orderID: orderID, steps: steps, integration: integration, now: options.now, on: sql)
                    written.shipments += counts.shipments
                    written.flagged += counts.flagged
                }
                return written
            }
            summary.shipments += written.shipments
            summary.flagged += written.flagged
        }
        summary.outbox = try await settleOutbox(integrations: integrations, now: options.now)
        return summary
    }

    // MARK: - Orders

    /// A product the stores sell.
    private struct Product {
        let sku: String
        let name: String
        let price: Decimal
    }

    /// Whole cents as a `Decimal`, exact (a float literal would not be).
    private static func euros(_ cents: Int) -> Decimal { Decimal(cents) / 100 }

    /// The stores' shared catalogue: what the customers' lines are made of.
    private enum Catalogue {
        static let products: [Product] = {
            let kinds: [(String, String, Int)] = [
                ("MUG", "Enamel mug", 1450), ("BEAN", "Coffee beans 1 kg", 2490), ("TEE", "Organic T-shirt", 2200),
                ("HOOD", "Hoodie", 5400), ("YARN", "Merino yarn", 875), ("SOCK", "Wool socks", 1250),
                ("CAP", "Beanie", 1900), ("BAG", "Canvas tote", 1600), ("KIT", "Knitting kit", 3990),
                ("FLT", "Pour-over filter", 640),
            ]
            let variants = ["BLK", "NAT", "RED", "NVY", "GRN"]
            return kinds.flatMap { code, name, price in
                variants.map {
                    Product(
                        sku: "\(code)-\($0)", name: "\(name) (\($0.lowercased()))", price: DashboardSeed.euros(price))
                }
            }
        }()
    }

    private static let firstNames = [
        "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Tim", "Hedy", "Dennis", "Barbara", "Ken",
        "Frances", "Edsger", "Radia", "Niklaus", "Sophie", "Yukihiro", "Anita", "Guido", "Joan",
    ]
    private static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Berners-Lee", "Lamarr", "Ritchie",
        "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Wirth", "Wilson", "Matsumoto", "Borg", "van Rossum",
        "Clarke",
    ]
    private static let cities: [(city: String, postcode: String, country: String)] = [
        ("London", "N1 9GU", "GB"), ("Berlin", "10115", "DE"), ("Amsterdam", "1012 AB", "NL"), ("Lyon", "69002", "FR"),
        ("Portland", "97205", "US"), ("Vienna", "1010", "AT"), ("Copenhagen", "1050", "DK"), ("Ghent", "9000", "BE"),
    ]

    private static func host(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// An order as the WooCommerce mapping makes it: paid orders `processing` (released: `ready`), a few on
    /// hold, unpaid or cancelled.
    private static func order(integrationID: Int64, externalID: Int64, placed: Date, random: inout SplitMix) -> Order {
        let first = firstNames[random.below(firstNames.count)]
        let last = lastNames[random.below(lastNames.count)]
        let place = cities[random.below(cities.count)]
        let address = PostalAddress(
            firstName: first, lastName: last,
            address1:
                "\(1 + random.below(180)) \(["High Street", "Mill Lane", "Station Road", "Kastanienallee", "Prinsengracht"][random.below(5)])",
            city: place.city, postcode: place.postcode, country: place.country)
        var lines: [OrderLine] = []
        var used: Set<String> = []
        for position in 0..<(1 + random.below(4) / 2 + random.below(2)) {
            let product = Catalogue.products[random.below(Catalogue.products.count)]
            guard used.insert(product.sku).inserted else { continue }
            lines.append(
                OrderLine(
                    externalLineID: externalID * 10 + Int64(position), sku: product.sku, name: product.name,
                    quantity: 1 + random.below(5) / 3, unitPrice: product.price,
                    externalProductID: Int64(100 + Catalogue.products.firstIndex { $0.sku == product.sku }!)))
        }
        let subtotal = lines.reduce(Decimal(0)) { $0 + $1.unitPrice * Decimal($1.quantity) }
        let shipping = subtotal >= 50 ? 0 : euros(495)
        let roll = random.unit()
        let (status, storeStatus): (OrderStatus, String) =
            roll < 0.90
            ? (.ready, "processing")
            : roll < 0.94
                ? (.onHold, "on-hold") : roll < 0.97 ? (.awaitingPayment, "pending") : (.cancelled, "cancelled")
        return Order(
            integrationID: integrationID, externalID: externalID, number: String(externalID), status: status,
            storeStatus: storeStatus, currency: "EUR", total: subtotal + shipping, subtotal: subtotal,
            shippingTotal: shipping,
            customer: Customer(
                name: "\(first) \(last)",
                email: "\(first.lowercased()).\(last.lowercased().filter(\.isLetter))\(externalID % 97)@example.test"),
            billingAddress: address, shippingAddress: address,
            shippingMethod: shipping == 0 ? "Free shipping" : "Parcel",
            lines: lines, storeModifiedAt: placed.addingTimeInterval(30), createdAt: placed, updatedAt: placed)
    }

    // MARK: - Fulfillment

    /// A warehouse event and when it happened.
    private struct Step {
        let event: FulfillmentEvent
        let at: Date
    }

    private static let carriers: [(name: String, trackingURL: String?)] = [
        ("DHL", "https://www.dhl.com/track?id="), ("UPS", "https://www.ups.com/track?tracknum="), ("PostNL", nil),
    ]

    /// How far the warehouse got with a released order by `now`: shipping takes from under an hour to a few
    /// days (mostly hours), picking and packing come before it, delivery two days after; one in fifty shipped
    /// in two parcels, one in a hundred cancelled by the warehouse.
    private static func steps(for order: Order, now: Date, random: inout SplitMix) -> [Step] {
        guard order.status == .ready else { return [] }
        let hours = 0.4 + 70 * pow(random.unit(), 3)
        let placed = order.createdAt
        func at(_ fraction: Double) -> Date { placed.addingTimeInterval(hours * fraction * 3_600) }
        if random.unit() < 0.01 {
            return at(0.5) < now ? [Step(event: .cancelled(reason: "Customer asked to cancel"), at: at(0.5))] : []
        }
        var steps: [Step] = []
        if at(0.3) < now { steps.append(Step(event: .picked, at: at(0.3))) }
        if at(0.7) < now { steps.append(Step(event: .packed, at: at(0.7))) }
        guard at(1) < now else { return steps }
        let carrier = carriers[random.below(carriers.count)]
        let tracking = "\(carrier.0.prefix(2).uppercased())\(100_000_000 + random.below(900_000_000))"
        if order.lines.count > 1 && random.unit() < 0.02, let first = order.lines.first, let sku = first.sku {
            steps.append(
                Step(
                    event: .shipped(
                        carrier: carrier.0, trackingNumber: tracking, trackingURL: carrier.1.map { $0 + tracking },
                        items: [Shipment.Item(sku: sku, quantity: first.quantity)]), at: at(1)))
            guard at(1.5) < now else { return steps }
            steps.append(
                Step(
                    event: .shipped(
                        carrier: carrier.0, trackingNumber: tracking + "B",
                        trackingURL: carrier.1.map { $0 + tracking + "B" }, items: []), at: at(1.5)))
        } else {
            steps.append(
                Step(
                    event: .shipped(
                        carrier: carrier.0, trackingNumber: tracking, trackingURL: carrier.1.map { $0 + tracking },
                        items: []), at: at(1)))
        }
        let delivered = steps.last!.at.addingTimeInterval(48 * 3_600)
        if delivered < now && random.unit() < 0.8 { steps.append(Step(event: .delivered, at: delivered)) }
        return steps
    }

    /// ``FulfillmentRecorder/record(_:orderID:integration:at:)`` for each step, inside the caller's
    /// transaction; one in forty orders the warehouse started on is then flagged for review, as a store edit
    /// after picking would flag it.
    private static func fulfil(
        orderID: Int64, steps: [Step], integration: IntegrationRecord, now: Date, on sql: DatabaseSession
    ) async throws -> (shipments: Int, flagged: Int) {
        guard var order = try await OrderRecords().fetch(id: orderID, on: sql) else { return (0, 0) }
        let updates = FulfillmentStoreUpdates(
            integrationID: integration.id, mapping: try integration.statusMapping(),
            settings: integration.fulfillmentSettings)
        var shipments: [Shipment] = []
        var counts = (shipments: 0, flagged: 0)
        for step in steps {
            let decided = try order.fulfillmentStep(step.event, shipments: shipments, at: step.at)
            guard !decided.isNoOp else { continue }
            order.status = decided.status
            order.updatedAt = step.at
            try await FulfillmentRecords().apply(
                [(orderID, decided.effects)], ownerID: integration.userID, at: step.at, on: sql)
            if let shipment = decided.shipment {
                shipments.append(try await ShipmentRecords().insert(shipment, orderID: orderID, on: sql))
                counts.shipments += 1
            }
            let items = try updates.items(for: decided, event: step.event, order: order, shipments: shipments)
            try await OutboxRecords().enqueue(items, at: step.at, on: sql)
        }
        if order.status.fulfillmentStarted && order.externalID % 40 == 7 {
            order.review = ReviewFlag(
                reason: .storeEditAfterFulfillmentStarted,
                changes: [
                    FieldChange(
                        field: "shipping.address_1", old: order.shippingAddress.address1,
                        new: "Flat 2, " + order.shippingAddress.address1)
                ])
            counts.flagged += 1
        }
        _ = try await OrderRecords().upsert([order], keepingLinesOf: [order.externalID], on: sql)
        return counts
    }

    // MARK: - Sync runs and outbox

    /// The full sync that imported the store's orders, succeeded, with a skipped order to show.
    private func recordSyncRun(integration: IntegrationRecord, orders: [Order], at now: Date) async throws {
        let startedAt = integration.createdAt.addingTimeInterval(60)
        try await database.transaction { sql in
            var counts = SyncCounts()
            counts.total = orders.count + 1
            counts.created = orders.count
            counts.skipped = 1
            let run = try await SyncLogRecords().start(
                SyncRun.New(
                    integrationID: integration.id, kind: .orders, mode: "full", state: .succeeded,
                    startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(Double(orders.count) / 800 + 2),
                    counts: counts),
                on: sql)
            try await SyncLogRecords().insert(
                [
                    SyncLogEntry(
                        externalID: 999, disposition: .skipped, code: "no_line_items",
                        message: "the order has no line items")
                ], runID: run.id, on: sql)
            try await IntegrationHealthRecords().recordSuccess(integrationID: integration.id, at: now, on: sql)
        }
    }

    /// Store updates as they would stand by `now`: sent within minutes (done), except one in seventy refused
    /// by the store (dead) and the last hour's, still pending behind a store that is slow today.
    private func settleOutbox(integrations: [IntegrationRecord], now: Date) async throws -> [OutboxState: Int] {
        let ids = integrations.map(\.id)
        return try await database.transaction { sql in
            var page = 1
            var pending: [OutboxItem] = []
            while true {
                let listed = try await OutboxRecords().list(
                    integrationIDs: ids, state: .pending, page: page, perPage: 1_000, on: sql)
                pending += listed.items
                if listed.items.count < 1_000 { break }
                page += 1
            }
            let recent = now.addingTimeInterval(-3_600)
            var done: [(id: Int64, revision: Int)] = []
            var waiting: [Int64] = []
            for item in pending {
                if item.createdAt >= recent {
                    waiting.append(item.id)
                } else if item.id % 70 == 3 {
                    try await OutboxRecords().markDead(
                        id: item.id,
                        lastError:
                            "woocommerce_rest_cannot_edit: Sorry, you are not allowed to edit this resource. (HTTP 403)",
                        attempts: 1, at: item.createdAt.addingTimeInterval(30), on: sql)
                } else {
                    done.append((item.id, item.revision))
                }
            }
            try await OutboxRecords().markDone(done, at: now, on: sql)
            try await OutboxRecords().postpone(ids: waiting, until: now.addingTimeInterval(86_400), on: sql)
            var states: [OutboxState: Int] = [:]
            for integrationID in ids {
                let counts = try await OutboxRecords().counts(integrationID: integrationID, on: sql)
                states[.pending, default: 0] += counts.pending
                states[.dead, default: 0] += counts.dead
            }
            states[.done] = done.count
            return states
        }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same data on every machine.
struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
