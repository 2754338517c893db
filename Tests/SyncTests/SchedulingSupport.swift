import Foundation
import Storage
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import Sync

/// A clock the test moves by hand; sleeping returns at once.
final class ManualClock: WooClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func set(_ date: Date) { current.withLock { $0 = date } }
    func sleep(for duration: Duration) async throws { try await Task.sleep(for: .milliseconds(1)) }
}

/// Real clients for the simulated store, whatever the integration's sealed credentials (the harness's are
/// placeholders); `consumerSecret` overrides the right one to make the store refuse them.
struct SimStoreClients: StoreClientProvider {
    let sim: WooSim
    var consumerSecret: String?

    func client(for integration: IntegrationRecord) throws -> WooCommerceClient {
        try WooCommerceClient(
            configuration: WooCommerceConfiguration(
                storeURL: integration.storeURL,
                credentials: WooCredentials(
                    consumerKey: sim.readWriteKeys.consumerKey,
                    consumerSecret: consumerSecret ?? sim.readWriteKeys.consumerSecret),
                requestTimeout: .seconds(20),
                retryPolicy: RetryPolicy(baseDelay: .milliseconds(5), maximumDelay: .milliseconds(50))))
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
