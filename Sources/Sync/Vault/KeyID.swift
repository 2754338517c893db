import Crypto

/// The public name of a master key: the first 8 hex digits of the SHA-256 of its 32 raw bytes.
///
/// Derived from the key rather than assigned, so the same key has the same id in every process and after every
/// restart, and an operator can compute it by hand (`echo $LOGIX_MASTER_KEY | base64 -d | sha256sum | cut -c1-8`).
/// 32 bits of a hash of a random 256-bit key reveal nothing useful about the key.
public struct KeyID: Hashable, Sendable, CustomStringConvertible {
    /// Eight lowercase hex digits.
    public let rawValue: String

    /// Accepts exactly eight lowercase hex digits, the form found in sealed secrets.
    public init?(rawValue: String) {
        let hexDigits = Set("0123456789abcdef")
        guard rawValue.count == 8, rawValue.allSatisfy({ hexDigits.contains($0) }) else { return nil }
        self.rawValue = rawValue
    }

    init(keyBytes: some Sequence<UInt8>) {
        let digest = SHA256.hash(data: Array(keyBytes))
        self.rawValue = digest.prefix(4).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public var description: String { rawValue }
}
