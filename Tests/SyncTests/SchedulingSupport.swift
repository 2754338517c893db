import Foundation
import Pacing
import Storage
import Synchronization
import Testing
import WooCommerce
import WooSim

@testable import Sync

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
        try await database.read {
            try await OrderRecords().count(integrationID: integrationID ?? self.integrationID, on: $0)
        }
    }

    /// Another integration for the same store.
    func addIntegration(name: String) async throws -> Int64 {
        let first = try #require(
            try await database.read { try await IntegrationRecords().find(id: integrationID, on: $0) })
        let new = NewIntegration(
            userID: first.userID, platform: first.platform, storeURL: first.storeURL, name: name,
            createdAt: first.createdAt)
        return try await database.transaction { try await IntegrationRecords().insert(new, on: $0) }.id
    }
}
