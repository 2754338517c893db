import Foundation
import LogixCore
import Sync
import Testing
import WooCommerce

@Suite("StatusMapping: order statuses both ways, overrides, import filter")
struct StatusMappingTests {
    let mapping = StatusMapping.default

    // MARK: Defaults

    @Test("default store → Logix table")
    func defaultInbound() {
        let expected: [(WooOrderStatus, OrderStatus)] = [
            ("pending", .awaitingPayment),
            ("on-hold", .onHold),
            ("processing", .ready),
            ("completed", .delivered),
            ("cancelled", .cancelled),
            ("refunded", .refunded),
            ("failed", .failed),
        ]
        for (store, logix) in expected {
            #expect(mapping.inbound(store) == .imported(logix), "\(store)")
            #expect(mapping.logixStatus(for: store) == logix)
        }
        #expect(mapping.effectiveImportedStatuses == Set(WooOrderStatus.core))
        // The `wc-` prefix some plugins and the database use is the same status.
        #expect(mapping.inbound(WooOrderStatus("wc-processing")) == .imported(.ready))
    }

    @Test("drafts and trash are never imported; an unknown custom status is not imported")
    func notImportedByDefault() {
        #expect(mapping.inbound(.checkoutDraft) == .neverImported)
        #expect(mapping.inbound(.trash) == .neverImported)
        #expect(mapping.inbound("auto-draft") == .neverImported)
        #expect(mapping.logixStatus(for: .checkoutDraft) == nil)
        #expect(mapping.inbound("shipped") == .unmapped)
        #expect(mapping.inbound("awaiting-pickup") == .unmapped)
    }

    @Test("default Logix → store table")
    func defaultOutbound() {
        let expected: [OrderStatus: WooOrderStatus] = [
            .awaitingPayment: "pending",
            .onHold: "on-hold",
            .ready: "processing",
            .picking: "processing",
            .packed: "processing",
            .shipped: "completed",
            .delivered: "completed",
            .cancelled: "cancelled",
            .refunded: "refunded",
            .failed: "failed",
        ]
        #expect(Set(expected.keys) == Set(OrderStatus.allCases))
        for (logix, store) in expected {
            #expect(mapping.storeStatus(for: logix) == store, "\(logix)")
        }
    }

    @Test("the store's echo of every status Logix pushes is ignored by the lifecycle (ARCHITECTURE.md: No echo)")
    func pushedStatusesReadBack() throws {
        for logix in OrderStatus.allCases {
            let echoed = try #require(mapping.logixStatus(for: mapping.storeStatus(for: logix)))
            let decision = OrderLifecycle.decide(current: logix, requested: echoed, origin: .store)
            switch decision {
            case .apply, .flagForReview, .reject:
                // e.g. `shipped` echoes as `completed` → `delivered`: the store does not get to move it.
                Issue.record("echo of \(logix) as \(echoed) gave \(decision)")
            case .ignore:
                break
            }
        }
    }

    // MARK: Overrides

    @Test("a custom store status both ways: wc-shipped ↔ Logix shipped, delivered still completed")
    func customStatusBothWays() throws {
        let custom = try StatusMapping(
            inbound: ["wc-shipped": "shipped"],
            outbound: ["shipped": "wc-shipped"],
            importedStatuses: nil
        )
        #expect(custom.inbound("shipped") == .imported(.shipped))
        #expect(custom.inbound(WooOrderStatus("wc-shipped")) == .imported(.shipped))
        #expect(custom.storeStatus(for: .shipped) == "shipped")
        #expect(custom.storeStatus(for: .delivered) == .completed)
        #expect(custom.inbound(.completed) == .imported(.delivered))
        // Overriding a custom status puts it into the default import set.
        #expect(custom.effectiveImportedStatuses == Set(WooOrderStatus.core + ["shipped"]))
    }

    @Test("a core status can be remapped, and its push target changed")
    func coreOverride() throws {
        let custom = try StatusMapping(
            inboundOverrides: [.processing: .onHold, .completed: .shipped],
            outboundOverrides: [.delivered: .completed, .ready: .onHold]
        )
        #expect(custom.inbound(.processing) == .imported(.onHold))
        #expect(custom.inbound(.completed) == .imported(.shipped))
        #expect(custom.storeStatus(for: .ready) == .onHold)
        #expect(custom.inbound(.pending) == .imported(.awaitingPayment))
    }

    @Test("names are trimmed and lowercased like WordPress slugs")
    func namesNormalized() throws {
        let custom = try StatusMapping(
            inbound: [" Awaiting-Pickup ": " packed "],
            outbound: [:],
            importedStatuses: ["PROCESSING", "wc-awaiting-pickup"]
        )
        #expect(custom.inboundOverrides == ["awaiting-pickup": .packed])
        #expect(custom.importedStatuses == ["processing", "awaiting-pickup"])
    }

