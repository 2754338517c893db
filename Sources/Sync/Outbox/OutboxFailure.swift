import Pacing
import WooCommerce

/// A failed send sorted into what settling it needs: may it heal, how long the store asked to wait, what to
/// record (safe to show: store, endpoint, the platform's code and message — never a secret), and what it says
/// about the store's health.
struct OutboxFailure: Sendable {
    /// What the failure tells the store's circuit breaker.
    enum BreakerEvent: Sendable {
        /// The store is unwell (5xx, 429, timeout, no connection).
        case failure
        /// The store answered; it just refused this request.
        case success
        /// Nothing about the store (our own failure).
        case none
    }

    var isRetryable: Bool
    var retryAfter: Duration?
    var message: String
    var breakerEvent: BreakerEvent
    /// The store's code when it refused the write for want of permission (the keys may only read).
    var writePermissionRefusal: String?

    init(_ error: any Error, policy: RetryPolicy) {
        message = String(describing: error)
        retryAfter = nil
        writePermissionRefusal = nil
        if let error = error as? any ChannelError {
            let failure = error.channelFailure
            retryAfter = failure.retryAfter
            if failure.isWritePermissionRefused { writePermissionRefusal = failure.code }
            // Every outbox request may be sent again: absolute values, and a note that may have been added is
            // looked for before it is sent again (``OutboxSender``). So whatever is not permanent is worth
            // another try.
            isRetryable = !failure.isPermanent
            switch failure.kind {
            case .answered: breakerEvent = isRetryable ? .failure : .success
            case .unreachable: breakerEvent = .failure
            default: breakerEvent = .none  // our side, or an unreadable answer: the same again
            }
        } else if error is OutboxError {
            isRetryable = false
            breakerEvent = .none
        } else {
            // Our side (database, vault): worth another try later; not the store's fault.
            isRetryable = true
            breakerEvent = .none
        }
    }

    /// One item of a batch the store took but refused (WooCommerce: 200 with `{id, error}`).
    init(refusal: ChannelItemRefusal, policy: RetryPolicy) {
        message = refusal.description
        retryAfter = nil
        writePermissionRefusal = nil
        isRetryable = refusal.status.map { policy.isRetryable(.status($0), idempotent: true) } ?? false
        breakerEvent = .none
    }
}
