import Foundation
import LogixCore
import LogixServer
import Sync

/// The warehouse of the demo: every `interval` a round over the floor, each step recorded through the same
/// use case as `POST /orders/{id}/fulfillment` — a ready order picked (now and then shipped at once, rarely
/// cancelled), a picked one packed or partly shipped, a packed one shipped with a carrier and tracking number,
/// a shipped one delivered. Logix then sends the store what it should see (status, tracking notes).
///
/// Oldest orders first, as a warehouse works; orders flagged for review wait for a person.
struct DemoWarehouse: Sendable {
    let fulfillments: Fulfillments
    let orders: Orders
    let session: DemoSetup.Session
    let interval: Duration
    let seed: UInt64

    func run() async throws {
        var random = DemoRandom(seed: seed, stream: 2)
        while true {
            try await Task.sleep(for: interval)
            do {
                try await round(&random)
            } catch let error where !(error is CancellationError) {
                // A busy database, an order deleted meanwhile: the next round tries again.
                DemoLog.line("warehouse", "round skipped: \(error)")
            }
        }
    }

    /// One step, each with some chance, at each station: from the end of the line back, so that an order
    /// moves at most one station a round.
    private func round(_ random: inout DemoRandom) async throws {
        let stations: [(OrderStatus, Double)] = [(.shipped, 0.5), (.packed, 0.8), (.picking, 0.8), (.ready, 0.9)]
        for (status, chance) in stations where random.chance(chance) {
            guard let order = try await oldest(status, &random) else { continue }
            guard let id = order.id else { continue }
            let event = nextEvent(for: order, &random)
            do {
                let recorded = try await fulfillments.record(event, orderID: id, userID: session.userID)
                DemoLog.line("warehouse", describe(event, order: order, recorded: recorded))
            } catch let error as FulfillmentError {
                // The store changed the order meanwhile (cancelled, say): the warehouse moves on.
                DemoLog.line("warehouse", "order #\(order.number): \(event.name) refused, \(error.message)")
            }
        }
    }

    /// One of the oldest orders in `status`.
    private func oldest(_ status: OrderStatus, _ random: inout DemoRandom) async throws -> Order? {
        let perPage = 20
        func page(_ number: Int) async throws -> (items: [Order], total: Int) {
            try await orders.list(
                userID: session.userID, integrationID: session.integrationID, status: status, flaggedForReview: false,
                page: number, perPage: perPage)
        }
        var (items, total) = try await page(1)
        if total > perPage { items = try await page((total + perPage - 1) / perPage).items }
        return items.isEmpty ? nil : random.pick(items)
    }

    private func nextEvent(for order: Order, _ random: inout DemoRandom) -> FulfillmentEvent {
        switch order.status {
        case .ready:
            let roll = random.unit()
            if roll < 0.03 { return .cancelled(reason: random.pick(Self.cancelReasons)) }
            if roll < 0.15 { return shipment(order, items: [], &random) }
            return .picked
        case .picking:
            let demand = order.stockDemand
            let units = demand.reduce(0) { $0 + $1.quantity }
            guard units > 1, random.chance(0.3), let first = demand.first else { return .packed }
            // Part of the order leaves first, the rest follows from the packed station.
            let quantity = demand.count > 1 ? first.quantity : first.quantity / 2
            return shipment(order, items: [Shipment.Item(sku: first.sku, quantity: quantity)], &random)
        case .packed:
            return shipment(order, items: [], &random)
        default:
            return .delivered
        }
    }

    /// A parcel with a carrier's tracking number and the carrier's tracking page.
    private func shipment(_ order: Order, items: [Shipment.Item], _ random: inout DemoRandom) -> FulfillmentEvent {
        let carrier = random.pick(["DHL", "UPS", "PostNL"])
        let number: String
        let url: String
        switch carrier {
        case "DHL":
            number = "JJD00" + random.digits(16)
            url = "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=\(number)"
        case "UPS":
            number = "1Z" + random.letters(3) + random.digits(3) + "68" + random.digits(8)
            url = "https://www.ups.com/track?tracknum=\(number)"
        default:
            number = "3S" + random.letters(4) + random.digits(9)
            let postcode = order.shippingAddress.postcode.replacingOccurrences(of: " ", with: "")
            url = "https://jouw.postnl.nl/track-and-trace/\(number)-\(order.shippingAddress.country)-\(postcode)"
        }
        return .shipped(carrier: carrier, trackingNumber: number, trackingURL: url, items: items)
    }

    private func describe(_ event: FulfillmentEvent, order: Order, recorded: FulfillmentRecorder.Recorded) -> String {
        let name = "order #\(order.number)"
        switch event {
        case .picked: return "\(name) picked"
        case .packed: return "\(name) packed"
        case .delivered: return "\(name) delivered"
        case .cancelled(let reason): return "\(name) cancelled: \(reason)"
        case .shipped(let carrier, let number, _, let items):
            let left = recorded.step.unshipped.reduce(0) { $0 + $1.quantity }
            guard !items.isEmpty, left > 0 else { return "\(name) shipped with \(carrier), tracking \(number)" }
            let sent = items.map { "\($0.quantity) × \($0.sku)" }.joined(separator: ", ")
            return "\(name) partly shipped with \(carrier), tracking \(number): \(sent) (\(left) to follow)"
        }
    }

    static let cancelReasons = [
        "out of stock after a recount", "damaged in the warehouse", "address could not be verified",
    ]
}
