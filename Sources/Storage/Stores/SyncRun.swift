import Foundation

/// One sync run as the `sync_logs` table records it: the audit trail of what ran, and while it runs, its
/// progress and the checkpoint it resumes from after a crash.
public struct SyncRun: Sendable, Hashable {
    /// What was synchronised.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case orders
        case products
        case stock
        case webhook
    }

    /// Where the run stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// In progress (or its process died: then ``SyncRun/leaseUntil`` runs out and another run resumes it).
        case running
        /// Stopped by an error or cancellation with its checkpoint intact; the next run with the same
        /// parameters resumes it.
        case interrupted
        case succeeded
        /// Stopped by an error that a retry would not cure (the store refused the credentials, say).
        case failed
        /// Superseded by a run with different parameters before it finished.
        case abandoned

        /// Whether a run in this state can still be resumed.
        public var isResumable: Bool { self == .running || self == .interrupted }
    }

    /// A run about to be started: what ``SyncLogRecords/start(_:on:)`` inserts.
    public struct New: Sendable, Hashable {
        public var integrationID: Int64
        public var kind: Kind
        public var mode: String
        public var state: State
        public var parametersJSON: String
        public var checkpointJSON: String?
        public var startedAt: Date
        public var finishedAt: Date?
        public var counts: SyncCounts
        public var leaseUntil: Date?

        public init(
            integrationID: Int64, kind: Kind, mode: String, state: State = .running, parametersJSON: String = "{}",
            checkpointJSON: String? = nil, startedAt: Date, finishedAt: Date? = nil, counts: SyncCounts = SyncCounts(),
            leaseUntil: Date? = nil
        ) {
            self.integrationID = integrationID
            self.kind = kind
            self.mode = mode
            self.state = state
            self.parametersJSON = parametersJSON
            self.checkpointJSON = checkpointJSON
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.counts = counts
            self.leaseUntil = leaseUntil
        }
    }

    /// The database's id: a run is only ever read from the database, so it always has one.
    public let id: Int64
    public var integrationID: Int64
    public var kind: Kind
    /// The run's mode as its owner names it (`full`, `incremental`).
    public var mode: String
    public var state: State
    /// The run's parameters (filters) as JSON text: a resumed run must ask the same question.
    public var parametersJSON: String
    /// Where to resume, as JSON text its owner defines; `nil` before the first page committed.
    public var checkpointJSON: String?
    public var startedAt: Date
    public var finishedAt: Date?
    public var pagesDone: Int
    public var totalPages: Int?
    public var counts: SyncCounts
    /// Run-level errors (what stopped it); per-order problems are ``SyncLogEntry`` rows.
    public var errors: [String]
    /// Until when the running process holds the run; past it, the run is free to resume.
    public var leaseUntil: Date?

    public init(
        id: Int64, integrationID: Int64, kind: Kind, mode: String, state: State = .running,
        parametersJSON: String = "{}", checkpointJSON: String? = nil, startedAt: Date, finishedAt: Date? = nil,
        pagesDone: Int = 0, totalPages: Int? = nil, counts: SyncCounts = SyncCounts(), errors: [String] = [],
        leaseUntil: Date? = nil
    ) {
        self.id = id
        self.integrationID = integrationID
        self.kind = kind
        self.mode = mode
        self.state = state
        self.parametersJSON = parametersJSON
        self.checkpointJSON = checkpointJSON
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pagesDone = pagesDone
        self.totalPages = totalPages
        self.counts = counts
        self.errors = errors
        self.leaseUntil = leaseUntil
    }
}

/// How many records a run saw, by what became of them.
public struct SyncCounts: Sendable, Hashable, Codable {
    /// Every record the store sent.
    public var total: Int
    public var created: Int
    public var updated: Int
    /// Same or older data than Logix holds: nothing changed.
    public var unchanged: Int
    /// Stored with a review flag (a store edit after picking started, a status Logix cannot follow).
    public var flagged: Int
    /// Left out by the integration's policy (a draft, a status not imported).
    public var skipped: Int
    /// Bad data: not imported, see the run's entries.
    public var failed: Int

    public init(
        total: Int = 0, created: Int = 0, updated: Int = 0, unchanged: Int = 0, flagged: Int = 0, skipped: Int = 0,
        failed: Int = 0
    ) {
        self.total = total
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.flagged = flagged
        self.skipped = skipped
        self.failed = failed
    }

    /// Records written: created, updated or flagged.
    public var synced: Int { created + updated + flagged }

    public static func + (lhs: SyncCounts, rhs: SyncCounts) -> SyncCounts {
        SyncCounts(
            total: lhs.total + rhs.total, created: lhs.created + rhs.created, updated: lhs.updated + rhs.updated,
            unchanged: lhs.unchanged + rhs.unchanged, flagged: lhs.flagged + rhs.flagged,
            skipped: lhs.skipped + rhs.skipped, failed: lhs.failed + rhs.failed)
    }

    public static func += (lhs: inout SyncCounts, rhs: SyncCounts) { lhs = lhs + rhs }
}

/// One record a run skipped, could not import, or stored with a review flag, with why.
public struct SyncLogEntry: Sendable, Hashable, Codable {
    public enum Disposition: String, Sendable, Hashable, Codable {
        case skipped
        case failed
        /// Stored, but flagged for review (the message carries the diff).
        case flagged
    }

    /// The store's id of the record (an order id).
    public var externalID: Int64
    public var disposition: Disposition
    /// A stable machine-readable reason, e.g. `status_not_imported`.
    public var code: String
    public var message: String

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id"
        case disposition, code, message
    }

    public init(externalID: Int64, disposition: Disposition, code: String, message: String) {
        self.externalID = externalID
        self.disposition = disposition
        self.code = code
        self.message = message
    }
}
