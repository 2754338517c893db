import Foundation
import Testing
import WooCommerce

@testable import Sync

/// The Shipment Tracking extension's meta value, field by field.
@Suite struct ShipmentTrackingTests {
    @Test func rendersTheExtensionsItemsForCustomAndPredefinedProviders() throws {
        let shipped = Date(timeIntervalSince1970: 1_790_000_123.7)
        let custom = ShipmentTracking(
            provider: .custom(name: "Fleet", link: "https://track.example.test/ZX1"), trackingNumber: "ZX1",
            dateShipped: shipped)
        let dhl = ShipmentTracking(provider: .predefined(slug: "dhl"), trackingNumber: "JD0123", dateShipped: shipped)
        let meta = ShipmentTracking.metaData([custom, dhl])
        #expect(meta.key == "_wc_shipment_tracking_items")
        #expect(meta.id == nil)
        guard case .array(let items) = meta.value, items.count == 2 else {
            Issue.record("not an array of two: \(meta.value)")
            return
        }
        #expect(
            items[0]
                == .object([
                    "tracking_provider": .string(""), "custom_tracking_provider": .string("Fleet"),
                    "custom_tracking_link": .string("https://track.example.test/ZX1"),
                    "tracking_number": .string("ZX1"), "date_shipped": .string("1790000123"),
                    "tracking_id": .string(custom.trackingID),
                ]))
        #expect(
            items[1]
                == .object([
                    "tracking_provider": .string("dhl"), "custom_tracking_provider": .string(""),
                    "custom_tracking_link": .string(""), "tracking_number": .string("JD0123"),
                    "date_shipped": .string("1790000123"), "tracking_id": .string(dhl.trackingID),
                ]))
        // md5 hex, stable for the same shipment, different for another.
        #expect(custom.trackingID.count == 32)
        #expect(custom.trackingID.allSatisfy { $0.isHexDigit })
        #expect(
            custom.trackingID
                == ShipmentTracking(
                    provider: .custom(name: "Fleet", link: "other"), trackingNumber: "ZX1", dateShipped: Date()
                ).trackingID)
        #expect(custom.trackingID != dhl.trackingID)
        // The JSON sent in an order update.
        let json = String(decoding: try JSONEncoder().encode(meta), as: UTF8.self)
        #expect(json.contains("\"key\":\"_wc_shipment_tracking_items\""))
        #expect(!json.contains("\"id\""))
    }
}
