import Foundation
import WooSim

/// The end state a chaos run must reach, compared between the store and Logix (read through the API, as an
/// operator would): every store order in Logix exactly once at its newest version; every warehouse event in
/// the store exactly once; no store update pending or dead; the store's stock equal to Logix's available; the
/// sync log coherent.
struct ConvergenceCheck: Sendable {
    let sim: WooSim
    let api: LogixAPI
    let integrationID: Int64

    /// What one check found. Empty ``problems`` means converged.
    struct Outcome: Sendable {
        var storeOrders = 0
        var logixOrders = 0
        var lost = 0
        var duplicated = 0
        var stale = 0
        var fulfillmentMismatches = 0
        var pendingUpdates = 0
        var deadUpdates = 0
        var stockMismatches = 0
        var syncRuns = 0
        var syncRunProblems = 0
        /// Each difference in words, for the report.
        var problems: [String] = []
    }

    func run(ledger: ChaosLedger) async throws -> Outcome {
        var outcome = Outcome()
        let store = try await storeOrders()
        try await checkOrders(store, into: &outcome)
        checkFulfillment(store, ledger: ledger, into: &outcome)
        try await checkStoreUpdates(into: &outcome)
        try await checkStock(into: &outcome)
        try await checkSyncRuns(into: &outcome)
        return outcome
    }

    private func storeOrders() async throws -> [Int: StoreOrder] {
        var orders: [Int: StoreOrder] = [:]
        let highest = await sim.highestOrderId
        for id in 1...max(1, highest) {
            guard let json = await sim.orderJSON(id) else { continue }
            var order = try JSONDecoder().decode(StoreOrder.self, from: json)
            order.notes = await sim.orderNotes(id) ?? []
            orders[id] = order
        }
        return orders
    }

    private func checkOrders(_ store: [Int: StoreOrder], into outcome: inout Outcome) async throws {
        let logix = try await api.readAll("/api/v1/orders?integration_id=\(integrationID)", as: APIOrder.self)
        outcome.storeOrders = store.count
        outcome.logixOrders = logix.count
        let byStoreID = Dictionary(grouping: logix, by: { Int($0.externalID) })
        for (id, copies) in byStoreID where copies.count > 1 {
            outcome.duplicated += copies.count - 1
            outcome.problems.append("store order \(id) is in Logix \(copies.count) times")
        }
        // Drafts of an unfinished checkout and trashed orders are not orders a shop takes (the importer skips them).
        for (id, order) in store.sorted(by: { $0.key < $1.key })
        where !["checkout-draft", "trash"].contains(order.status) {
            guard let copy = byStoreID[id]?.first else {
                outcome.lost += 1
                outcome.problems.append("store order \(id) (\(order.status)) is not in Logix")
                continue
            }
            let differences = order.differences(from: copy)
            if !differences.isEmpty {
                outcome.stale += 1
                outcome.problems.append("store order \(id) differs: " + differences.joined(separator: "; "))
            }
        }
        for id in byStoreID.keys where store[id] == nil {
            outcome.problems.append("Logix holds order \(id), which the store does not have")
            outcome.stale += 1
        }
    }

    private func checkFulfillment(_ store: [Int: StoreOrder], ledger: ChaosLedger, into outcome: inout Outcome) {
        func mismatch(_ text: String) {
            outcome.fulfillmentMismatches += 1
            outcome.problems.append(text)
        }
        for (id, tracking) in ledger.shipped.sorted(by: { $0.key < $1.key }) {
            guard let order = store[id] else { continue }
            if order.status != "completed" { mismatch("shipped order \(id) is \(order.status) in the store") }
            let notes = order.notes.filter { $0.contains("tracking number \(tracking)") }.count
            if notes != 1 { mismatch("shipped order \(id) has \(notes) tracking notes for \(tracking)") }
            let meta = order.trackingNumbers.filter { $0 == tracking }.count
            if meta != 1 { mismatch("shipped order \(id) lists \(tracking) \(meta) times in its tracking meta") }
        }
        for (id, reason) in ledger.cancelledByWarehouse.sorted(by: { $0.key < $1.key }) {
            guard let order = store[id] else { continue }
            if order.status != "cancelled" { mismatch("order \(id) cancelled by the warehouse is \(order.status)") }
            let notes = order.notes.filter { $0.contains(reason) }.count
            if notes != 1 { mismatch("order \(id) cancelled by the warehouse has \(notes) notes saying so") }
        }
    }

    private func checkStoreUpdates(into outcome: inout Outcome) async throws {
        let base = "/api/v1/outbox?integration_id=\(integrationID)"
        let pending = try await api.readAll(base + "&state=pending", as: APIOutboxItem.self)
        let dead = try await api.readAll(base + "&state=dead", as: APIOutboxItem.self)
        outcome.pendingUpdates = pending.count
        outcome.deadUpdates = dead.count
        if !pending.isEmpty { outcome.problems.append("\(pending.count) store updates still pending") }
        for item in dead {
            outcome.problems.append(
                "store update \(item.id) (\(item.kind), order \(item.externalOrderID.map(String.init) ?? "-")) is dead: "
                    + (item.lastError ?? "no error recorded"))
        }
    }