    @Test("the import set filters statuses; excluded ones keep the status they would map to")
    func importSet() throws {
        let custom = try StatusMapping(inbound: [:], outbound: [:], importedStatuses: ["processing", "completed"])
        #expect(custom.inbound(.processing) == .imported(.ready))
        #expect(custom.inbound(.completed) == .imported(.delivered))
        #expect(custom.inbound(.pending) == .notSelected(mappedTo: .awaitingPayment))
        #expect(custom.inbound(.checkoutDraft) == .neverImported)
        #expect(custom.inbound("shipped") == .unmapped)
    }

    // MARK: Validation

    @Test("invalid overrides are refused with a typed error")
    func validation() {
        func expectError(
            _ expected: StatusMappingError,
            inbound: [String: String] = [:],
            outbound: [String: String] = [:],
            imported: [String]? = nil,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            #expect(throws: expected, sourceLocation: sourceLocation) {
                try StatusMapping(inbound: inbound, outbound: outbound, importedStatuses: imported)
            }
        }
        expectError(.unknownLogixStatus("shipping"), inbound: ["shipped": "shipping"])
        expectError(.unknownLogixStatus("Ready"), outbound: ["Ready": "processing"])
        expectError(.invalidStoreStatus("ship ped!"), inbound: ["ship ped!": "shipped"])
        expectError(.invalidStoreStatus("wc-"), outbound: ["shipped": "wc-"])
        expectError(.invalidStoreStatus("any"), imported: ["any"])
        expectError(
            .invalidStoreStatus(String(repeating: "x", count: 21)), imported: [String(repeating: "x", count: 21)])
        expectError(.storeStatusNeverImported(.checkoutDraft), inbound: ["checkout-draft": "awaiting_payment"])
        expectError(.storeStatusNeverImported(.trash), imported: ["processing", "trash"])
        expectError(.invalidPushTarget(.cancelled, .trash), outbound: ["cancelled": "trash"])
        expectError(.emptyImportSet, imported: [])
        expectError(.importedStatusUnmapped("shipped"), imported: ["processing", "shipped"])
        expectError(.pushTargetNotMappedBack(.shipped, "shipped"), outbound: ["shipped": "shipped"])
        expectError(.conflictingOverride("shipped"), inbound: ["shipped": "shipped", "wc-shipped": "delivered"])
    }

    @Test("the same status spelled twice with the same target is fine")
    func duplicateSpellingSameTarget() throws {
        let custom = try StatusMapping(
            inbound: ["shipped": "shipped", "wc-shipped": "shipped"],
            outbound: [:],
            importedStatuses: nil
        )
        #expect(custom.inboundOverrides == ["shipped": .shipped])
    }

    @Test("errors read as sentences naming the culprit")
    func errorMessages() {
        #expect("\(StatusMappingError.unknownLogixStatus("shipping"))".contains("\"shipping\""))
        #expect("\(StatusMappingError.unknownLogixStatus("shipping"))".contains("awaiting_payment"))
        #expect(
            "\(StatusMappingError.pushTargetNotMappedBack(.shipped, "shipped"))".contains("add an inbound override")
        )
    }

    // MARK: Codable (stored per integration)

    @Test("stored as readable JSON of the overrides only, and decoded back equal")
    func codableRoundTrip() throws {
        let custom = try StatusMapping(
            inbound: ["wc-shipped": "shipped"],
            outbound: ["shipped": "shipped"],
            importedStatuses: ["shipped", "processing", "completed"]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(custom), as: UTF8.self)
        #expect(
            json
                == #"{"import":["completed","processing","shipped"],"inbound":{"shipped":"shipped"},"#
                + #""outbound":{"shipped":"shipped"}}"#
        )
        #expect(try JSONDecoder().decode(StatusMapping.self, from: Data(json.utf8)) == custom)
        #expect(String(decoding: try encoder.encode(StatusMapping.default), as: UTF8.self) == "{}")
        #expect(try JSONDecoder().decode(StatusMapping.self, from: Data("{}".utf8)) == .default)
    }

    @Test("stored JSON with an invalid override does not decode")
    func decodingValidates() {
        let json = #"{"inbound": {"shipped": "en_route"}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StatusMapping.self, from: Data(json.utf8))
        }
        do {
            _ = try JSONDecoder().decode(StatusMapping.self, from: Data(json.utf8))
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("en_route"))
            #expect(context.underlyingError as? StatusMappingError == .unknownLogixStatus("en_route"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
