import Foundation

/// When and how long to wait before trying a failed request again.
///
/// Exponential back-off with full jitter (`random(0, min(cap, base · 2^attempt))`, as in AWS's "Exponential
/// Backoff and Jitter"), honouring a store's `Retry-After` up to `maximumRetryAfter`. Only failures that may
/// heal are retried — connect errors, timeouts, dropped connections, 429 and 5xx — and, apart from connect
/// errors (nothing was sent), only for idempotent requests: retrying a `POST` that may have been applied would
/// add a second note or a second webhook.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 disables retries.
    public var maximumAttempts: Int
    /// The back-off for the first retry before jitter.
    public var baseDelay: Duration
    /// The largest back-off before jitter.
    public var maximumDelay: Duration
    /// The longest `Retry-After` honoured; a store asking for more fails the request instead of stalling it.
    public var maximumRetryAfter: Duration

    public init(
        maximumAttempts: Int = 5,
        baseDelay: Duration = .milliseconds(200),
        maximumDelay: Duration = .seconds(10),
        maximumRetryAfter: Duration = .seconds(120)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The default policy: 5 attempts, 200 ms base, 10 s cap, `Retry-After` honoured up to 2 minutes.
    public static let `default` = RetryPolicy()
    /// Never retry.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// What failed, as far as the retry decision cares.
    public enum Failure: Sendable, Hashable {
        /// The connection could not be established; the request was never sent.
        case connect
        /// The request was sent (or may have been) but no complete answer arrived: timeout or dropped connection.
        case transport
        /// The store answered with this status.
        case status(Int)
    }

    /// Whether this failure of this request may be tried again (ignoring the attempt count).
    public func isRetryable(_ failure: Failure, idempotent: Bool) -> Bool {
        switch failure {
        case .connect:
            return true
        case .transport:
            return idempotent
        case .status(let status):
            return idempotent && (status == 429 || status == 408 || (500...599).contains(status) && status != 501)
        }
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), or `nil` to give up.
    ///
    /// - Parameters:
    ///   - retryAfter: the store's `Retry-After`, already converted to a duration, if it sent one.
    ///   - random: a number in `0..<1`; injectable so tests are deterministic.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maximumRetryAfter ? max(retryAfter, .zero) : nil
        }
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maximumDelay, baseDelay * (1 << exponent))
        return ceiling * min(max(random, 0), 1)
    }
}

/// Parses an HTTP `Retry-After` value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// The wait the value asks for, measured from `now`; `nil` if it is unparseable. Dates in the past give zero.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) {
            return .seconds(max(0, seconds))
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        let interval = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((interval * 1000).rounded(.up)))
    }
}