    private func checkStock(into outcome: inout Outcome) async throws {
        let levels = try await api.readAll("/api/v1/inventory", as: APIStockLevel.self)
        for level in levels {
            guard let json = await sim.productJSON(sku: level.sku),
                let product = try? JSONDecoder().decode(StoreProduct.self, from: json), product.managesStock,
                let quantity = product.stockQuantity
            else { continue }
            let expected = max(0, level.available)
            if quantity != expected {
                outcome.stockMismatches += 1
                outcome.problems.append(
                    "\(level.sku): the store shows \(quantity), Logix has \(level.available) available "
                        + "(\(level.onHand) on hand − \(level.reserved) reserved)")
            }
        }
    }

    private func checkSyncRuns(into outcome: inout Outcome) async throws {
        let runs = try await api.readAll(
            "/api/v1/woocommerce/integrations/\(integrationID)/sync-logs", as: APISyncRun.self)
        outcome.syncRuns = runs.count
        for run in runs {
            let counts = run.counts
            let parts = counts.created + counts.updated + counts.unchanged + counts.flagged + counts.skipped
            if run.state == "running" {
                outcome.syncRunProblems += 1
                outcome.problems.append("sync run \(run.id) (\(run.mode)) is still running")
            } else if run.state == "succeeded", parts + counts.failed != counts.total {
                outcome.syncRunProblems += 1
                outcome.problems.append(
                    "sync run \(run.id) counts \(counts.total) records but accounts for \(parts + counts.failed)")
            }
        }
    }
}

/// An order as the simulated store renders it (`GET /orders/{id}`), with its notes.
struct StoreOrder: Decodable {
    struct Line: Decodable {
        var sku: String?
        var quantity: Int
    }
    struct Address: Decodable {
        var firstName: String
        var address1: String
        enum CodingKeys: String, CodingKey {
            case firstName = "first_name"
            case address1 = "address_1"
        }
    }
    struct Meta: Decodable {
        struct Tracking: Decodable {
            var trackingNumber: String
            enum CodingKeys: String, CodingKey { case trackingNumber = "tracking_number" }
        }
        var key: String
        var tracking: [Tracking]?

        enum CodingKeys: String, CodingKey { case key, value }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            tracking = try? container.decode([Tracking].self, forKey: .value)
        }
    }

    var status: String
    var total: String
    var lineItems: [Line]
    var billing: Address
    var shipping: Address
    var metaData: [Meta]
    var notes: [String] = []

    enum CodingKeys: String, CodingKey {
        case status, total, billing, shipping
        case lineItems = "line_items"
        case metaData = "meta_data"
    }

    var trackingNumbers: [String] {
        metaData.filter { $0.key == "_wc_shipment_tracking_items" }.flatMap { $0.tracking ?? [] }.map(\.trackingNumber)
    }

    /// How Logix's copy differs from this, in words (empty when it holds the newest version).
    func differences(from copy: APIOrder) -> [String] {
        var differences: [String] = []
        if copy.storeStatus != status {
            differences.append("status \(status) in the store, \(copy.storeStatus) in Logix")
        }
        // After picking started, Logix keeps the warehouse's data and flags the store's edit for review
        // (ARCHITECTURE.md, "Who owns what"): only the status must have followed.
        guard copy.review == nil else { return differences }
        if Decimal(string: copy.total) != Decimal(string: total) {
            differences.append("total \(total) in the store, \(copy.total) in Logix")
        }
        // A line without a SKU is `""` in the store's JSON and absent in Logix's.
        func line(_ sku: String?, _ quantity: Int) -> String {
            "\(sku.flatMap { $0.isEmpty ? nil : $0 } ?? "-")×\(quantity)"
        }
        let storeLines = lineItems.map { line($0.sku, $0.quantity) }.sorted()
        let logixLines = copy.lines.map { line($0.sku, $0.quantity) }.sorted()
        if storeLines != logixLines { differences.append("lines \(storeLines) in the store, \(logixLines) in Logix") }
        if copy.shippingAddress.address1 != shipping.address1 {
            differences.append(
                "shipping address \(shipping.address1) in the store, \(copy.shippingAddress.address1) in Logix")
        }
        if copy.billingAddress.firstName != billing.firstName {
            differences.append(
                "billing name \(billing.firstName) in the store, \(copy.billingAddress.firstName) in Logix")
        }
        return differences
    }
}

/// A product or variation as the simulated store renders it.
struct StoreProduct: Decodable {
    var managesStock: Bool
    var stockQuantity: Int?

    enum CodingKeys: String, CodingKey {
        case managesStock = "manage_stock"
        case stockQuantity = "stock_quantity"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // A variation that uses its parent's stock says `"parent"` here: its figure is the parent's.
        managesStock = (try? container.decode(Bool.self, forKey: .managesStock)) ?? false
        stockQuantity = try? container.decodeIfPresent(Int.self, forKey: .stockQuantity)
    }
}
