import Foundation
import Logging
import LogixCore
import LogixTestSupport
import ShopifySim
import Storage
import Testing

@testable import Sync

/// A Shopify integration imported the way `logix serve` imports it: its token sealed in the vault, its channel
/// made by ``IntegrationStoreClients`` from `integrations.platform`, and the one ``OrderImporter`` every channel
/// shares, against a simulated Shopify store over loopback HTTP, on both engines.
@Suite struct ShopifyImportTests {
    @Test(arguments: TestEngine.allCases)
    func aFullImportThenAnIncrementalOneFollowTheStore(engine: TestEngine) async throws {
        try await ShopifySim.with(orders: 25) { sim in
            try await Self.importBothWays(sim, engine: engine)
        }
    }

    static func importBothWays(_ sim: ShopifySim, engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let vault = CredentialVault(keyRing: try KeyRing(current: .generate()))
            let user = try await TestFixtures.user(in: database)
            let integration = try await IntegrationCredentials(vault: vault, database: database).create(
                NewIntegration(
                    userID: user.id, platform: "shopify", storeURL: sim.baseURL, name: "Shopify", createdAt: Date()),
                credentials: StoreCredentials(
                    consumerKey: Secret(sim.accessToken), consumerSecret: Secret(sim.apiSecret),
                    webhookSecret: Secret(sim.apiSecret)))
            let clients = IntegrationStoreClients(
                connector: StoreConnector(
                    policy: StoreURLPolicy(allowsPrivateAddresses: true), trustedCertificateAuthoritiesPEM: nil,
                    logger: Logger(label: "test")),
                credentials: IntegrationCredentials(vault: vault, database: database))
            let channel = try clients.channel(for: integration)
            #expect(channel.platform == .shopify)
            let importer = OrderImporter(channel: channel, database: database, integrationID: integration.id)

            let full = try await importer.run(.full)
            let stored = try await Self.orders(of: integration.id, in: database)
            let storeIDs = Set(await sim.orders.map(\.legacyResourceId))
            #expect(full.counts.created == stored.count)
            #expect(full.counts.created + full.counts.skipped == full.counts.total)
            #expect(!stored.isEmpty && Set(stored.keys).isSubset(of: storeIDs))

            // The store cancels one order and takes a new one: the next incremental sync brings both.
            let cancelled = try #require(stored.values.first { $0.status == .ready })
            _ = try await sim.cancelOrder(cancelled.externalID)
            let sku = try #require(await sim.variants.compactMap(\.sku).first)
            let placed = try await sim.placeOrder(ShopifySimNewOrder(lines: [.init(sku: sku, quantity: 3)]))
            let incremental = try await importer.run(.incremental)
            #expect(incremental.counts.created == 1)
            #expect(incremental.counts.updated >= 1)
            let after = try await Self.orders(of: integration.id, in: database)
            #expect(after[cancelled.externalID]?.status == .cancelled)
            #expect(after[cancelled.externalID]?.storeStatus == "cancelled")
            #expect(after[placed.legacyResourceId]?.lines.map(\.quantity) == [3])
            #expect(after.count == stored.count + 1)

            // Nothing changed since: nothing is created or updated a second time.
            let again = try await importer.run(.incremental)
            #expect(again.counts.created == 0 && again.counts.updated == 0)

            // What webhooks and the cursor both missed: reconciliation compares the open orders' versions and
            // reads in full only those that changed; an order deleted at the shop is gone, and cancelled.
            let open = try await Self.orders(of: integration.id, in: database).values
                .filter { !OrderReconciler.finalStatuses.contains($0.status) }.map(\.externalID).sorted()
            try #require(open.count >= 2)
            _ = try await sim.cancelOrder(open[0])
            try await sim.deleteOrder(open[1])
            let report = try await OrderReconciler(channel: channel, database: database, integrationID: integration.id)
                .run()
            #expect(report.open == open.count)
            #expect(report.changed == [open[0]])
            #expect(report.gone == [open[1]])
            let reconciled = try await Self.orders(of: integration.id, in: database)
            #expect(reconciled[open[0]]?.status == .cancelled)
            #expect(reconciled[open[1]]?.status == .cancelled)
            try await channel.shutdown()
        }
    }

    static func orders(of integrationID: Int64, in database: LogixDatabase) async throws -> [Int64: Order] {
        try await database.read { sql in
            let (orders, _) = try await OrderRecords().list(
                OrderFilter(integrationIDs: [integrationID]), page: 1, perPage: 10_000, on: sql)
            return Dictionary(uniqueKeysWithValues: orders.map { ($0.externalID, $0) })
        }
    }
}
