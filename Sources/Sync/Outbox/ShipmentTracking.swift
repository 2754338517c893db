import Crypto
import Foundation
import WooCommerce

/// One shipment in the form of WooCommerce's Shipment Tracking extension: an element of the order meta
/// `_wc_shipment_tracking_items`, whose value is the array of all the order's shipments.
///
/// Rendered as the extension stores it: `tracking_provider` (a predefined provider's slug, or empty),
/// `custom_tracking_provider` and `custom_tracking_link` (for any other carrier), `tracking_number`,
/// `date_shipped` (unix seconds, as a string) and `tracking_id`. The id is derived from provider and number, so
/// sending the same shipment again replaces it instead of listing it twice.
public struct ShipmentTracking: Sendable, Hashable {
    /// The meta key the extension reads.
    public static let metaKey = "_wc_shipment_tracking_items"

    /// Which carrier: one the extension knows by slug, or a custom one with a name and a link.
    public enum Provider: Sendable, Hashable {
        /// A provider the extension lists, by slug (`dhl`, `ups`, `usps`, …).
        case predefined(slug: String)
        /// Any other carrier: shown by name, linked to `link` (may be empty).
        case custom(name: String, link: String)
    }

    public var provider: Provider
    public var trackingNumber: String
    public var dateShipped: Date

    public init(provider: Provider, trackingNumber: String, dateShipped: Date) {
        self.provider = provider
        self.trackingNumber = trackingNumber
        self.dateShipped = dateShipped
    }

    /// A stable id for this shipment (the extension's own ids are md5 hex too).
    public var trackingID: String {
        let providerText: String
        switch provider {
        case .predefined(let slug): providerText = slug
        case .custom(let name, _): providerText = name
        }
        let digest = Insecure.MD5.hash(data: Data("\(providerText)-\(trackingNumber)".utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The element as the extension stores it.
    public var jsonValue: JSONValue {
        let (slug, customName, customLink): (String, String, String) =
            switch provider {
            case .predefined(let slug): (slug, "", "")
            case .custom(let name, let link): ("", name, link)
            }
        return .object([
            "tracking_provider": .string(slug),
            "custom_tracking_provider": .string(customName),
            "custom_tracking_link": .string(customLink),
            "tracking_number": .string(trackingNumber),
            "date_shipped": .string(String(Int64(dateShipped.timeIntervalSince1970.rounded(.down)))),
            "tracking_id": .string(trackingID),
        ])
    }

    /// The meta entry holding all of an order's shipments (it replaces the order's previous list: pass all).
    public static func metaData(_ shipments: [ShipmentTracking]) -> WooMetaData {
        WooMetaData(key: metaKey, value: .array(shipments.map(\.jsonValue)))
    }
}
