import Foundation
import Logging
import LogixCore
import LogixTestSupport
import Pacing
import SQLKit
import Storage
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// A simulated store over loopback HTTP, a client for it, a fresh migrated database of one engine and an
/// integration pointing at the store: what every import test starts from.
struct ImportHarness: Sendable {
    let sim: WooSim
    let client: WooCommerceClient
    let database: LogixDatabase
    let integrationID: Int64
    /// The user who owns the integration, and so the stock its orders move.
    let ownerID: Int64

    static func with(
        _ engine: TestEngine, store: WooSimConfiguration = WooSimConfiguration(),
        retryPolicy: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(5), maximumDelay: .milliseconds(50)),
        requestTimeout: Duration = .seconds(20), pacer: StorePacer? = nil,
        _ body: (ImportHarness) async throws -> Void
    ) async throws {
        let sim = try await WooSim.start(store)
        let client = try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: sim.baseURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret),
                requestTimeout: requestTimeout, retryPolicy: retryPolicy, pacer: pacer))
        do {
            try await TestDatabases.with(engine) { database in
                let user = try await database.transaction {
                    try await UserRecords().create(
                        email: "ops@example.test", passwordHash: "x", at: Date(), on: $0)
                }
                let integration = try await database.transaction {
                    try await IntegrationRecords().insert(
                        NewIntegration(
                            userID: user.id, platform: "woocommerce", storeURL: sim.baseURL, name: "Simulated store",
                            createdAt: Date()), on: $0)
                }
                let harness = ImportHarness(
                    sim: sim, client: client, database: database, integrationID: integration.id, ownerID: user.id)
                try await body(harness)
            }
        } catch {
            try? await client.shutdown()
            await sim.stop()
            throw error
        }
        try await client.shutdown()
        await sim.stop()
    }

    func importer(
        perPage: Int = 100, concurrency: Int = 4, mapping: StatusMapping = .default,
        clock: any LogixClock = SystemClock()
    ) -> OrderImporter {
        var logger = Logger(label: "logix.sync.tests")
        logger.logLevel = .error
        return OrderImporter(
            client: client, database: database, integrationID: integrationID, statusMapping: mapping,
            options: OrderImporter.Options(concurrency: concurrency, perPage: perPage), clock: clock, logger: logger)
    }

    /// Every order Logix holds for the integration, by store id.
    func storedOrders() async throws -> [Int64: LogixCore.Order] {
        let integrationID = self.integrationID
        return try await database.read { sql in
            let (orders, _) = try await OrderRecords().list(
                OrderFilter(integrationIDs: [integrationID]), page: 1, perPage: 1_000_000, on: sql)
            return Dictionary(uniqueKeysWithValues: orders.map { ($0.externalID, $0) })
        }
    }

    /// Every order of the store as it stands, read straight from the simulator (not through the client's
    /// listing), by id.
    func storeOrders() async throws -> [Int: WooOrder] {
        var orders: [Int: WooOrder] = [:]
        for id in 1...(await sim.highestOrderId) {
            guard let json = await sim.orderJSON(id) else { continue }
            let order = try JSONDecoder().decode(WooOrder.self, from: json)
            if order.status != .trash { orders[id] = order }
        }
        return orders
    }

    func run(id: Int64) async throws -> SyncRun {
        let integrationID = self.integrationID
        return try #require(
            try await database.read { sql in
                try await SyncLogRecords().fetch(id: id, integrationID: integrationID, on: sql)
            })
    }

    func entries(runID: Int64) async throws -> [SyncLogEntry] {
        try await database.read { sql in try await SyncLogRecords().entries(runID: runID, on: sql) }
    }

    func count(_ table: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self)
                ?? 0
        }
    }
}

/// The default status table, written out independently of `StatusMapping` so the tests check it.
let expectedLogixStatus: [String: OrderStatus] = [
    "pending": .awaitingPayment, "on-hold": .onHold, "processing": .ready, "completed": .delivered,
    "cancelled": .cancelled, "refunded": .refunded, "failed": .failed,
]

/// Checks a stored order against the store's order field by field.
func expectEqual(_ stored: LogixCore.Order, _ store: WooOrder, sourceLocation: SourceLocation = #_sourceLocation) {
    func check<T: Equatable>(_ a: T, _ b: T, _ field: String) {
        #expect(a == b, "order \(store.id) \(field): \(a) ≠ \(b)", sourceLocation: sourceLocation)
    }
    check(stored.externalID, Int64(store.id), "id")
    check(stored.number, store.number, "number")
    check(stored.storeStatus, store.status.rawValue, "store status")
    check(stored.status, expectedLogixStatus[store.status.rawValue] ?? .failed, "status")
    check(stored.currency, store.currency, "currency")
    check(stored.total, store.total.value, "total")
    check(stored.shippingTotal, store.shippingTotal.value, "shipping total")
    check(stored.taxTotal, store.totalTax.value, "tax total")
    check(stored.discountTotal, store.discountTotal.value, "discount total")
    check(stored.customerNote, store.customerNote, "customer note")
    check(stored.customer.email, store.billing.email ?? "", "customer email")
    check(stored.storeModifiedAt, store.dateModified ?? .distantPast, "date modified")
    check(stored.createdAt, store.dateCreated ?? .distantPast, "date created")
    for (name, address, woo) in [
        ("billing", stored.billingAddress, store.billing), ("shipping", stored.shippingAddress, store.shipping),
    ] {
        check(address.firstName, woo.firstName, "\(name).first_name")
        check(address.lastName, woo.lastName, "\(name).last_name")
        check(address.company, woo.company, "\(name).company")
        check(address.address1, woo.address1, "\(name).address_1")
        check(address.address2, woo.address2, "\(name).address_2")
        check(address.city, woo.city, "\(name).city")
        check(address.state, woo.state, "\(name).state")
        check(address.postcode, woo.postcode, "\(name).postcode")
        check(address.country, woo.country, "\(name).country")
        check(address.phone, woo.phone, "\(name).phone")
    }
    check(stored.lines.count, store.lineItems.count, "line count")
    for (line, item) in zip(stored.lines, store.lineItems) {
        check(line.externalLineID, Int64(item.id), "line id")
        check(line.sku, item.sku, "line \(item.id) sku")
        check(line.name, item.name, "line \(item.id) name")
        check(line.quantity, item.quantity, "line \(item.id) quantity")
        check(line.externalProductID, item.productID > 0 ? Int64(item.productID) : nil, "line \(item.id) product")
        check(
            line.externalVariationID, item.variationID > 0 ? Int64(item.variationID) : nil,
            "line \(item.id) variation")
        // Unit price × quantity gives the line total back to well under a cent.
        let difference = line.unitPrice * Decimal(item.quantity) - item.total.value
        #expect(
            abs(NSDecimalNumber(decimal: difference).doubleValue) < 0.000_01,
            "order \(store.id) line \(item.id) unit price \(line.unitPrice)", sourceLocation: sourceLocation)
    }
}

extension WooSimConfiguration {
    /// A store of `orders` generated orders from `seed`.
    static func store(seed: UInt64, orders: Int) -> WooSimConfiguration {
        var configuration = WooSimConfiguration()
        configuration.seed = seed
        configuration.orderCount = orders
        return configuration
    }
}
