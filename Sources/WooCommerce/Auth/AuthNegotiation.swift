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
        case probingBasic
        /// https under `auto`: proven that the query string works (the host strips `Authorization`).
        case settled(WooAuthenticationMode)
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
            state = isHTTPS ? .probingBasic : .fixed(.oauth1)
        default:
            state = .fixed(configured)
        }
    }

    /// The mode for the next request.
    var currentMode: WooAuthenticationMode {
        switch state {
        case .fixed(let mode), .settled(let mode): return mode
        case .probingBasic: return .basic
        }
    }

    /// The mode that last worked, if the negotiation has learnt one.
    var provenMode: WooAuthenticationMode? {
        switch state {
        case .fixed(let mode), .settled(let mode): return mode
        case .probingBasic: return nil
        }
    }

    /// Records a successful request made with `mode`.
    mutating func succeeded(with mode: WooAuthenticationMode) {
        if case .probingBasic = state, mode == .queryString {
            state = .settled(.queryString)
        }
    }

    /// Decides what to do when a request made with `mode` was refused with `status` and WooCommerce `code`.
    mutating func refused(with mode: WooAuthenticationMode, status: Int, code: String?) -> Reaction {
        guard case .probingBasic = state, status == 401, code == "woocommerce_rest_cannot_view" else {
            return .fail
        }
        switch mode {
        case .basic: return .retry(with: .queryString)
        default: return .fail
        }
    }
}
