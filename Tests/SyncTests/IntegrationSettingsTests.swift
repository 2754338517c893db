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
}
