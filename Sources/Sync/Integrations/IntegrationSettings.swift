import Foundation
import LogixCore
import Storage
import WooCommerce

/// What a user decides about an integration: its name, automatic syncs, the status mapping with the statuses
/// to import, how fulfillment shows in the store, and whether it is active.
///
/// Creating and updating an integration go through this one type and ``IntegrationSettingsChange``'s one
/// validation, so the API and the dashboard cannot accept different things (ARCHITECTURE.md, "Bad input
/// changes nothing").
public struct IntegrationSettings: Sendable, Hashable {
    public var name: String
    public var autoSync: Bool
    public var syncIntervalMinutes: Int
    public var statusMapping: StatusMapping
    public var fulfillment: FulfillmentSettings
    public var status: IntegrationRecord.Status
    /// Whether keys that may only read are accepted (import-only use); refused by default, since every
    /// fulfillment update and stock push would fail.
    public var allowsReadOnly: Bool
    /// How hard the store may be pressed: requests in flight and a second (ARCHITECTURE.md, "One pacer per
    /// store"); the pacer adapts below them.
    public var pacing: StorePacing
    /// What only the integration's channel is told (Shopify's location, API version, test orders and status
    /// table); at its defaults for WooCommerce.
    public var channel: ChannelSettings

    /// A new integration's settings before the user's choices: everything at its default, no name yet.
    public static let defaults = IntegrationSettings(
        name: "", autoSync: true, syncIntervalMinutes: 15, statusMapping: .default,
        fulfillment: FulfillmentSettings(), status: .active)

    public init(
        name: String, autoSync: Bool, syncIntervalMinutes: Int, statusMapping: StatusMapping,
        fulfillment: FulfillmentSettings, status: IntegrationRecord.Status, allowsReadOnly: Bool = false,
        pacing: StorePacing = StorePacing(), channel: ChannelSettings = ChannelSettings()
    ) {
        self.name = name
        self.autoSync = autoSync
        self.syncIntervalMinutes = syncIntervalMinutes
        self.statusMapping = statusMapping
        self.fulfillment = fulfillment
        self.status = status
        self.allowsReadOnly = allowsReadOnly
        self.pacing = pacing
        self.channel = channel
    }

    /// The settings a stored integration holds.
    public init(_ record: IntegrationRecord) throws {
        self.init(
            name: record.name, autoSync: record.autoSync, syncIntervalMinutes: record.syncIntervalMinutes,
            statusMapping: try record.statusMapping(), fulfillment: record.fulfillmentSettings,
            status: record.status, allowsReadOnly: record.allowsReadOnly, pacing: StorePacing(record),
            channel: ChannelSettings(record))
    }

    /// A new integration with these settings.
    func newIntegration(userID: Int64, platform: String, storeURL: String, at date: Date) throws -> NewIntegration {
        let (mapping, imported) = try statusMapping.storedJSON()
        return NewIntegration(
            userID: userID, platform: platform, storeURL: storeURL, name: name, autoSync: autoSync,
            syncIntervalMinutes: syncIntervalMinutes, status: status, statusMappingJSON: mapping,
            importStatusesJSON: imported, fulfillmentSettingsJSON: fulfillment.json, createdAt: date,
            allowsReadOnly: allowsReadOnly, maxConcurrency: pacing.maxConcurrency,
            maxRequestsPerSecond: pacing.maxRequestsPerSecond, channelSettingsJSON: channel.json)
    }

    /// Writes the settings into `record`'s columns.
    func write(to record: inout IntegrationRecord) throws {
        record.name = name
        record.autoSync = autoSync
        record.syncIntervalMinutes = syncIntervalMinutes
        try record.setStatusMapping(statusMapping)
        record.fulfillmentSettings = fulfillment
        record.status = status
        record.allowsReadOnly = allowsReadOnly
        record.maxConcurrency = pacing.maxConcurrency
        record.maxRequestsPerSecond = pacing.maxRequestsPerSecond
        record.channelSettingsJSON = channel.json
    }
}

