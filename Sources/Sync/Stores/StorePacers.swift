import Foundation
import Pacing
import Storage
import Synchronization

/// The process's pacers, one per store (ARCHITECTURE.md, "One pacer per store"): every client made for a
/// store — by the import, reconciliation, the outbox sender, the catalogue pull, a connection test — sends
/// through the same ``StorePacer``, so together they stay within what the store allows, and what one learned
/// (a 429, a slow host) the others respect at once.
///
/// A store is its URL (scheme, host, port and path, case-insensitive), so two integrations of one store share
/// a pacer; the caps are the ones of the integration that asked last. Pacers live as long as the process:
/// one per store is a few hundred bytes.
public final class StorePacers: Sendable {
    private let pacers = Mutex<[String: StorePacer]>([:])

    public init() {}

    /// The store's pacer, with the integration's caps.
    public func pacer(for integration: IntegrationRecord) -> StorePacer {
        pacer(storeURL: integration.storeURL, pacing: StorePacing(integration))
    }

    /// The pacer of the store at `storeURL`, with these caps.
    public func pacer(storeURL: String, pacing: StorePacing) -> StorePacer {
        let key = Self.key(storeURL)
        let limits = pacing.limits
        let (pacer, existed) = pacers.withLock { pacers -> (StorePacer, Bool) in
            if let existing = pacers[key] { return (existing, true) }
            let made = StorePacer(limits: limits)
            pacers[key] = made
            return (made, false)
        }
        if existed, pacer.snapshot.limits != limits { pacer.update(limits) }
        return pacer
    }

    /// The state of the store's pacer, if this process has sent it anything.
    public func snapshot(storeURL: String) -> StorePacer.Snapshot? {
        pacers.withLock { $0[Self.key(storeURL)] }?.snapshot
    }

    /// How many stores have a pacer.
    public var count: Int { pacers.withLock { $0.count } }

    private static func key(_ storeURL: String) -> String {
        var url = storeURL.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
