/// An error from the persistence layer: which operation failed and why, never a password or secret.
///
/// A struct around a private code (like AsyncHTTPClient's `HTTPClientError`) so kinds can be added later.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case invalidLocation = "invalid_location"
            case connectionFailed = "connection_failed"
            case schemaTooNew = "schema_too_new"
            case migrationFailed = "migration_failed"
            case notFound = "not_found"
            case conflict
            case query
        }
        fileprivate let code: Code

        /// The database URL or path is unusable.
        public static let invalidLocation = Kind(code: .invalidLocation)
        /// The database server could not be reached, or refused the connection (TLS, authentication).
        public static let connectionFailed = Kind(code: .connectionFailed)
        /// The database was migrated by a newer binary; this one refuses to run on it.
        public static let schemaTooNew = Kind(code: .schemaTooNew)
        /// A migration failed; it was rolled back.
        public static let migrationFailed = Kind(code: .migrationFailed)
        /// The record does not exist.
        public static let notFound = Kind(code: .notFound)
        /// The write would break a uniqueness rule (e.g. an email already taken).
        public static let conflict = Kind(code: .conflict)
        /// The database refused a query.
        public static let query = Kind(code: .query)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// A readable account, safe to log.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "storage \(kind): \(message)" }
}
