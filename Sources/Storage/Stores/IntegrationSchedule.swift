import Foundation

/// When an integration's background jobs are next due, and which scheduler holds it meanwhile.
public struct IntegrationSchedule: Sendable, Hashable {
    public var integrationID: Int64
    /// The next incremental order sync.
    public var nextSyncAt: Date?
    /// The next reconciliation of open orders.
    public var nextReconcileAt: Date?
    /// The next webhook health check.
    public var nextWebhookCheckAt: Date?
    /// The scheduler process holding the integration, until ``leaseUntil``.
    public var leaseOwner: String?
    public var leaseUntil: Date?

    public init(
        integrationID: Int64, nextSyncAt: Date? = nil, nextReconcileAt: Date? = nil,
        nextWebhookCheckAt: Date? = nil, leaseOwner: String? = nil, leaseUntil: Date? = nil
    ) {
        self.integrationID = integrationID
        self.nextSyncAt = nextSyncAt
        self.nextReconcileAt = nextReconcileAt
        self.nextWebhookCheckAt = nextWebhookCheckAt
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
    }

    /// Whether any job is due at `now`.
    public func isDue(at now: Date) -> Bool {
        [nextSyncAt, nextReconcileAt, nextWebhookCheckAt].contains { $0.map { $0 <= now } ?? false }
    }
}
