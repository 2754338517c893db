import Foundation
import Storage

/// How an integration shows fulfillment in its store: the note a shipment leaves on the order, and whether
/// the tracking goes into the order's meta for WooCommerce's Shipment Tracking extension.
///
/// Stored as JSON in the integration (`{"tracking_note": "customer", "shipment_tracking_meta": true}`); every
/// key is optional, so `{}` is the default.
public struct FulfillmentSettings: Sendable, Hashable, Codable {
    /// Who sees the tracking note.
    public enum TrackingNote: String, Sendable, Hashable, Codable, CaseIterable {
        /// A customer note: WooCommerce emails it to the customer.
        case customer
        /// A private note, for the shop's staff.
        case `private`
        /// No note.
        case none
    }

    /// Default `customer`: the customer learns where the parcel is, which is what the note is for.
    public var trackingNote: TrackingNote
    /// Default `false`: the meta only means something to stores running the extension.
    public var shipmentTrackingMeta: Bool

    public init(trackingNote: TrackingNote = .customer, shipmentTrackingMeta: Bool = false) {
        self.trackingNote = trackingNote
        self.shipmentTrackingMeta = shipmentTrackingMeta
    }

    enum CodingKeys: String, CodingKey {
        case trackingNote = "tracking_note"
        case shipmentTrackingMeta = "shipment_tracking_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trackingNote = try container.decodeIfPresent(TrackingNote.self, forKey: .trackingNote) ?? .customer
        shipmentTrackingMeta = try container.decodeIfPresent(Bool.self, forKey: .shipmentTrackingMeta) ?? false
    }

    /// The stored JSON form.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension IntegrationRecord {
    /// The integration's fulfillment settings; unreadable JSON (never written by us) falls back to the defaults.
    public var fulfillmentSettings: FulfillmentSettings {
        get {
            (try? JSONDecoder().decode(FulfillmentSettings.self, from: Data(fulfillmentSettingsJSON.utf8)))
                ?? FulfillmentSettings()
        }
        set { fulfillmentSettingsJSON = newValue.json }
    }
}
