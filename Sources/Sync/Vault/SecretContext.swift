import Foundation

/// What a sealed value is for: which field of which record. Bound into the ciphertext as AES-GCM authenticated
/// data, so a ciphertext copied into another column or another integration's row fails to open instead of
/// silently handing one store's secret to another.
public struct SecretContext: Hashable, Sendable, CustomStringConvertible {
    /// The field name, conventionally the database column the value lives in.
    public let field: SecretField
    /// The record the value belongs to, e.g. `integration:42`.
    public let scope: String

    /// A context for any record; `scope` must identify it uniquely and stably (it must not change while the
    /// value is stored, or the value stops opening).
    public init(field: SecretField, scope: String) {
        self.field = field
        self.scope = scope
    }

    /// A credential of the integration with database id `integrationID`.
    ///
    /// The id must be known when sealing: insert the row, then seal and write the credential columns in the
    /// same transaction (or reserve the id first).
    public init(field: SecretField, integrationID: Int64) {
        self.init(field: field, scope: "integration:\(integrationID)")
    }

    /// The authenticated data for AES-GCM. Every part is length-prefixed so that no two different contexts (or
    /// key ids, or versions) can produce the same bytes, whatever characters the parts contain.
    func authenticatedData(version: String, keyID: KeyID) -> Data {
        var data = Data()
        for part in ["logix-vault", version, keyID.rawValue, field.rawValue, scope] {
            let bytes = Array(part.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
        }
        return data
    }

    public var description: String { "\(scope)/\(field)" }
}

/// The name of a secret field. The built-in names are the `integrations` table's columns.
public struct SecretField: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The WooCommerce REST consumer key (`ck_…`); sealed too, as it is half of the credential.
    public static let consumerKey = SecretField(rawValue: "consumer_key")
    /// The WooCommerce REST consumer secret (`cs_…`).
    public static let consumerSecret = SecretField(rawValue: "consumer_secret")
    /// The secret WooCommerce signs webhook deliveries with.
    public static let webhookSecret = SecretField(rawValue: "webhook_secret")

    public var description: String { rawValue }
}
