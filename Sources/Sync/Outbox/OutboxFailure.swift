import WooCommerce

/// A failed send sorted into what settling it needs: may it heal, how long the store asked to wait, what to
/// record (safe to show: store, endpoint, WooCommerce's code and message — never a secret), and what it says
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

    init(_ error: any Error, policy: RetryPolicy) {
        message = String(describing: error)
        retryAfter = nil
        if let error = error as? WooCommerceError {
            retryAfter = error.retryAfter
            switch error.kind {
            case .http:
                // Every outbox request may be sent again: absolute values, and a note the store refused with
                // 5xx was not added.
                isRetryable = policy.isRetryable(.status(error.status ?? 0), idempotent: true)
                breakerEvent = isRetryable ? .failure : .success
            case .transport, .timeout:
                isRetryable = true
                breakerEvent = .failure
            default:
                // Decoding, invalid request or configuration: sending again gives the same answer.
                isRetryable = false
                breakerEvent = .none
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

    /// One item of a batch the store answered with 200 but refused (`{id, error}`).
    init(batchItem id: Int, error: WooErrorBody, store: String, path: String, policy: RetryPolicy) {
        var text = "WooCommerce item error from \(store): POST \(path) item \(id)"
        if let status = error.status { text += " → HTTP \(status)" }
        text += " [\(error.code)] \(error.message)"
        message = text
        retryAfter = nil
        isRetryable = error.status.map { policy.isRetryable(.status($0), idempotent: true) } ?? false
        breakerEvent = .none
    }
}
