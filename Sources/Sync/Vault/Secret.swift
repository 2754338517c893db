/// A credential in the clear — a consumer key, consumer secret or webhook secret — that will not print itself.
///
/// `description`, `debugDescription` and `dump()` all show `<redacted>`, so a secret interpolated into a log line
/// or an error by mistake leaks nothing. Reading the text takes the explicit `revealed`. Deliberately not
/// `Codable`: an API response or log encoder cannot serialize a secret by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The plaintext. Use it only where the credential is needed (signing a request, verifying a webhook).
    public let revealed: String

    /// Wraps plaintext received from a user or decrypted from storage.
    public init(_ revealed: String) {
        self.revealed = revealed
    }

    /// The last four characters, the way consoles show API keys (`…abcd`), for display next to a masked value;
    /// of a short secret at most half of it, so the hint never is the secret.
    public var lastFour: String { String(revealed.suffix(min(4, revealed.count / 2))) }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    // Constant-time over the bytes, so comparing a presented secret does not leak how much of it matched.
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        let left = Array(lhs.revealed.utf8)
        let right = Array(rhs.revealed.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
