import Foundation
import LogixCore
import WooCommerce

/// Maps a batch of store orders — a listing page or a batch of webhook bodies — into Logix orders, fetching
/// what the mapping needs and the order itself lacks.
struct OrderBatchMapper: Sendable {
    let client: WooCommerceClient
    /// What Logix holds already, for the orders whose mapping depends on it.
    let known: any StoredOrderVersions
    let mapper: OrderMapper
    /// Refund requests in flight at once.
    let concurrency: Int
    /// The orders were just read from the store (a listing, a `GET`): an equal version is applied when its data
    /// differs (``OrderApplier``), so it needs its refunds too. `false` for webhook bodies.
    let current: Bool

    /// Maps a page. Most orders need nothing but themselves; Logix's stored versions are read only for the
    /// few whose mapping depends on them — a status outside the import set (imported anyway if Logix holds the
    /// order) and open orders with refunds (whose per-line quantities are fetched unless Logix already holds a
    /// newer version).
    func map(_ orders: [WooOrder]) async throws -> [Result<LogixCore.Order, MappingFailure>] {
        var results = orders.map { mapper.map($0) }
        let needsRefunds = orders.map { Self.needsRefunds($0, mapper: mapper) }
        let dependent = orders.indices.filter { index in
            needsRefunds[index] || Self.mapsOnceImported(results[index])
        }
        guard !dependent.isEmpty else { return results }

        let known = try await known.storedVersions(of: dependent.map { Int64(orders[$0].id) })
        let refundIDs = dependent.filter { index in
            guard needsRefunds[index] else { return false }
            guard let stored = known[Int64(orders[index].id)], let modified = orders[index].dateModified else {
                return true
            }
            // At an equal version too (ARCHITECTURE.md, "Idempotent import"): a listing's equal version is
            // applied when its data differs (two edits in one second), so without its refunds it would differ
            // from what was stored with them — refunded quantities back to 0 and the stock reserved again.
            return current ? modified >= stored : modified > stored
        }
        let refunds = try await fetchRefunds(for: refundIDs.map { orders[$0].id })
        for index in dependent {
            let order = orders[index]
            results[index] = mapper.map(
                order, refunds: refunds[order.id], alreadyImported: known[Int64(order.id)] != nil)
        }
        return results
    }

    /// Whether `order`'s per-line refunded quantities must be read to map it: it has refunds, and its goods may
    /// still leave the warehouse. Once they are gone (or the order is cancelled or refunded) the refunded amount
    /// on the order is all that matters.
    static func needsRefunds(_ order: WooOrder, mapper: OrderMapper) -> Bool {
        guard OrderMapper.needsRefundDetails(order), let status = mapper.statusMapping.logixStatus(for: order.status)
        else { return false }
        return statusesStillToSend.contains(status)
    }

    /// Whether a mapping failure would map after all if Logix already held the order (a status outside the
    /// import set), so it depends on Logix's stored version.
    static func mapsOnceImported(_ result: Result<LogixCore.Order, MappingFailure>) -> Bool {
        if case .failure(let failure) = result { failure.mapsOnceImported } else { false }
    }

    /// The mapping of `order` from itself alone, or `nil` when it depends on more (its refunds, Logix's stored
    /// version): what the receiver applies in the group commit that stores the delivery.
    static func mappedAlone(_ order: WooOrder, mapper: OrderMapper) -> Result<LogixCore.Order, MappingFailure>? {
        guard !needsRefunds(order, mapper: mapper) else { return nil }
        let result = mapper.map(order)
        return mapsOnceImported(result) ? nil : result
    }

    /// Statuses in which an order's goods may still leave the warehouse.
    private static let statusesStillToSend: Set<OrderStatus> = [
        .awaitingPayment, .onHold, .failed, .ready, .picking, .packed,
    ]

    func fetchRefunds(for orderIDs: [Int]) async throws -> [Int: [WooRefund]] {
        guard !orderIDs.isEmpty else { return [:] }
        let client = self.client
        return try await withThrowingTaskGroup(of: (Int, [WooRefund]).self) { group in
            var results: [Int: [WooRefund]] = [:]
            var pending = orderIDs[...]
            for _ in 0..<min(concurrency, pending.count) {
                let id = pending.removeFirst()
                group.addTask { (id, try await client.orderRefunds(orderID: id)) }
            }
            while let (id, refunds) = try await group.next() {
                results[id] = refunds
                if let next = pending.popFirst() {
                    group.addTask { (next, try await client.orderRefunds(orderID: next)) }
                }
            }
            return results
        }
    }
}
