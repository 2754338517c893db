/// An error from the credential vault: what failed and why, never a key, a secret or a ciphertext.
///
/// A struct around a private code (like `StorageError`) so kinds can be added without breaking callers that
/// switch on them.
public struct VaultError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly; compare with `==` against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case invalidMasterKey = "invalid_master_key"
            case insecureKeyFile = "insecure_key_file"
            case keyFile = "key_file"
            case keyRingReadOnly = "key_ring_read_only"
            case malformedSecret = "malformed_secret"
            case unsupportedVersion = "unsupported_version"
            case unknownKey = "unknown_key"
            case authenticationFailed = "authentication_failed"
            case invalidRotation = "invalid_rotation"
        }
        fileprivate let code: Code

        /// A master key from the environment is not base64 of exactly 32 bytes.
        public static let invalidMasterKey = Kind(code: .invalidMasterKey)
        /// The key file may be read or written by group or others; the vault refuses to use it.
        public static let insecureKeyFile = Kind(code: .insecureKeyFile)
        /// The key file could not be created, read, parsed or replaced.
        public static let keyFile = Kind(code: .keyFile)
        /// The keys come from the environment, so the vault cannot store a new key ring itself.
        public static let keyRingReadOnly = Kind(code: .keyRingReadOnly)
        /// A stored value is not a sealed secret (wrong shape, bad base64, too short).
        public static let malformedSecret = Kind(code: .malformedSecret)
        /// A sealed secret uses a format version this binary does not know.
        public static let unsupportedVersion = Kind(code: .unsupportedVersion)
        /// A sealed secret names a key that is not (or no longer) in the key ring.
        public static let unknownKey = Kind(code: .unknownKey)
        /// Decryption failed: the ciphertext was altered, copied to another field or row, or the key is wrong.
        public static let authenticationFailed = Kind(code: .authenticationFailed)
        /// A key-ring change that would lose data, such as retiring the current key.
        public static let invalidRotation = Kind(code: .invalidRotation)

        public var description: String { code.rawValue }
    }

    /// The kind of failure, for callers that react differently (e.g. reload the key ring on `.unknownKey`).
    public let kind: Kind
    /// A readable account, safe to log: it names variables, paths and key ids, never key material or secrets.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "vault \(kind): \(message)" }
}
