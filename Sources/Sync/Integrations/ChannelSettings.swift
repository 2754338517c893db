import Foundation
import LogixCore
import Shopify
import Storage

/// What only some sales channels are told about an integration. Today they are all Shopify's: the location
/// stock is set at, the Admin API version the integration is pinned to, whether test orders are imported, and
/// the status mapping's overrides and import set, which name Shopify's folded store statuses
/// (``ShopifyStatusMapping``) rather than WooCommerce's (``StatusMapping``).
/// A WooCommerce integration refuses them (``IntegrationSettingsChange/applied(to:platform:)``), so a setting
/// never silently does nothing.
///
/// Stored as JSON in `integrations.channel_settings` (`{"location_id":…,"api_version":…,"import_test_orders":…}`),
/// with absent keys meaning the default, so a channel's new setting needs no migration.
public struct ChannelSettings: Sendable, Hashable, Codable {
    /// The numeric id of the Shopify location whose `available` quantities stock counts set; `nil` for the
    /// shop's first active location.
    public var locationID: Int64?
    /// The Admin API version requests name (`2026-04`); `nil` for the version this build was written against.
    public var apiVersion: String?
    /// Whether orders the shop marks `test` are imported; they look real, so by default they are not.
    public var importsTestOrders: Bool
    /// Store status → Logix status, over ``ShopifyStatusMapping/defaultInbound``.
    public var statusOverrides: [String: OrderStatus]
    /// The store statuses whose orders are imported; `nil` for all of them.
    public var importedStatuses: Set<String>?
    /// Whether the stored credentials are the app's client id and secret, whose tokens the client credentials
    /// grant gives (Dev Dashboard apps, 24-hour tokens), rather than a static access token.
    public var usesClientCredentials: Bool

    public init(
        locationID: Int64? = nil, apiVersion: String? = nil, importsTestOrders: Bool = false,
        statusOverrides: [String: OrderStatus] = [:], importedStatuses: Set<String>? = nil,
        usesClientCredentials: Bool = false
    ) {
        self.locationID = locationID
        self.apiVersion = apiVersion
        self.importsTestOrders = importsTestOrders
        self.statusOverrides = statusOverrides
        self.importedStatuses = importedStatuses
        self.usesClientCredentials = usesClientCredentials
    }

    /// The settings an integration holds; a row written before they existed (`{}`) holds the defaults.
    public init(_ record: IntegrationRecord) {
        self = (try? JSONDecoder().decode(Self.self, from: Data(record.channelSettingsJSON.utf8))) ?? Self()
    }

    /// The Admin API version a Shopify integration's requests name: its own, else this build's.
    public var shopifyAPIVersion: String { apiVersion ?? ShopifyConfiguration.defaultAPIVersion }

    /// The JSON stored for them.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding three plain fields cannot fail; `{}` keeps the defaults should it ever.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    enum CodingKeys: String, CodingKey {
        case locationID = "location_id"
        case apiVersion = "api_version"
        case importsTestOrders = "import_test_orders"
        case statusOverrides = "status_mapping"
        case importedStatuses = "import_statuses"
        case authentication = "auth"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        locationID = try container.decodeIfPresent(Int64.self, forKey: .locationID)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        importsTestOrders = try container.decodeIfPresent(Bool.self, forKey: .importsTestOrders) ?? false
        statusOverrides = try container.decodeIfPresent([String: OrderStatus].self, forKey: .statusOverrides) ?? [:]
        importedStatuses = try container.decodeIfPresent(Set<String>.self, forKey: .importedStatuses)
        usesClientCredentials =
            try container.decodeIfPresent(String.self, forKey: .authentication) == Self.clientCredentialsGrant
    }

    /// How ``usesClientCredentials`` is stored.
    static let clientCredentialsGrant = "client_credentials"

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(locationID, forKey: .locationID)
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        if importsTestOrders { try container.encode(true, forKey: .importsTestOrders) }
        if !statusOverrides.isEmpty { try container.encode(statusOverrides, forKey: .statusOverrides) }
        try container.encodeIfPresent(importedStatuses?.sorted(), forKey: .importedStatuses)
        if usesClientCredentials { try container.encode(Self.clientCredentialsGrant, forKey: .authentication) }
    }

    // MARK: Reading what a user typed

    /// A location as a user gives it: its number (`71234567890`) or its gid (`gid://shopify/Location/71234567890`).
    static func locationID(from text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let prefix = "gid://shopify/Location/"
        let digits = trimmed.hasPrefix(prefix) ? String(trimmed.dropFirst(prefix.count)) : trimmed
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let id = Int64(digits), id > 0
        else { return nil }
        return id
    }

    /// Whether `text` names an Admin API version: `YYYY-01`, `-04`, `-07` or `-10` (Shopify releases quarterly),
    /// or `unstable`. Whether the shop still serves it is for the connection test to say: Shopify serves a
    /// retired version as the oldest supported one without an error.
    static func isAPIVersion(_ text: String) -> Bool {
        if text == "unstable" { return true }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 2020 else { return false }
        return ["01", "04", "07", "10"].contains(String(parts[1]))
    }
}
