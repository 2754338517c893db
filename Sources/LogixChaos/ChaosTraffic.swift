import Foundation
import NIOHTTP1
import WooSim

/// The traffic of a chaos run: shoppers placing orders, the shop editing and cancelling some, the warehouse
/// moving orders through pick → pack → ship → deliver (or cancelling them) through the API, and stock counts.
///
/// One action at a time, drawn from a seeded generator, so a seed names a run. The warehouse's events go
/// through the load balancer and meet killed servers: an event whose answer was lost is looked up afterwards and
/// recorded as applied only if the order shows it (see ``ChaosLedger``).
struct ChaosTraffic: Sendable {
    let sim: WooSim
    let api: LogixAPI
    let integrationID: Int64
    let seed: UInt64
    /// SKUs Logix maps for the integration, for stock counts.
    let skus: [String]

    /// Runs actions `interval` apart until `duration` has passed.
    func run(for duration: Duration, interval: Duration, ledger: inout ChaosLedger) async throws {
        var random = ChaosRandom(seed: seed)
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: duration)
        var next = clock.now
        while clock.now < end {
            try Task.checkCancellation()
            let roll = random.unit()
            switch roll {
            case ..<0.30: try await placeOrder(&random, &ledger)
            case ..<0.40: try await editOrder(&random, &ledger)
            case ..<0.45: try await cancelInStore(&random, &ledger)
            case ..<0.92: try await warehouseStep(&random, &ledger)
            default: try await countStock(&random, &ledger)
            }
            next = next.advanced(by: interval)
            if next > clock.now { try await Task.sleep(until: next, clock: clock) } else { next = clock.now }
        }
    }

    /// A paid order. Not `on-hold`: WooCommerce holds stock for an on-hold order while Logix reserves only for
    /// orders it may pick, so the two figures differ until the next push — a known gap (the closing note of
    /// issue 11), left out here so the run checks what Logix promises today.
    private func placeOrder(_ random: inout ChaosRandom, _ ledger: inout ChaosLedger) async throws {
        _ = random.unit()  // the draw the status took, so a seed keeps naming the same run
        let id = try await sim.placeOrder(WooSimNewOrder(status: "processing"))
        ledger.placed.append(id)
    }

    /// A new shipping address for an order the warehouse has not started on.
    private func editOrder(_ random: inout ChaosRandom, _ ledger: inout ChaosLedger) async throws {
        guard let id = pickUntouched(&random, ledger) else { return }
        let address = WooSimAddress(
            firstName: "Chaos", lastName: "Edit", company: "", address1: "\(random.below(900) + 100) Chaos Street",
            address2: "", city: "Berlin", state: "", postcode: "10115", country: "DE", email: nil, phone: "")
        try await sim.editOrder(id, WooSimOrderEdit(shipping: address))
        ledger.edited += 1
    }

    private func cancelInStore(_ random: inout ChaosRandom, _ ledger: inout ChaosLedger) async throws {
        guard let id = pickUntouched(&random, ledger) else { return }
        ledger.cancelledInStore.insert(id)
        try await sim.editOrder(id, status: "cancelled")
    }

    private func pickUntouched(_ random: inout ChaosRandom, _ ledger: ChaosLedger) -> Int? {
        let candidates = ledger.placed.filter { !ledger.touched.contains($0) && !ledger.cancelledInStore.contains($0) }
        guard !candidates.isEmpty else { return nil }
        return candidates[random.below(candidates.count)]
    }

    /// The next step for a random order in a random stage of fulfillment.
    private func warehouseStep(_ random: inout ChaosRandom, _ ledger: inout ChaosLedger) async throws {
        let stage = ["ready", "ready", "picking", "packed", "packed", "shipped"][random.below(6)]
        let path = "/api/v1/orders?integration_id=\(integrationID)&status=\(stage)&per_page=50"
        guard let listed = try? await api.call(.GET, path), listed.isSuccess else { return }
        let orders = try api.decode(APIList<APIOrder>.self, from: listed).items.filter {
            !ledger.cancelledInStore.contains(Int($0.externalID))
        }
        guard !orders.isEmpty else { return }
        let order = orders[random.below(orders.count)]
        let storeID = Int(order.externalID)
        let event: String
        switch stage {
        case "ready":
            let pick = random.unit()
            event = pick < 0.55 ? "picked" : pick < 0.9 ? "shipped" : "cancelled"
        case "picking": event = "packed"
        case "packed": event = "shipped"
        default: event = "delivered"
        }
        var body = #"{"event": "\#(event)"}"#
        let tracking = "CHX\(seed)-\(storeID)-\(random.below(1_000_000))"
        let reason = "chaos run \(seed): out of stock for order \(storeID)"
        if event == "shipped" {
            body = #"{"event": "shipped", "carrier": "DHL", "tracking_number": "\#(tracking)"}"#
        } else if event == "cancelled" {
            body = #"{"event": "cancelled", "reason": "\#(reason)"}"#
        }
        ledger.touched.insert(storeID)
        let answer = try? await api.call(.POST, "/api/v1/orders/\(order.id)/fulfillment", body: body)
        let applied: Bool
        switch answer?.status {
        case let status? where (200..<300).contains(status):
            applied = true
        case let status? where status < 500:
            ledger.refused += 1
            return
        default:
            // The request died with its server (or the balancer gave up on it): whether Logix recorded the
            // event is in the order's status now, since this run is the only warehouse.
            ledger.ambiguous += 1
            let now = try api.decode(APIOrder.self, from: try await api.read("/api/v1/orders/\(order.id)"))
            applied = Self.reached(now.status, by: event)
        }
        guard applied else { return }
        ledger.record(event: event)
        if event == "shipped" { ledger.shipped[storeID] = tracking }
        if event == "cancelled" { ledger.cancelledByWarehouse[storeID] = reason }
    }

    /// Whether an order in `status` shows that `event` was applied.
    static func reached(_ status: String, by event: String) -> Bool {
        switch event {
        case "picked": ["picking", "packed", "shipped", "delivered"].contains(status)
        case "packed": ["packed", "shipped", "delivered"].contains(status)
        case "shipped": ["shipped", "delivered"].contains(status)
        case "delivered": status == "delivered"
        default: status == "cancelled"
        }
    }

    private func countStock(_ random: inout ChaosRandom, _ ledger: inout ChaosLedger) async throws {
        guard !skus.isEmpty else { return }
        let sku = skus[random.below(skus.count)]
        let encoded = sku.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sku
        let answer = try? await api.call(
            .PUT, "/api/v1/inventory/\(encoded)", body: #"{"on_hand": \#(50 + random.below(400))}"#)
        // A lost answer may or may not have been applied; the end state compares Logix with the store, not
        // with this count, so either is fine.
        if answer?.isSuccess == true { ledger.stockSets += 1 }
    }
}
