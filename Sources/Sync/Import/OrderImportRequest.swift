import Foundation
import WooCommerce

/// What an order sync should read from the store.
public struct OrderImportRequest: Sendable, Hashable, Codable {
    /// How much to read.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every order (optionally filtered): the first sync, or a repair.
        case full
        /// Orders modified since the integration's cursor, less an overlap; a full read when there is no cursor.
        case incremental
    }

    public var mode: Mode
    /// Only orders in these store statuses; `nil` for all.
    public var statuses: [WooOrderStatus]?
    /// Only orders created after / before these dates.
    public var createdAfter: Date?
    public var createdBefore: Date?

    public init(
        mode: Mode, statuses: [WooOrderStatus]? = nil, createdAfter: Date? = nil, createdBefore: Date? = nil
    ) {
        self.mode = mode
        self.statuses = statuses
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
    }

    public static let full = OrderImportRequest(mode: .full)
    public static let incremental = OrderImportRequest(mode: .incremental)

    /// The earliest creation date a filter may name (2000-01-01, before WooCommerce existed): an earlier one is
    /// a mistake, and the store refuses dates it cannot represent with a 400 that would interrupt the run.
    public static let earliestDate = Date(timeIntervalSince1970: 946_684_800)
    /// How far past `now` a filter date may lie: stores' clocks and time zones differ by up to a day.
    public static let futureSlack: TimeInterval = 86_400

    /// The request a user asked for, checked before anything is sent to the store or recorded: every status
    /// must be one of `knownStatuses` (the channel's, ``SalesChannel/orderStatuses``), the dates must lie
    /// between ``earliestDate`` and `now` + ``futureSlack``, and `before` must be later than `after`.
    ///
    /// - Throws: ``SyncError`` `.invalidFields`, naming each wrong field (`statuses`, `after`, `before`).
    public static func checked(
        mode: Mode, statuses: [String]?, after: Date?, before: Date?, knownStatuses: Set<String>, now: Date
    ) throws -> OrderImportRequest {
        var fields: [String: String] = [:]
        var parsed: [WooOrderStatus]?
        if let statuses {
            let named = statuses.map { WooOrderStatus(rawValue: $0) }
            let unknown = named.filter { !knownStatuses.contains($0.rawValue) }
            if statuses.isEmpty {
                fields["statuses"] = "name at least one store status, or leave statuses out for all"
            } else if !unknown.isEmpty {
                // Names are cut short: a 5,000-character "status" is echoed as its start, not whole.
                let shown = unknown.prefix(3).map { "\"\($0.rawValue.prefix(40))\"" }.joined(separator: ", ")
                fields["statuses"] =
                    "unknown store status \(shown); known: \(knownStatuses.sorted().joined(separator: ", "))"
            }
            var seen: Set<WooOrderStatus> = []
            parsed = named.filter { seen.insert($0).inserted }
        }
        let latest = now.addingTimeInterval(futureSlack)
        let bounds = "must lie between 2000-01-01 and a day from now"
        for (field, date) in [("after", after), ("before", before)] {
            guard let date else { continue }
            if date < earliestDate || date > latest { fields[field] = bounds }
        }
        if let after, let before, fields["after"] == nil, fields["before"] == nil, before <= after {
            // Both bounds are strict at the store, so equal dates would select nothing.
            fields["before"] = "must be later than after"
        }
        guard fields.isEmpty else { throw SyncError.invalid(fields) }
        return OrderImportRequest(mode: mode, statuses: parsed, createdAfter: after, createdBefore: before)
    }

    /// Whether the request reads every order modified in its window. Only such a run may move the cursor:
    /// after a filtered one, orders outside the filter may still be missing.
    public var coversEveryOrder: Bool {
        statuses == nil && createdAfter == nil && createdBefore == nil
    }

    /// The request as stored with its run, with the page size: a resumed run must ask the same question and
    /// cut the answer into the same pages, or its page checkpoint would point elsewhere.
    func parametersJSON(perPage: Int) -> String {
        struct Stored: Encodable {
            var request: OrderImportRequest
            var perPage: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try? encoder.encode(Stored(request: self, perPage: perPage))
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Where an interrupted order sync resumes: the window it reads and what it has learnt so far. Stored with
/// the run and rewritten in every page's transaction.
struct OrderImportCheckpoint: Sendable, Hashable, Codable {
    /// The `modified_after` the run reads from (cursor − overlap), fixed for the whole run.
    var since: Date?
    /// The store's clock when the run's first page was answered: every order modified up to then was in the
    /// listing when its page was read.
    var storeStartedAt: Date?
    /// The newest `date_modified_gmt` among the orders of the committed pages.
    var newestModified: Date?
    /// The channel's continuation after the last committed page, for platforms that page by cursor
    /// (``ChannelPosition/token``); absent for WooCommerce, whose pages are counted.
    var position: String?

    /// The cursor a complete run may set: nothing modified up to it can have been missed. The store's start
    /// time bounds it (orders changed after their page was read are newer than that), and so does the newest
    /// version seen, so that a clock the store does not send never pushes the cursor past what was read.
    var completedCursor: Date? {
        switch (storeStartedAt, newestModified) {
        case (let start?, let newest?): min(start, newest)
        case (let start?, nil): start
        case (nil, let newest?): newest
        case (nil, nil): nil
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    init(since: Date?, storeStartedAt: Date? = nil, newestModified: Date? = nil, position: String? = nil) {
        self.since = since
        self.storeStartedAt = storeStartedAt
        self.newestModified = newestModified
        self.position = position
    }

    init?(json: String?) {
        guard let json else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let decoded = try? decoder.decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }
}
