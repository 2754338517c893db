/// How much of one SKU the warehouse has (`onHand`) and how much of that is promised to released orders
/// (`reserved`).
///
/// `onHand` may go negative: stores oversell, and shipping what was sold must still be recorded; a stock count
/// (``settingOnHand(_:)``) puts it right. `reserved` never goes below zero, so ``available`` may be negative,
/// which is exactly the "oversold by n" figure to show. Quantities passed in below zero are treated as zero:
/// a reservation cannot be undone by reserving a negative amount.
///
/// Storage performs the same arithmetic in SQL (`reserved = max(0, reserved - n)`, ...); these pure versions
/// define it.
public struct StockLevel: Sendable, Hashable, Codable {
    public var sku: String
    public var onHand: Int
    public var reserved: Int

    public init(sku: String, onHand: Int, reserved: Int = 0) {
        self.sku = sku
        self.onHand = onHand
        self.reserved = max(0, reserved)
    }

    /// What can still be promised: on hand minus reserved. Negative when oversold.
    public var available: Int { onHand - reserved }

    /// `quantity` more promised to an order.
    public func reserving(_ quantity: Int) -> StockLevel {
        var copy = self
        copy.reserved += max(0, quantity)
        return copy
    }

    /// A promise of `quantity` withdrawn; `reserved` stops at zero.
    public func releasing(_ quantity: Int) -> StockLevel {
        var copy = self
        copy.reserved = max(0, reserved - max(0, quantity))
        return copy
    }

    /// `quantity` shipped: it leaves `onHand` and its reservation ends (`reserved` stops at zero, in case the
    /// goods were shipped without having been reserved).
    public func consuming(_ quantity: Int) -> StockLevel {
        let quantity = max(0, quantity)
        var copy = self
        copy.onHand -= quantity
        copy.reserved = max(0, reserved - quantity)
        return copy
    }

    /// `onHand` set from a count; reservations are untouched, since the orders they belong to still need the
    /// goods.
    public func settingOnHand(_ quantity: Int) -> StockLevel {
        var copy = self
        copy.onHand = quantity
        return copy
    }

    /// The level after one stock effect, using this SKU's share of it; effects that do not touch stock, or
    /// do not name this SKU, leave it unchanged.
    public func applying(_ effect: LifecycleEffect) -> StockLevel {
        switch effect {
        case .reserveStock(let items):
            reserving(quantity(in: items))
        case .releaseStock(let items):
            releasing(quantity(in: items))
        case .consumeStock(let items):
            consuming(quantity(in: items))
        case .createTask, .completeTask, .cancelOpenTasks:
            self
        }
    }

    private func quantity(in items: [StockQuantity]) -> Int {
        items.lazy.filter { $0.sku == sku }.reduce(0) { $0 + $1.quantity }
    }
}
