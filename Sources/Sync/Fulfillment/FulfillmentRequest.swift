import Foundation
import LogixCore

/// What the warehouse reports, as a caller typed it (the API's JSON body, the dashboard's form): checked here,
/// once, so both follow the same rules and name the same fields when something is wrong.
public struct FulfillmentRequest: Sendable {
    /// One parcel line as typed: a SKU and a quantity.
    public struct Line: Sendable {
        public var sku: String?
        public var quantity: Int?

        public init(sku: String?, quantity: Int?) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var event: String?
    public var carrier: String?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var lines: [Line]
    public var reason: String?

    public init(
        event: String?, carrier: String? = nil, trackingNumber: String? = nil, trackingURL: String? = nil,
        lines: [Line] = [], reason: String? = nil
    ) {
        self.event = event
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.lines = lines
        self.reason = reason
    }

    /// The event, or ``SyncError/Kind/invalidFields`` naming every wrong field (`lines[N]` for a line).
    public func checked() throws -> FulfillmentEvent {
        func text(_ value: String?) -> String? {
            value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var problems: [String: String] = [:]
        let event: FulfillmentEvent?
        switch text(self.event) {
        case "picked": event = .picked
        case "packed": event = .packed
        case "delivered": event = .delivered
        case "cancelled":
            if let reason = text(reason), reason.count <= 1_000 {
                event = .cancelled(reason: reason)
            } else {
                problems["reason"] = "required, at most 1,000 characters"
                event = nil
            }
        case "shipped":
            let carrier = text(carrier)
            let number = text(trackingNumber)
            if carrier == nil || carrier!.count > 100 { problems["carrier"] = "required, at most 100 characters" }
            if number == nil || number!.count > 100 {
                problems["tracking_number"] = "required, at most 100 characters"
            }
            let url = text(trackingURL)
            if let url, URL(string: url)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
                problems["tracking_url"] = "must be an http(s) URL"
            }
            var items: [Shipment.Item] = []
            for (index, line) in lines.enumerated() {
                guard let sku = text(line.sku), let quantity = line.quantity, quantity > 0 else {
                    problems["lines[\(index)]"] = "needs a sku and a positive quantity"
                    continue
                }
                items.append(Shipment.Item(sku: sku, quantity: quantity))
            }
            event =
                problems.isEmpty
                ? .shipped(carrier: carrier!, trackingNumber: number!, trackingURL: url, items: items) : nil
        case nil:
            problems["event"] = "required: picked, packed, shipped, delivered or cancelled"
            event = nil
        case let other?:
            problems["event"] = "\(other) is not one of picked, packed, shipped, delivered, cancelled"
            event = nil
        }
        guard let event, problems.isEmpty else { throw SyncError.invalid(problems) }
        return event
    }
}
