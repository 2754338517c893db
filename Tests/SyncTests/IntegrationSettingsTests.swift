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
}
