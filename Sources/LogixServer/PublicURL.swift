import Synchronization

/// The URL stores reach this server at, for webhook delivery URLs. Usually fixed by configuration; a server
/// started on port 0 (tests) learns its real port only once it listens, and sets it here.
public final class PublicURL: Sendable {
    private let storage: Mutex<String>

    public init(_ url: String) { storage = Mutex(url) }

    public var value: String { storage.withLock { $0 } }

    public func set(_ url: String) { storage.withLock { $0 = url } }
}
