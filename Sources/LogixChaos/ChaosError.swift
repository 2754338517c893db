/// Why a chaos run could not be carried out (a server that would not start, an API answer it could not
/// read) — as opposed to what it found, which is in its ``ChaosReport``.
public struct ChaosError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