/// A change to an integration's settings as a user asks for it: only the fields given change. Field names in
/// problems are the API's (`integration_name`, `fulfillment.tracking_note`).
public struct IntegrationSettingsChange: Sendable, Hashable {
    public var name: String?
    public var autoSync: Bool?
    public var syncIntervalMinutes: Int?
    /// The store statuses to import; `nil` keeps the current set.
    public var importStatuses: [String]?
    /// Store status → Logix status overrides; `nil` keeps the current ones, `[:]` removes them.
    public var inboundStatusMapping: [String: String]?
    /// Logix status → store status overrides; `nil` keeps the current ones, `[:]` removes them.
    public var outboundStatusMapping: [String: String]?
    /// `customer`, `private` or `none`.
    public var trackingNote: String?
    public var shipmentTrackingMeta: Bool?
    /// `active` or `inactive` (`error` is the scheduler's to set).
    public var status: String?
    /// Accept keys that may only read (`allow_read_only`).
    public var allowReadOnly: Bool?
    /// Requests in flight at most (`max_concurrency`, 1…32).
    public var maxConcurrency: Int?
    /// Requests a second at most (`max_requests_per_second`, 0.1…1000); 0 removes the cap.
    public var maxRequestsPerSecond: Double?
    /// Shopify: the location stock is set at, as its number or gid (`location_id`); `""` for the first active one.
    public var locationID: String?
    /// Shopify: the Admin API version to pin (`api_version`); `""` for this build's own.
    public var apiVersion: String?
    /// Shopify: import the shop's test orders too (`import_test_orders`).
    public var importTestOrders: Bool?

    public init(
        name: String? = nil, autoSync: Bool? = nil, syncIntervalMinutes: Int? = nil, importStatuses: [String]? = nil,
        inboundStatusMapping: [String: String]? = nil, outboundStatusMapping: [String: String]? = nil,
        trackingNote: String? = nil, shipmentTrackingMeta: Bool? = nil, status: String? = nil,
        allowReadOnly: Bool? = nil, maxConcurrency: Int? = nil, maxRequestsPerSecond: Double? = nil,
        locationID: String? = nil, apiVersion: String? = nil, importTestOrders: Bool? = nil
    ) {
        self.name = name
        self.autoSync = autoSync
        self.syncIntervalMinutes = syncIntervalMinutes
        self.importStatuses = importStatuses
        self.inboundStatusMapping = inboundStatusMapping
        self.outboundStatusMapping = outboundStatusMapping
        self.trackingNote = trackingNote
        self.shipmentTrackingMeta = shipmentTrackingMeta
        self.status = status
        self.allowReadOnly = allowReadOnly
        self.maxConcurrency = maxConcurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.locationID = locationID
        self.apiVersion = apiVersion
        self.importTestOrders = importTestOrders
    }

