import Foundation

/// A merchant action's webhook, before it is fanned out to subscriptions: the topic, the body as it was
/// when it happened (retries resend exactly this), and the event id every delivery of it shares.
struct ShopEvent: Sendable {
    var topic: String
    var body: [UInt8]
    var eventId: String
    var triggeredAt: Int64
    var resourceId: Int64?
}

/// Where a quantity lives: an inventory item at a location.
struct LevelKey: Hashable, Sendable {
    var itemId: Int64
    var locationId: Int64
}

/// A stored answer for an `@idempotent` key: the arguments it was given and what it answered.
struct IdempotencyRecord {
    var arguments: JSON
    var answer: Resolved
}

/// Everything the store holds. Owned by ``ShopStore`` and touched only inside it, so the GraphQL resolver
/// works on it directly, without copying a large value per request.
final class ShopState {
    static let quantityNames = [
        "available", "committed", "reserved", "damaged", "quality_control", "safety_stock", "incoming", "on_hand",
    ]

    let shopName: String
    let currency: String
    let timeZone: TimeZone
    let clock: any ShopifySimClock
    let fulfillmentOrderDelay: Int64
    var shopId: Int64 = 60_123_456_789

    var orders: [Int64: ShopOrder] = [:]
    var products: [Int64: ShopProduct] = [:]
    var productOrder: [Int64] = []
    var variants: [Int64: ShopVariant] = [:]
    var variantOrder: [Int64] = []
    var variantByItem: [Int64: Int64] = [:]
    var levels: [LevelKey: [String: Int]] = [:]
    var locations: [ShopLocation] = []
    var fulfillmentOrders: [Int64: ShopFulfillmentOrder] = [:]
    var fulfillments: [Int64: ShopFulfillment] = [:]
    var refunds: [Int64: ShopRefund] = [:]
    var webhooks: [ShopWebhookSubscription] = []
    var idempotency: [String: IdempotencyRecord] = [:]
    var events: [ShopEvent] = []
    var uninstalled = false
    private var counters: [String: Int64] = [:]
    private var eventRandom: SeededRandom

    init(configuration: ShopifySimConfiguration) {
        self.shopName = configuration.shopName
        self.currency = configuration.currency
        self.timeZone = TimeZone(identifier: configuration.timeZone) ?? TimeZone(identifier: "UTC")!
        self.clock = configuration.clock
        self.fulfillmentOrderDelay =
            configuration.fulfillmentOrderDelay.components.seconds * 1000
            + configuration.fulfillmentOrderDelay.components.attoseconds / 1_000_000_000_000_000
        self.eventRandom = SeededRandom(seed: configuration.seed, stream: 99)
    }

    var domain: String { "\(self.shopName).myshopify.com" }
    var now: Int64 { self.clock.nowMilliseconds() }

    /// Where each kind's ids start and how far apart they are: large, increasing, not consecutive, as
    /// Shopify's look; orders' pass 2^53.
    private static let idBases: [String: (Int64, Int64)] = [
        "Order": (820_982_911_946_154_508, 7_919), "LineItem": (13_466_112_233_441, 131),
        "Product": (8_812_345_600_001, 97), "ProductVariant": (45_112_233_440_001, 89),
        "InventoryItem": (47_223_344_550_001, 83), "Location": (71_234_567_801, 1_009),
        "FulfillmentOrder": (6_912_345_678_901, 113), "FulfillmentOrderLineItem": (14_123_456_789_001, 71),
        "Fulfillment": (5_512_345_678_901, 101), "ShippingLine": (4_412_345_678_901, 67),
        "Customer": (7_712_345_678_901, 61), "WebhookSubscription": (1_412_345_678_901, 53),
        "InventoryAdjustmentGroup": (3_312_345_678_901, 47), "Refund": (9_912_345_678_901, 59),
        "RefundLineItem": (11_234_567_890_001, 43),
    ]

    func nextId(_ kind: String) -> Int64 {
        let (base, step) = ShopState.idBases[kind] ?? (1_000_000_001, 7)
        let count = self.counters[kind, default: 0]
        self.counters[kind] = count + 1
        return base + count * step
    }

    /// A uuid-shaped id for webhook events and deliveries.
    func nextUUID() -> String {
        let hex = self.eventRandom.hex(32)
        let chars = Array(hex)
        return
            "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }

    func variant(sku: String) -> ShopVariant? {
        self.variantOrder.lazy.compactMap { self.variants[$0] }.first { $0.sku == sku }
    }

    func location(_ id: Int64) -> ShopLocation? { self.locations.first { $0.id == id } }

    /// `on_hand` is derived: available plus committed plus the unavailable states.
    func quantity(_ name: String, at key: LevelKey) -> Int? {
        guard let level = self.levels[key] else { return nil }
        if name == "on_hand" {
            return ["available", "committed", "reserved", "damaged", "quality_control", "safety_stock"]
                .reduce(0) { $0 + (level[$1] ?? 0) }
        }
        return level[name] ?? 0
    }

    /// Creates the order's fulfillment orders once they are due (read paths call this first).
    func materializeFulfillmentOrders(_ orderId: Int64) {
        guard var order = self.orders[orderId], let due = order.fulfillmentOrdersDueAt, due <= self.now else { return }
        order.fulfillmentOrdersDueAt = nil
        var byLocation: [(Int64, [ShopLineItem])] = []
        for line in order.lineItems where line.currentQuantity > 0 {
            let location = line.variantId.flatMap { self.variants[$0]?.homeLocationId } ?? self.locations[0].id
            if let index = byLocation.firstIndex(where: { $0.0 == location }) {
                byLocation[index].1.append(line)
            } else {
                byLocation.append((location, [line]))
            }
        }
        for (location, lines) in byLocation {
            let fulfillmentOrder = ShopFulfillmentOrder(
                id: self.nextId("FulfillmentOrder"), orderId: orderId, locationId: location,
                status: order.cancelledAt == nil ? "OPEN" : "CLOSED",
                lines: lines.map {
                    ShopFulfillmentOrderLine(
                        id: self.nextId("FulfillmentOrderLineItem"), lineItemId: $0.id,
                        totalQuantity: $0.currentQuantity,
                        remainingQuantity: $0.currentQuantity)
                }, createdAt: max(due, order.createdAt), updatedAt: max(due, order.createdAt))
            self.fulfillmentOrders[fulfillmentOrder.id] = fulfillmentOrder
            order.fulfillmentOrderIds.append(fulfillmentOrder.id)
        }
        self.orders[orderId] = order
    }

    /// Queues a webhook event for `topic` (REST form, e.g. `orders/updated`) if anyone subscribed to it.
    func emit(_ topic: String, resourceId: Int64?, body: () -> JSON) {
        guard self.webhooks.contains(where: { $0.restTopic == topic }) else { return }
        self.events.append(
            ShopEvent(
                topic: topic, body: body().bytes, eventId: self.nextUUID(), triggeredAt: self.now,
                resourceId: resourceId))
    }

    func emitOrder(_ topic: String, _ orderId: Int64) {
        guard let order = self.orders[orderId] else { return }
        self.emit(topic, resourceId: orderId) { OrderWebhookPayload.body(order, state: self) }
    }
}
