import Synchronization

/// Counters the server keeps in memory and `/metrics` shows in Prometheus' text format.
public final class ServerMetrics: Sendable {
    private let counters = Mutex<[String: Int]>([:])

    public init() {}

    /// Adds `amount` to the counter `name` with `labels` (already in `key="value"` form, sorted).
    public func increment(_ name: String, labels: String = "", by amount: Int = 1) {
        let key = labels.isEmpty ? name : "\(name){\(labels)}"
        counters.withLock { $0[key, default: 0] += amount }
    }

    /// Every counter as `name{labels} value` lines, sorted.
    var lines: [String] {
        counters.withLock { $0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    }
}
