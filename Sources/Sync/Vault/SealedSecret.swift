import Foundation

/// An encrypted credential as stored in the database: `v1:<key id>:<base64(nonce | ciphertext | tag)>`.
///
/// Self-describing, so a stored value says which format and which master key sealed it; that is what lets a
/// rotation find values still under an old key, and lets old and new keys coexist while it runs. Holds no
/// plaintext; `description` shows only the version and key id to keep log lines short.
public struct SealedSecret: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The format version written by this binary.
    public static let currentVersion = "v1"

    /// The stored form, e.g. `v1:1a2b3c4d:…`. This is what goes in the database column.
    public let rawValue: String
    /// The format version (`v1`).
    public let version: String
    /// The master key that sealed the value.
    public let keyID: KeyID
    /// 12-byte nonce, ciphertext, 16-byte tag.
    let combined: Data

    static let nonceByteCount = 12
    static let tagByteCount = 16

    /// Parses a stored value; throws `.malformedSecret` or `.unsupportedVersion` if it is not one this binary
    /// can open. The message never quotes the value.
    public init(parsing rawValue: String) throws(VaultError) {
        let parts = rawValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw VaultError(.malformedSecret, "a sealed secret has the form v1:<key id>:<base64>")
        }
        guard parts[0] == Self.currentVersion else {
            // Say whether it looks like a version at all; never echo stored text that might be a plaintext secret.
            let looksVersioned = parts[0].first == "v" && parts[0].dropFirst().allSatisfy(\.isNumber)
            throw VaultError(
                looksVersioned ? .unsupportedVersion : .malformedSecret,
                looksVersioned
                    ? "sealed secret version \(parts[0]) is not supported by this binary"
                    : "a sealed secret has the form v1:<key id>:<base64>"
            )
        }
        guard let keyID = KeyID(rawValue: String(parts[1])) else {
            throw VaultError(.malformedSecret, "the key id of a sealed secret must be 8 lowercase hex digits")
        }
        guard let combined = Data(base64Encoded: String(parts[2])),
            combined.count >= Self.nonceByteCount + Self.tagByteCount
        else {
            throw VaultError(.malformedSecret, "the payload of a sealed secret (key \(keyID)) is not valid")
        }
        self.rawValue = rawValue
        self.version = String(parts[0])
        self.keyID = keyID
        self.combined = combined
    }

    init(keyID: KeyID, combined: Data) {
        self.version = Self.currentVersion
        self.keyID = keyID
        self.combined = combined
        self.rawValue = "\(Self.currentVersion):\(keyID.rawValue):\(combined.base64EncodedString())"
    }

    // Coded as the bare string, the same form as the database column.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error)
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { "SealedSecret(\(version), key \(keyID))" }
}
