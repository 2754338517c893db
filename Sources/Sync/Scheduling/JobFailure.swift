import Storage

/// How a failed job is recorded in an integration's health: a stable code — the platform's own when the
/// store answered (``ChannelFailure/code``) — and the error's description, which by construction never holds a
/// secret.
struct JobFailure: Sendable, Hashable {
    var code: String
    var message: String

    init(_ error: any Error) {
        switch error {
        case let error as any ChannelError:
            code = error.channelFailure.code
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
