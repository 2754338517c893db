import Pacing
import WooCommerce

/// WooCommerce's errors read by the engines as the seam's ``ChannelFailure``, judged as the outbox and the
/// scheduler always have: an HTTP answer may heal when it is 408, 429 or a 5xx other than 501; a lost
/// connection or a timeout may heal; an unreadable answer or a request refused locally never does.
extension WooCommerceError: ChannelError {
    public var channelFailure: ChannelFailure {
        let channelKind: ChannelFailure.Kind
        let isPermanent: Bool
        switch kind {
        case .http:
            channelKind = .answered
            isPermanent = !RetryPolicy.default.isRetryable(.status(status ?? 0), idempotent: true)
        case .transport, .timeout:
            channelKind = .unreachable
            isPermanent = false
        default:
            channelKind = .local
            isPermanent = true
        }
        return ChannelFailure(
            platform: .wooCommerce, kind: channelKind, status: status, platformCode: wooCode, retryAfter: retryAfter,
            isPermanent: isPermanent, isNotFound: isNotFound,
            code: wooCode ?? status.map { "http_\($0)" } ?? "store_\(kind)",
            isWritePermissionRefused: isMissingWritePermission)
    }
}
