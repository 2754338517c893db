import Foundation

/// What the demo keeps between runs beside Logix's database and the store's snapshot: the demo user's login
/// (the password is made once and printed every run), the ports the store and Logix use (the integration
/// knows the store by its URL, so the store keeps its port), the integration, and how far the first set-up got.
struct DemoState: Codable, Sendable {
    static let defaultEmail = "demo@logix.local"
    static let defaultLogixPort = 8080
    static let defaultStorePort = 8090
    static let defaultOrders = 300
    static let defaultSeed: UInt64 = 42

    var email: String
    var password: String
    var logixPort: Int
    var storePort: Int
    /// The store's seed and initial orders: only a new store is made from them.
    var seed: UInt64
    var initialOrders: Int
    var integrationID: Int64?
    /// Whether the first full sync finished; a first run stopped before it runs it again.
    var imported: Bool
    /// How many times the demo started on this folder (mixed into the traffic's seed, so each run differs).
    var runs: Int

    /// The folder's state, or nil for a new folder.
    static func load(from folder: DemoFolder) throws(DemoFailure) -> DemoState? {
        guard let data = try folder.read(folder.stateFile) else { return nil }
        do {
            return try JSONDecoder().decode(DemoState.self, from: data)
        } catch {
            throw DemoFailure(
                "\(folder.stateFile.path) is not a demo state file (\(error)); delete the folder to start over, "
                    + "or choose another with --data-dir")
        }
    }

    func save(to folder: DemoFolder) throws(DemoFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw DemoFailure("cannot encode the demo state: \(error)")
        }
        try folder.write(data, to: folder.stateFile)
    }

    /// A password for the demo user: 20 letters and digits from the system's generator, without look-alikes
    /// (0/O, 1/l/I), since people copy it from a terminal.
    static func newPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
