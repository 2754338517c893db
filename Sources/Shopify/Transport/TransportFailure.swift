import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Pacing

/// A transport-level failure sorted into what the retry policy and the error need to know.
struct TransportFailure {
    let failure: RetryPolicy.Failure
    let kind: ShopifyError.Kind
    /// False for failures waiting cannot heal (a bad URL, a certificate nobody trusts).
    let isRetryable: Bool
    let detail: String

    init(_ error: any Error) {
        detail = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                (failure, kind, isRetryable) = (.connect, .timeout, true)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                (failure, kind, isRetryable) = (.transport, .timeout, true)
            case .invalidURL, .emptyHost, .emptyScheme, .bodyLengthMismatch:
                (failure, kind, isRetryable) = (.transport, .invalidRequest, false)
            default:
                (failure, kind, isRetryable) = (.transport, .transport, true)
            }
        } else if error is NIOConnectionError {
            (failure, kind, isRetryable) = (.connect, .transport, true)
        } else if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            (failure, kind, isRetryable) = (.connect, .timeout, true)
        } else if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) {
            (failure, kind, isRetryable) = (.connect, .transport, true)
        } else {
            (failure, kind, isRetryable) = (.transport, .transport, true)
        }
    }
}
