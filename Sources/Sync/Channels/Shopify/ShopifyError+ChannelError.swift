import Shopify

/// Shopify's errors read by the engines as the seam's ``ChannelFailure``: the client already judges what may
/// heal (throttling, 429, 5xx, transport) and what cannot (a refused token, a frozen shop, a query or
/// mutation Shopify refused as written), so that judgement is passed on.
extension ShopifyError: ChannelError {
    public var channelFailure: ChannelFailure {
        let channelKind: ChannelFailure.Kind =
            switch kind {
            case .transport, .timeout: .unreachable
            case .invalidRequest, .invalidConfiguration, .decoding: .local
            default: .answered
            }
        let platformCode = codes.first
        return ChannelFailure(
            platform: .shopify, kind: channelKind, status: status, platformCode: platformCode, retryAfter: retryAfter,
            isPermanent: isPermanent, isNotFound: status == 404 || codes.contains("NOT_FOUND"),
            code: platformCode ?? status.map { "http_\($0)" } ?? "shopify_\(kind)",
            isWritePermissionRefused: codes.contains("ACCESS_DENIED"))
    }
}