    /// `settings` of an integration on `platform` with this change applied, or ``SyncError/Kind/invalidFields``
    /// naming every field that is wrong. The status mapping names the platform's own store statuses.
    public func applied(
        to settings: IntegrationSettings, platform: ChannelPlatform = .wooCommerce
    ) throws -> IntegrationSettings {
        var result = settings
        var problems: [String: String] = [:]
        if let name {
            result.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if result.name.isEmpty || result.name.count > 200 {
            problems["integration_name"] = "required, 1 to 200 characters"
        }
        if let interval = syncIntervalMinutes {
            if (1...1440).contains(interval) {
                result.syncIntervalMinutes = interval
            } else {
                problems["sync_interval_minutes"] = "must be between 1 and 1440"
            }
        }
        if let autoSync { result.autoSync = autoSync }
        if let allowReadOnly { result.allowsReadOnly = allowReadOnly }
        if let maxConcurrency {
            if StorePacing.concurrencyRange.contains(maxConcurrency) {
                result.pacing.maxConcurrency = maxConcurrency
            } else {
                problems["max_concurrency"] = "must be between 1 and \(StorePacing.concurrencyRange.upperBound)"
            }
        }
        if let rate = maxRequestsPerSecond {
            if rate == 0 {
                result.pacing.maxRequestsPerSecond = nil
            } else if StorePacing.rateRange.contains(rate) {
                result.pacing.maxRequestsPerSecond = rate
            } else {
                problems["max_requests_per_second"] = "must be between 0.1 and 1000, or 0 for no limit"
            }
        }
        if let text = trackingNote {
            if let note = FulfillmentSettings.TrackingNote(rawValue: text) {
                result.fulfillment.trackingNote = note
            } else {
                problems["fulfillment.tracking_note"] = "one of customer, private, none"
            }
        }
        if let meta = shipmentTrackingMeta { result.fulfillment.shipmentTrackingMeta = meta }
        if let status {
            if let value = IntegrationRecord.Status(rawValue: status), value != .error {
                result.status = value
            } else {
                problems["status"] = "must be active or inactive"
            }
        }
        if platform == .shopify {
            applyShopifySettings(to: &result, problems: &problems)
        } else {
            for (field, given) in [
                ("location_id", locationID != nil), ("api_version", apiVersion != nil),
                ("import_test_orders", importTestOrders != nil),
            ] where given {
                problems[field] = "a Shopify setting: \(platform.rawValue) integrations have none"
            }
            if inboundStatusMapping != nil || outboundStatusMapping != nil || importStatuses != nil {
                let current = settings.statusMapping
                do {
                    result.statusMapping = try StatusMapping(
                        inbound: inboundStatusMapping
                            ?? Dictionary(
                                uniqueKeysWithValues: current.inboundOverrides.map {
                                    ($0.key.rawValue, $0.value.rawValue)
                                }),
                        outbound: outboundStatusMapping
                            ?? Dictionary(
                                uniqueKeysWithValues: current.outboundOverrides.map {
                                    ($0.key.rawValue, $0.value.rawValue)
                                }),
                        importedStatuses: importStatuses ?? current.importedStatuses.map { $0.map(\.rawValue) })
                } catch {
                    let onlyImport = inboundStatusMapping == nil && outboundStatusMapping == nil
                    problems[onlyImport ? "import_statuses" : "status_mapping"] = "\(error)"
                }
            }
        }
        guard problems.isEmpty else { throw SyncError.invalid(problems) }
        return result
    }
}

extension IntegrationSettingsChange {
    /// A Shopify integration's own settings, and its status mapping over Shopify's store statuses
    /// (``ShopifyStatusMapping``): the shop has no order status Logix could set, so there is nothing outbound.
    fileprivate func applyShopifySettings(to result: inout IntegrationSettings, problems: inout [String: String]) {
        if let text = locationID {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                result.channel.locationID = nil
            } else if let id = ChannelSettings.locationID(from: text) {
                result.channel.locationID = id
            } else {
                problems["location_id"] = "a location's number or gid://shopify/Location/… id"
            }
        }
        if let text = apiVersion?.trimmingCharacters(in: .whitespaces) {
            if text.isEmpty {
                result.channel.apiVersion = nil
            } else if ChannelSettings.isAPIVersion(text) {
                result.channel.apiVersion = text
            } else {
                problems["api_version"] =
                    "a Shopify API version such as 2026-04 (YYYY-01, -04, -07 or -10), or unstable"
            }
        }
        if let importTestOrders { result.channel.importsTestOrders = importTestOrders }
        let known = ShopifyStatusMapping.default.storeStatuses
        let names = known.sorted().joined(separator: ", ")
        if let outbound = outboundStatusMapping, !outbound.isEmpty {
            problems["status_mapping"] =
                "Shopify has no order status to set: shipments go back as fulfillments, so there is no outbound mapping"
        }
        if let inbound = inboundStatusMapping {
            var overrides: [String: OrderStatus] = [:]
            for (store, logix) in inbound.sorted(by: { $0.key < $1.key }) {
                let name = store.trimmingCharacters(in: .whitespaces).lowercased()
                guard known.contains(name) else {
                    problems["status_mapping"] = "\"\(store)\" is no Shopify store status; they are \(names)"
                    break
                }
                guard let status = OrderStatus(rawValue: logix.trimmingCharacters(in: .whitespaces)) else {
                    problems["status_mapping"] = "\"\(logix)\" is no Logix status"
                    break
                }
                overrides[name] = status
            }
            result.channel.statusOverrides = overrides
        }
        if let imported = importStatuses {
            let set = Set(imported.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            if set.isEmpty {
                problems["import_statuses"] = "at least one store status, or leave it out to import all"
            } else if let unknown = set.subtracting(known).sorted().first {
                problems["import_statuses"] = "\"\(unknown)\" is no Shopify store status; they are \(names)"
            } else {
                result.channel.importedStatuses = set == known ? nil : set
            }
        }
    }
}
