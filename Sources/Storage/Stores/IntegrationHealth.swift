import Foundation

/// How an integration's background work is going: when a job last succeeded, the last failure with the
/// store's own error code, and the state of its webhooks. Never holds a secret.
public struct IntegrationHealth: Sendable, Hashable {
    /// A job's failure as recorded.
    public struct Failure: Sendable, Hashable {
        /// A stable code: the platform's own (a store's authentication error, say) or Logix's.
        public var code: String
        /// A readable account, safe to show (errors never carry secrets).
        public var message: String
        public var at: Date

        public init(code: String, message: String, at: Date) {
            self.code = code
            self.message = message
            self.at = at
        }
    }

    public var integrationID: Int64
    public var lastSuccessAt: Date?
    public var lastError: Failure?
    /// The last webhook health check's findings; `nil` before the first check.
    public var webhooks: WebhookHealth?
    /// The store's refusal of a write for want of permission (a read-only key), until a write succeeds: every
    /// write to the store fails meanwhile, however well the imports go.
    public var writesRefused: Failure?

    public init(
        integrationID: Int64, lastSuccessAt: Date? = nil, lastError: Failure? = nil, webhooks: WebhookHealth? = nil,
        writesRefused: Failure? = nil
    ) {
        self.integrationID = integrationID
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.webhooks = webhooks
        self.writesRefused = writesRefused
    }

    /// When the webhooks were last checked.
    public var webhooksCheckedAt: Date? { webhooks?.checkedAt }

    /// Whether the last job failed after the last success, or the store refuses writes.
    public var isFailing: Bool {
        if writesRefused != nil { return true }
        guard let lastError else { return false }
        return lastSuccessAt.map { lastError.at >= $0 } ?? true
    }
}
