import Foundation
import Storage

/// The use cases of watching Logix itself: whether the database answers (readiness) and the counts the
/// metrics report.
public struct SystemStatus: Sendable {
    let database: LogixDatabase

    public init(database: LogixDatabase) { self.database = database }

    /// What the metrics report of the data.
    public struct Counts: Sendable {
        /// Webhook deliveries in the inbox, by state.
        public var inbox: [InboxDelivery.State: Int]
        /// Orders held, across every integration.
        public var orders: Int
    }

    /// Throws when the database does not answer.
    public func checkReadiness() async throws {
        try await database.checkReadiness()
    }

    public func counts() async throws -> Counts {
        try await database.read { sql in
            Counts(
                inbox: try await WebhookInboxRecords().countByState(on: sql),
                orders: try await OrderRecords().countAll(on: sql))
        }
    }
}
