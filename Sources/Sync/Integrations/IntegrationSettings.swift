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

    /// A new integration's settings before the user's choices: everything at its default, no name yet.
    public static let defaults = IntegrationSettings(
        name: "", autoSync: true, syncIntervalMinutes: 15, statusMapping: .default,
        fulfillment: FulfillmentSettings(), status: .active)

    public init(
        name: String, autoSync: Bool, syncIntervalMinutes: Int, statusMapping: StatusMapping,
        fulfillment: FulfillmentSettings, status: IntegrationRecord.Status, allowsReadOnly: Bool = false,
        pacing: StorePacing = StorePacing()
    ) {
        self.name = name
        self.autoSync = autoSync
        self.syncIntervalMinutes = syncIntervalMinutes
        self.statusMapping = statusMapping
        self.fulfillment = fulfillment
        self.status = status
        self.allowsReadOnly = allowsReadOnly
        self.pacing = pacing
    }

    /// The settings a stored integration holds.
    public init(_ record: IntegrationRecord) throws {
        self.init(
            name: record.name, autoSync: record.autoSync, syncIntervalMinutes: record.syncIntervalMinutes,
            statusMapping: try record.statusMapping(), fulfillment: record.fulfillmentSettings,
            status: record.status, allowsReadOnly: record.allowsReadOnly, pacing: StorePacing(record))
    }

    /// A new integration with these settings.
    func newIntegration(userID: Int64, platform: String, storeURL: String, at date: Date) throws -> NewIntegration {
        let (mapping, imported) = try statusMapping.storedJSON()
        return NewIntegration(
            userID: userID, platform: platform, storeURL: storeURL, name: name, autoSync: autoSync,
            syncIntervalMinutes: syncIntervalMinutes, status: status, statusMappingJSON: mapping,
            importStatusesJSON: imported, fulfillmentSettingsJSON: fulfillment.json, createdAt: date,
            allowsReadOnly: allowsReadOnly, maxConcurrency: pacing.maxConcurrency,
            maxRequestsPerSecond: pacing.maxRequestsPerSecond)
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

    public init(
        name: String? = nil, autoSync: Bool? = nil, syncIntervalMinutes: Int? = nil, importStatuses: [String]? = nil,
        inboundStatusMapping: [String: String]? = nil, outboundStatusMapping: [String: String]? = nil,
        trackingNote: String? = nil, shipmentTrackingMeta: Bool? = nil, status: String? = nil,
        allowReadOnly: Bool? = nil, maxConcurrency: Int? = nil, maxRequestsPerSecond: Double? = nil
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
    }

    /// `settings` with this change applied, or ``SyncError/Kind/invalidFields`` naming every field that is wrong.
    public func applied(to settings: IntegrationSettings) throws -> IntegrationSettings {
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
        if inboundStatusMapping != nil || outboundStatusMapping != nil || importStatuses != nil {
            let current = settings.statusMapping
            do {
                result.statusMapping = try StatusMapping(
                    inbound: inboundStatusMapping
                        ?? Dictionary(
                            uniqueKeysWithValues: current.inboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }),
                    outbound: outboundStatusMapping
                        ?? Dictionary(
                            uniqueKeysWithValues: current.outboundOverrides.map { ($0.key.rawValue, $0.value.rawValue) }
                        ),
                    importedStatuses: importStatuses ?? current.importedStatuses.map { $0.map(\.rawValue) })
            } catch {
                let onlyImport = inboundStatusMapping == nil && outboundStatusMapping == nil
                problems[onlyImport ? "import_statuses" : "status_mapping"] = "\(error)"
            }
        }
        guard problems.isEmpty else { throw SyncError.invalid(problems) }
        return result
    }
}
