import Crypto
import Foundation

/// A 256-bit AES key that seals and opens credentials, with its stable `id`.
///
/// The key bytes never leave this type except through `exportBase64()`, which exists only to write the key file
/// and to hand a freshly generated key to an operator once. `description` shows the id alone, so logging or
/// interpolating a key by mistake leaks nothing.
public struct MasterKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bytes a master key must have: AES-256.
    public static let byteCount = 32

    /// Derived from the key bytes, so it is the same wherever the key is loaded.
    public let id: KeyID
    let symmetricKey: SymmetricKey

    /// A new random key from the system's secure random source.
    public static func generate() -> MasterKey {
        MasterKey(symmetricKey: SymmetricKey(size: .bits256))
    }

    /// Decodes a key given as base64 of exactly 32 bytes (the form of `LOGIX_MASTER_KEY`).
    ///
    /// - Parameter source: names where the text came from, for the error message; the text itself is never shown.
    public init(base64 text: String, source: String = "master key") throws(VaultError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw VaultError(.invalidMasterKey, "\(source) is empty; expected base64 of \(Self.byteCount) bytes")
        }
        guard let bytes = Data(base64Encoded: trimmed) else {
            throw VaultError(
                .invalidMasterKey,
                "\(source) is not valid base64; expected base64 of \(Self.byteCount) random bytes "
                    + "(e.g. `openssl rand -base64 32`)"
            )
        }
        guard bytes.count == Self.byteCount else {
            throw VaultError(
                .invalidMasterKey,
                "\(source) decodes to \(bytes.count) bytes; it must be exactly \(Self.byteCount) "
                    + "(e.g. `openssl rand -base64 32`)"
            )
        }
        self.init(symmetricKey: SymmetricKey(data: bytes))
    }

    init(symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
        self.id = symmetricKey.withUnsafeBytes { KeyID(keyBytes: $0) }
    }

    /// The key as base64. The only way key material leaves the vault: for the key file, or to show an operator a
    /// key they must put in `LOGIX_MASTER_KEY`. Never log it.
    public func exportBase64() -> String {
        symmetricKey.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public var description: String { "MasterKey(\(id))" }
    public var debugDescription: String { description }
    // `dump()` and debuggers walk children; show none so the key bytes stay hidden there too.
    public var customMirror: Mirror { Mirror(self, children: ["id": id.rawValue]) }
}
