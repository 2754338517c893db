/// The one error shape of the use cases in `Sync`: what the API and the dashboard translate into a status
/// and a body. Errors of the store (`WooCommerceError`), the database (`StorageError`) and the domain
/// (`FulfillmentError`) pass through unchanged, so a caller can tell "the store failed" (502) from "the
/// request was wrong" (4xx) from "Logix failed" (500).
///
/// A struct around a private code (like `StorageError`) so kinds can be added without breaking callers.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; compare with `==` against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case alreadyRunning = "already_running"
            case integrationNotFound = "integration_not_found"
            case invalidRequest = "invalid_request"
            case notFound = "not_found"
            case invalidFields = "invalid_fields"
            case conflict
            case storeRefusedCredentials = "store_refused_credentials"
            case unauthenticated
            case unsupportedPlatform = "unsupported_platform"
        }
        fileprivate let code: Code

        /// Another process holds a run of the same kind for this integration (its lease has not run out).
        public static let alreadyRunning = Kind(code: .alreadyRunning)
        /// The integration does not exist (or was deleted while the run started).
        public static let integrationNotFound = Kind(code: .integrationNotFound)
        /// The request contradicts itself (e.g. `createdAfter` later than `createdBefore`).
        public static let invalidRequest = Kind(code: .invalidRequest)
        /// The thing asked for does not exist for this user (another user's looks exactly the same).
        public static let notFound = Kind(code: .notFound)
        /// Fields of the request are wrong: ``SyncError/fields`` says which and why. Nothing was changed.
        public static let invalidFields = Kind(code: .invalidFields)
        /// The request is well formed but the thing is not in a state to take it (``SyncError/fields`` holds
        /// the facts, e.g. `current_status`).
        public static let conflict = Kind(code: .conflict)
        /// The store refused the credentials (``SyncError/code`` is the store's own code).
        public static let storeRefusedCredentials = Kind(code: .storeRefusedCredentials)
        /// The caller could not be trusted: an unknown integration, a signature that does not match
        /// (``SyncError/code`` says which).
        public static let unauthenticated = Kind(code: .unauthenticated)
        /// The integration's platform has no sales channel in this build.
        public static let unsupportedPlatform = Kind(code: .unsupportedPlatform)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// The integration concerned, when there is one.
    public let integrationID: Int64?
    /// A readable account, safe to show and log: never a secret.
    public let message: String
    /// A stable machine-readable code where the kind alone is too coarse (`illegal_transition`, the store's
    /// `woocommerce_rest_authentication_error`).
    public let code: String?
    /// Per-field problems for ``Kind/invalidFields``; the facts of a ``Kind/conflict``.
    public let fields: [String: String]

    init(
        _ kind: Kind, integrationID: Int64? = nil, _ message: String, code: String? = nil,
        fields: [String: String] = [:]
    ) {
        self.kind = kind
        self.integrationID = integrationID
        self.message = message
        self.code = code
        self.fields = fields
    }

    /// A missing thing, named as the user knows it (`integration`, `order`, `sku`, `outbox item`).
    static func notFound(_ what: String) -> SyncError { SyncError(.notFound, "\(what) not found", code: what) }

    /// Fields that are wrong; nothing was changed.
    static func invalid(_ fields: [String: String]) -> SyncError {
        SyncError(
            .invalidFields, "invalid fields: " + fields.keys.sorted().joined(separator: ", "), fields: fields)
    }

    public var description: String {
        let scope = integrationID.map { " (integration \($0))" } ?? ""
        return "sync \(kind)\(scope): \(message)"
    }
}
