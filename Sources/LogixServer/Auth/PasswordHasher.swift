import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run off the event loops: a hash takes a quarter of a second at cost 12 by design.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to check unknown emails against, so a login for a missing user takes as long as a wrong password.
    static let decoy = Bcrypt.hash("decoy password never used", cost: 4)
}
