import Storage
import WooCommerce

/// How a failed job is recorded in an integration's health: a stable code — WooCommerce's own when the
/// store answered — and the error's description, which by construction never holds a secret.
struct JobFailure: Sendable, Hashable {
    var code: String
    var message: String

    init(_ error: any Error) {
        switch error {
        case let error as WooCommerceError:
            code = error.wooCode ?? error.status.map { "http_\($0)" } ?? "store_\(error.kind)"
        case let error as SyncError:
            code = "sync_\(error.kind)"
        case let error as StorageError:
            code = "storage_\(error.kind)"
        case let error as VaultError:
            code = "vault_\(error.kind)"
        default:
            code = "internal_error"
        }
        message = String(describing: error)
    }
}
