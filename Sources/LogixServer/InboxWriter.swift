import Foundation
import SQLKit
import Storage

/// Stores webhook deliveries in group commits: deliveries arriving while a transaction runs wait for the next
/// one and are written together, so the inbox keeps up with thousands of deliveries a second on one SQLite
/// file. Each caller returns only once the transaction holding its delivery committed (ARCHITECTURE.md,
/// "Nothing lost": stored durably before the 200).
actor InboxWriter {
    private let database: LogixDatabase
    private var pending: [(delivery: InboxDelivery, waiter: CheckedContinuation<Bool, any Error>)] = []
    private var flushing = false
    private let batchLimit = 1000

    init(database: LogixDatabase) { self.database = database }

    /// Stores `delivery`; `true` when it was new, `false` for a duplicate of one stored before (or beside it).
    func store(_ delivery: InboxDelivery) async throws -> Bool {
        try await withCheckedThrowingContinuation { waiter in
            pending.append((delivery, waiter))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(batchLimit))
            pending.removeFirst(batch.count)
            let deliveries = batch.map(\.delivery)
            do {
                let (inserted, existing) = try await database.transaction { sql in
                    // An integration deleted since its secret was looked up: its deliveries are refused, not
                    // allowed to fail the whole batch on the foreign key.
                    let ids = Array(Set(deliveries.map(\.integrationID)))
                    let existing = Set(
                        try await sql.select().column("id").from("integrations").where("id", .in, ids)
                            .all(decodingColumn: "id", as: Int64.self))
                    let kept = deliveries.filter { existing.contains($0.integrationID) }
                    return (try await WebhookInboxRecords().insert(batch: kept, on: sql), existing)
                }
                var answered: Set<String> = []
                for (delivery, waiter) in batch {
                    guard existing.contains(delivery.integrationID) else {
                        waiter.resume(
                            throwing: APIError.unauthorized("unknown integration", code: "unknown_integration"))
                        continue
                    }
                    // Of two identical deliveries in one batch, the first is the new one.
                    let isNew =
                        inserted.contains(delivery.deliveryKey) && answered.insert(delivery.deliveryKey).inserted
                    waiter.resume(returning: isNew)
                }
            } catch {
                for (_, waiter) in batch { waiter.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
