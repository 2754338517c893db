/// An error of the sync service itself. Errors of the store (`WooCommerceError`) and of the database
/// (`StorageError`) pass through unchanged, so a caller can tell "the store failed" (502) from "Logix failed".
///
/// A struct around a private code (like `StorageError`) so kinds can be added without breaking callers.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; compare with `==` against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case alreadyRunning
            case integrationNotFound
            case invalidRequest
            case unsupportedPlatform
        }
        fileprivate let code: Code

        /// Another process holds a run of the same kind for this integration (its lease has not run out).
        public static let alreadyRunning = Kind(code: .alreadyRunning)
        /// The integration does not exist (or was deleted while the run started).
        public static let integrationNotFound = Kind(code: .integrationNotFound)
        /// The request contradicts itself (e.g. `createdAfter` later than `createdBefore`).
        public static let invalidRequest = Kind(code: .invalidRequest)
        /// The integration's platform has no sales channel in this build.
        public static let unsupportedPlatform = Kind(code: .unsupportedPlatform)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// The integration concerned.
    public let integrationID: Int64
    /// A readable account, safe to log.
    public let message: String

    init(_ kind: Kind, integrationID: Int64, _ message: String) {
        self.kind = kind
        self.integrationID = integrationID
        self.message = message
    }

    public var description: String { "sync \(kind) (integration \(integrationID)): \(message)" }
}
