/// Which authentication mode to use next, and what to do when the store refuses it — a pure state machine,
/// no I/O, so the `auto` rules can be tested on their own.
///
/// Over http only OAuth 1.0a works. Over https the client starts with Basic; a store that answers a request
/// that carried Basic credentials with 401 `woocommerce_rest_cannot_view` ran the request anonymously, which
/// on a real host means the `Authorization` header was stripped before WordPress saw it (or the key is
/// unknown). The machine then tries the query string once; if that succeeds it is remembered for every later
/// request, if it fails the same way the key itself is wrong and Basic stays the first choice.
struct AuthNegotiation: Sendable, Hashable {
    enum State: Sendable, Hashable {
        /// A fixed mode the caller chose, or http's only option.
        case fixed(WooAuthenticationMode)
        /// https under `auto`: nothing proven yet, try Basic first.
        case probing
        /// https under `auto`: this mode has worked.
        case proven(WooAuthenticationMode)
    }

    /// What the caller should do after a refusal.
    enum Reaction: Sendable, Hashable {
        /// Give up: the error is the store's real answer.
        case fail
        /// Send the same request again with this mode (does not count as a retry).
        case retry(with: WooAuthenticationMode)
    }

    private(set) var state: State

    init(configured: WooAuthenticationMode, isHTTPS: Bool) {
        switch configured {
        case .auto:
            state = isHTTPS ? .probing : .fixed(.oauth1)
        default:
            state = .fixed(configured)
        }
    }

    /// The mode for the next request.
    var currentMode: WooAuthenticationMode {
        switch state {
        case .fixed(let mode), .proven(let mode): return mode
        case .probing: return .basic
        }
    }

    /// The mode that has worked, if one has (or the only one there is).
    var provenMode: WooAuthenticationMode? {
        switch state {
        case .proven(let mode): return mode
        case .fixed, .probing: return nil
        }
    }

    /// Records a successful request made with `mode`.
    mutating func succeeded(with mode: WooAuthenticationMode) {
        switch state {
        case .probing, .proven: state = .proven(mode)
        case .fixed: break
        }
    }

    /// Decides what to do when a request made with `mode` was refused with `status` and WooCommerce `code`.
    ///
    /// Under `auto` on https a Basic request refused as anonymous is retried with the query string — also
    /// after Basic has worked before, since a host's proxy configuration can change under a running client.
    mutating func refused(with mode: WooAuthenticationMode, status: Int, code: String?) -> Reaction {
        guard case .fixed = state else {
            if mode == .basic, status == 401, code == "woocommerce_rest_cannot_view" {
                return .retry(with: .queryString)
            }
            return .fail
        }
        return .fail
    }
}
