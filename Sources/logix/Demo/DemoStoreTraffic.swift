import Foundation
import WooSim

/// The shop's side of the demo, through the simulated store's own Swift API, so that every change reaches
/// Logix as a real store's would (webhooks, then the REST API): shoppers placing orders every `interval`, some
/// paying later, a few changing their address or note, a few cancelling.
struct DemoStoreTraffic: Sendable {
    let sim: WooSim
    let interval: Duration
    let seed: UInt64

    /// What the traffic reads back from the store about one of its orders.
    struct StoreOrder: Decodable {
        /// Who ordered, and where from.
        struct Billing: Decodable {
            var firstName: String
            var lastName: String
            var city: String
            var country: String
            enum CodingKeys: String, CodingKey {
                case city, country
                case firstName = "first_name"
                case lastName = "last_name"
            }
        }
        /// A line, for the count of items.
        struct Line: Decodable { var quantity: Int }
        var id: Int
        var number: String
        var status: String
        var total: String
        var currency: String
        var billing: Billing
        var lineItems: [Line]
        enum CodingKeys: String, CodingKey {
            case id, number, status, total, currency, billing
            case lineItems = "line_items"
        }
    }

    /// Places, pays, edits and cancels until the demo stops (the sleep ends with cancellation).
    func run() async throws {
        var random = DemoRandom(seed: seed, stream: 1)
        var recent: [Int] = []
        while true {
            try await Task.sleep(for: interval)
            do {
                try await step(&random, recent: &recent)
            } catch let error as WooSimError {
                DemoLog.line("store", "the store refused a change: \(error.message)")
            } catch let error where !(error is CancellationError) {
                DemoLog.line("store", "a change failed: \(error)")
            }
        }
    }

    private func step(_ random: inout DemoRandom, recent: inout [Int]) async throws {
        let roll = random.unit()
        if roll < 0.62 {
            return try await place(&random, recent: &recent)
        }
        let open = await orders(recent).filter { ["processing", "on-hold", "pending"].contains($0.status) }
        let unpaid = open.filter { $0.status != "processing" }
        switch roll {
        case ..<0.76 where !unpaid.isEmpty:
            let order = random.pick(unpaid)
            try await sim.editOrder(order.id, status: "processing")
            DemoLog.line("store", "order #\(order.number) paid: released to the warehouse")
        case ..<0.90 where !open.isEmpty:
            let order = random.pick(open)
            if random.chance(0.6) {
                let (city, postcode, country, street) = random.pick(Self.addresses)
                let address = WooSimAddress(
                    firstName: order.billing.firstName, lastName: order.billing.lastName,
                    address1: "\(street) \(1 + random.below(180))", city: city, postcode: postcode, country: country)
                try await sim.editOrder(order.id, WooSimOrderEdit(shipping: address))
                DemoLog.line("store", "order #\(order.number) edited: new shipping address in \(city), \(country)")
            } else {
                let note = random.pick(Self.notes)
                try await sim.editOrder(order.id, WooSimOrderEdit(customerNote: note))
                DemoLog.line("store", "order #\(order.number) edited: customer note \"\(note)\"")
            }
        case ..<1 where !open.isEmpty:
            let order = random.pick(open)
            try await sim.editOrder(order.id, status: "cancelled")
            DemoLog.line("store", "order #\(order.number) cancelled by the customer")
        default:
            try await place(&random, recent: &recent)
        }
    }

    /// A shopper checks out: mostly paid at once, sometimes by bank transfer (on hold) or not yet paid.
    private func place(_ random: inout DemoRandom, recent: inout [Int]) async throws {
        let roll = random.unit()
        let status = roll < 0.8 ? "processing" : roll < 0.92 ? "on-hold" : "pending"
        let id = try await sim.placeOrder(WooSimNewOrder(status: status))
        recent.append(id)
        if recent.count > 40 { recent.removeFirst(recent.count - 40) }
        guard let order = await order(id) else { return }
        let units = order.lineItems.reduce(0) { $0 + $1.quantity }
        let waiting =
            switch status {
            case "on-hold": ", awaiting a bank transfer"
            case "pending": ", awaiting payment"
            default: ""
            }
        DemoLog.line(
            "store",
            "order #\(order.number) placed by \(order.billing.firstName) \(order.billing.lastName) "
                + "(\(order.billing.city), \(order.billing.country)): \(units) \(units == 1 ? "item" : "items"), "
                + "\(order.total) \(order.currency)\(waiting)")
    }

    private func order(_ id: Int) async -> StoreOrder? {
        guard let data = await sim.orderJSON(id) else { return nil }
        return try? JSONDecoder().decode(StoreOrder.self, from: data)
    }

    private func orders(_ ids: [Int]) async -> [StoreOrder] {
        var found: [StoreOrder] = []
        for id in ids {
            if let order = await order(id) { found.append(order) }
        }
        return found
    }

    static let addresses = [
        ("Utrecht", "3511 LX", "NL", "Oudegracht"), ("Berlin", "10115", "DE", "Invalidenstraße"),
        ("Wien", "1010", "AT", "Kärntner Straße"), ("Lyon", "69002", "FR", "Rue de la République"),
        ("Hamburg", "20095", "DE", "Mönckebergstraße"), ("Rotterdam", "3011 AD", "NL", "Coolsingel"),
    ]

    static let notes = [
        "Please leave the parcel with the neighbours.", "Gift: no invoice in the box, please.",
        "Ring twice, the bell is broken.", "Deliver after 5 pm if possible.",
    ]
}
