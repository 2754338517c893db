import Foundation
import Storage
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// A wall clock the test moves by hand; sleeping really sleeps, briefly, so retry loops stay cooperative.
final class ManualClock: WooClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func set(_ date: Date) { current.withLock { $0 = date } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: min(duration, .milliseconds(20)))
    }
}

/// Real WooCommerce channels for the simulated store, made the way the server makes them (one per call, shut
/// down by the caller), whatever the integration's sealed credentials (the harness's are placeholders).
/// `consumerSecret` overrides the right one to make the store refuse them; `retryPolicy: .none` lets every
/// failure reach the caller (the outbox) and counts every request once.
struct SimStoreClients: SalesChannelProvider {
    let sim: WooSim
    var consumerSecret: String?
    var retryPolicy = RetryPolicy(baseDelay: .milliseconds(5), maximumDelay: .milliseconds(50))

    func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: integration.storeURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey,
                    consumerSecret: consumerSecret ?? sim.readWriteKeys.consumerSecret),
                requestTimeout: .seconds(20), retryPolicy: retryPolicy))
    }

    func channel(for integration: IntegrationRecord) throws -> any SalesChannel {
        try WooCommerceChannel(integration: integration) { try client(for: integration) }
    }
}

extension Date {
    /// Now, to the whole second the database keeps.
    static var wholeSecondNow: Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}

extension ImportHarness {
    /// The integration's schedule row.
    func schedule(_ integrationID: Int64? = nil) async throws -> IntegrationSchedule? {
        let id = integrationID ?? self.integrationID
        return try await database.read { sql in
            try await IntegrationScheduleRecords().schedule(integrationID: id, on: sql)
        }
    }

    /// The integration's sync runs, oldest first.
    func runs(_ integrationID: Int64? = nil) async throws -> [SyncRun] {
        let id = integrationID ?? self.integrationID
        return try await database.read { sql in
            try await SyncLogRecords().list(integrationID: id, page: 1, perPage: 1000, on: sql).runs.reversed()
        }
    }

    /// How many orders Logix holds for an integration.
    func orderCount(_ integrationID: Int64? = nil) async throws -> Int {
        try await OrderRecords().countAll(in: database, integrationID: integrationID ?? self.integrationID)
    }

    /// Another integration for the same store.
    func addIntegration(name: String) async throws -> Int64 {
        let first = try #require(try await SQLIntegrationRepository(database: database).find(id: integrationID))
        var record = first
        record.id = nil
        record.name = name
        return try #require(try await SQLIntegrationRepository(database: database).create(record).id)
    }
}
