import Foundation
import LogixCore
import Storage
import Testing
import WooCommerce

@testable import Sync

/// The one settings type: creating and updating an integration apply the same change with the same
/// validation, and every wrong field is reported at once.
@Suite struct IntegrationSettingsTests {
    @Test func aNewIntegrationNeedsANameAndGetsTheDefaultsOtherwise() throws {
        let created = try IntegrationSettingsChange(name: "  Coffee  ").applied(to: .defaults)
        #expect(created.name == "Coffee")
        #expect(created.autoSync)
        #expect(created.syncIntervalMinutes == 15)
        #expect(created.statusMapping == .default)
        #expect(created.fulfillment == FulfillmentSettings())
        #expect(created.status == .active)

        let nameless = #expect(throws: SyncError.self) { try IntegrationSettingsChange().applied(to: .defaults) }
        #expect(nameless?.kind == .invalidFields)
        #expect(nameless?.fields["integration_name"] != nil)
    }

    @Test func everyWrongFieldIsReportedAtOnceAndNothingIsApplied() throws {
        let change = IntegrationSettingsChange(
            name: String(repeating: "x", count: 201), syncIntervalMinutes: 0, importStatuses: [],
            trackingNote: "loud", status: "error")
        let error = try #require(throws: SyncError.self) { try change.applied(to: .defaults) }
        #expect(
            Set(error.fields.keys) == [
                "integration_name", "sync_interval_minutes", "import_statuses", "fulfillment.tracking_note", "status",
            ])
    }

    @Test func anUpdateChangesOnlyWhatItNamesAndKeepsTheRestOfTheMapping() throws {
        let current = try IntegrationSettingsChange(
            name: "Shop", inboundStatusMapping: ["packing": "ready"], outboundStatusMapping: ["shipped": "packing"]
        ).applied(to: .defaults)
        #expect(current.statusMapping.logixStatus(for: WooOrderStatus(rawValue: "packing")) == .ready)

        // Only the import set: both override tables stay.
        let narrowed = try IntegrationSettingsChange(importStatuses: ["processing", "packing"]).applied(to: current)
        #expect(narrowed.name == "Shop")
        #expect(narrowed.statusMapping.inboundOverrides == current.statusMapping.inboundOverrides)
        #expect(narrowed.statusMapping.outboundOverrides == current.statusMapping.outboundOverrides)
        #expect(narrowed.statusMapping.importedStatuses == [.processing, WooOrderStatus(rawValue: "packing")])

        // An empty table removes its overrides; a wrong mapping is the mapping's field.
        let plain = try IntegrationSettingsChange(outboundStatusMapping: [:]).applied(to: current)
        #expect(plain.statusMapping.outboundOverrides.isEmpty)
        #expect(plain.statusMapping.inboundOverrides == current.statusMapping.inboundOverrides)
        let wrong = try #require(throws: SyncError.self) {
            try IntegrationSettingsChange(inboundStatusMapping: ["trash": "ready"]).applied(to: current)
        }
        #expect(Array(wrong.fields.keys) == ["status_mapping"])
    }

    @Test func theStoreCapsAreCheckedAndARateOfZeroRemovesTheCap() throws {
        let created = try IntegrationSettingsChange(name: "Shop", maxRequestsPerSecond: 3).applied(to: .defaults)
        #expect(created.pacing == StorePacing(maxConcurrency: 8, maxRequestsPerSecond: 3))
        let lowered = try IntegrationSettingsChange(maxConcurrency: 2).applied(to: created)
        #expect(lowered.pacing == StorePacing(maxConcurrency: 2, maxRequestsPerSecond: 3))
        let uncapped = try IntegrationSettingsChange(maxRequestsPerSecond: 0).applied(to: lowered)
        #expect(uncapped.pacing.maxRequestsPerSecond == nil)

        for (concurrency, rate) in [(0, 1.0), (33, -1), (4, 0.01), (4, 5000)] {
            let error = try #require(throws: SyncError.self) {
                try IntegrationSettingsChange(maxConcurrency: concurrency, maxRequestsPerSecond: rate).applied(
                    to: created)
            }
            var expected: Set<String> = []
            if !StorePacing.concurrencyRange.contains(concurrency) { expected.insert("max_concurrency") }
            if !StorePacing.rateRange.contains(rate) { expected.insert("max_requests_per_second") }
            #expect(Set(error.fields.keys) == expected)
        }
    }

    /// Shopify's settings belong to Shopify integrations: a WooCommerce one refuses them rather than keep a
    /// setting that would do nothing.
    @Test func aWooCommerceIntegrationHasNoShopifySettings() throws {
        let change = IntegrationSettingsChange(
            name: "Shop", locationID: "1", apiVersion: "2026-04", importTestOrders: true)
        let error = try #require(throws: SyncError.self) { try change.applied(to: .defaults, platform: .wooCommerce) }
        #expect(Set(error.fields.keys) == ["location_id", "api_version", "import_test_orders"])
    }

    /// A location is taken as its number or its gid; a version as Shopify names its quarterly releases; the
    /// status mapping and import set name Shopify's folded store statuses, and all of them means "all".
    @Test func aShopifyIntegrationsSettingsAreReadAsShopifyNamesThem() throws {
        let settings = try IntegrationSettingsChange(
            name: "Shop", importStatuses: ShopifyStatusMapping.default.storeStatuses.sorted(),
            inboundStatusMapping: ["Authorized": "awaiting_payment"], locationID: "gid://shopify/Location/71234567890",
            apiVersion: "2026-10", importTestOrders: true
        ).applied(to: .defaults, platform: .shopify)
        #expect(settings.channel.locationID == 71_234_567_890)
        #expect(settings.channel.apiVersion == "2026-10")
        #expect(settings.channel.importsTestOrders)
        #expect(settings.channel.statusOverrides == ["authorized": .awaitingPayment])
        #expect(settings.channel.importedStatuses == nil)
        #expect(ChannelSettings.locationID(from: "42") == 42)
        for version in ["2026-02", "26-04", "unstable-1", "2026-4"] {
            #expect(!ChannelSettings.isAPIVersion(version), "\(version)")
        }
        // Emptied, they go back to their defaults.
        let cleared = try IntegrationSettingsChange(locationID: " ", apiVersion: "").applied(
            to: settings, platform: .shopify)
        #expect(cleared.channel.locationID == nil && cleared.channel.apiVersion == nil)
        #expect(cleared.channel.shopifyAPIVersion == "2026-04")
    }

    /// The settings survive the round trip through the integration's JSON column, and a row from before they
    /// existed reads as the defaults.
    @Test func channelSettingsAreStoredAsJSON() throws {
        let settings = ChannelSettings(
            locationID: 5, apiVersion: "2026-07", importsTestOrders: true, statusOverrides: ["open": .onHold],
            importedStatuses: ["open", "authorized"])
        var record = IntegrationRecord(
            id: 1, userID: 1, platform: "shopify", storeURL: "https://shop.myshopify.com", consumerKeySealed: "",
            consumerKeyLast4: "", consumerSecretSealed: "", name: "Shop", createdAt: Date(timeIntervalSince1970: 0),
            channelSettingsJSON: settings.json)
        #expect(ChannelSettings(record) == settings)
        record.channelSettingsJSON = "{}"
        #expect(ChannelSettings(record) == ChannelSettings())
    }
}
