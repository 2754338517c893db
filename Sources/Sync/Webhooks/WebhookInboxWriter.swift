import Foundation
import Storage
import Synchronization

/// Stores webhook deliveries in group commits: deliveries arriving while a transaction runs wait for the next
/// one and are written together, so the inbox keeps up with thousands of deliveries a second on one SQLite
/// file. Each caller returns only once the transaction holding its delivery committed (ARCHITECTURE.md,
/// "Nothing lost": stored durably before the 200).
///
/// The transactions run in ``run()``, which the server runs as a service; when it stops, deliveries still
/// waiting are refused with an error (the store retries them), never dropped silently.
public final class WebhookInboxWriter: Sendable {
    /// How a stored delivery came out.
    public enum Outcome: Sendable {
        /// New: stored now.
        case stored
        /// A duplicate of one stored before (or beside it in the same batch).
        case duplicate
        /// The integration was deleted after its secret was looked up; nothing was stored.
        case integrationGone
    }

    private struct Waiting {
        let delivery: InboxDelivery
        let waiter: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var stopped = false
    }

    private let database: LogixDatabase
    private let state = Mutex(State())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let batchLimit = 1000

    public init(database: LogixDatabase) {
        self.database = database
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Stores `delivery` in the next group commit and returns how it came out.
    public func store(_ delivery: InboxDelivery) async throws -> Outcome {
        try await withCheckedThrowingContinuation { waiter in
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.waiting.append(Waiting(delivery: delivery, waiter: waiter))
                return true
            }
            if accepted {
                wake.yield()
            } else {
                waiter.resume(throwing: CancellationError())
            }
        }
    }

    /// Writes waiting deliveries, batch after batch, until cancelled; then refuses whatever still waits.
    public func run() async {
        for await _ in wakeUps {
            while let batch = nextBatch() { await write(batch) }
        }
        let left = state.withLock { state -> [Waiting] in
            state.stopped = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for waiting in left { waiting.waiter.resume(throwing: CancellationError()) }
    }

    /// Stops ``run()`` once it has written what waits now.
    public func finish() { wake.finish() }

    private func nextBatch() -> [Waiting]? {
        state.withLock { state -> [Waiting]? in
            guard !state.waiting.isEmpty else { return nil }
            let batch = Array(state.waiting.prefix(batchLimit))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }

    private func write(_ batch: [Waiting]) async {
        let deliveries = batch.map(\.delivery)
        do {
            let (inserted, existing) = try await database.transaction { sql in
                // An integration deleted since its secret was looked up: its deliveries are refused, not
                // allowed to fail the whole batch on the foreign key.
                let existing = try await IntegrationRecords().existing(
                    ids: Array(Set(deliveries.map(\.integrationID))), on: sql)
                let kept = deliveries.filter { existing.contains($0.integrationID) }
                return (try await WebhookInboxRecords().insert(batch: kept, on: sql), existing)
            }
            var answered: Set<String> = []
            for waiting in batch {
                let delivery = waiting.delivery
                guard existing.contains(delivery.integrationID) else {
                    waiting.waiter.resume(returning: .integrationGone)
                    continue
                }
                // Of two identical deliveries in one batch, the first is the new one.
                let isNew = inserted.contains(delivery.deliveryKey) && answered.insert(delivery.deliveryKey).inserted
                waiting.waiter.resume(returning: isNew ? .stored : .duplicate)
            }
        } catch {
            for waiting in batch { waiting.waiter.resume(throwing: error) }
        }
    }
}
