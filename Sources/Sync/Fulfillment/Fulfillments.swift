import Foundation
import LogixCore
import Storage

/// The use case of reporting what the warehouse did with one of the user's orders: the order moves (pure
/// decision in ``FulfillmentStep``), and the store updates it implies are queued (``FulfillmentRecorder``).
/// An event the order cannot take is the domain's `FulfillmentError`, unchanged.
public struct Fulfillments: Sendable {
    let database: LogixDatabase
    let signal: OutboxSignal
    let clock: any LogixClock

    public init(database: LogixDatabase, signal: OutboxSignal, clock: any LogixClock) {
        self.database = database
        self.signal = signal
        self.clock = clock
    }

    /// Records `event` for the user's order `orderID`.
    public func record(_ event: FulfillmentEvent, orderID: Int64, userID: Int64) async throws
        -> FulfillmentRecorder.Recorded
    {
        let integration = try await database.read { sql -> IntegrationRecord? in
            guard let order = try await OrderRecords().fetch(id: orderID, on: sql) else { return nil }
            return try await IntegrationRecords().find(id: order.integrationID, userID: userID, on: sql)
        }
        guard let integration,
            let recorded = try await FulfillmentRecorder(database: database)
                .record(event, orderID: orderID, integration: integration, at: clock.now())
        else { throw SyncError.notFound("order") }
        if !recorded.queued.isEmpty || !recorded.stockPushes.isEmpty { signal.notify() }
        return recorded
    }
}
