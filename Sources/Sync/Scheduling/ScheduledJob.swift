import Foundation

/// A kind of background job the ``SyncScheduler`` runs for an integration.
public enum ScheduledJob: String, Sendable, Hashable, CaseIterable, Codable {
    /// The incremental order sync.
    case sync
    /// The reconciliation of open orders (``OrderReconciler``).
    case reconcile
    /// The webhook health check (``WebhookHealthCheck``), with its backfill.
    case webhookCheck = "webhook_check"
}

/// What became of one job in a scheduler pass.
public struct ScheduledJobOutcome: Sendable, Hashable {
    /// How it ended.
    public enum Result: Sendable, Hashable {
        case succeeded
        /// Another run of the integration's orders (an API-started sync, say) held it: tried again later.
        case busy
        /// Failed with this code (the store's own when it answered); recorded in the integration's health.
        case failed(code: String)
        /// The store's circuit breaker is open (its recent calls failed): not contacted, due again when the
        /// breaker lets a probe through.
        case breakerOpen(until: Date)
    }

    public var integrationID: Int64
    public var job: ScheduledJob
    public var result: Result

    public init(integrationID: Int64, job: ScheduledJob, result: Result) {
        self.integrationID = integrationID
        self.job = job
        self.result = result
    }
}

/// One job a scheduler ran: when it was due, when it started and ended, how it ended.
public struct ScheduledJobRun: Sendable, Hashable {
    public var integrationID: Int64
    public var job: ScheduledJob
    public var dueAt: Date
    public var startedAt: Date
    public var finishedAt: Date
    public var result: ScheduledJobOutcome.Result

    public init(
        integrationID: Int64, job: ScheduledJob, dueAt: Date, startedAt: Date, finishedAt: Date,
        result: ScheduledJobOutcome.Result
    ) {
        self.integrationID = integrationID
        self.job = job
        self.dueAt = dueAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
    }

    /// How long after its due time the job started (never negative).
    public var lateness: TimeInterval { max(0, startedAt.timeIntervalSince(dueAt)) }
}
