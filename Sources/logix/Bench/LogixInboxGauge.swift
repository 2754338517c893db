import NIOCore

/// What a Logix server's `GET /metrics` says of its webhook inbox (`logix_webhook_inbox{state="…"}`): how a
/// load generator outside the server sees what was stored and when the applier has caught up. Another
/// receiver has no such figures; then there is nothing to read.
struct LogixInboxGauge: Sendable {
    /// Deliveries in the inbox by state (`pending`, `processed`, `failed`).
    struct Counts: Sendable {
        var byState: [String: Int]
        var pending: Int { byState["pending"] ?? 0 }
        var total: Int { byState.values.reduce(0, +) }
    }

    let generator: WebhookLoadGenerator

    /// The inbox as `/metrics` shows it now, or `nil` when the target is not a Logix server (or did not answer).
    func read() async -> Counts? {
        guard let answer = await generator.get("/metrics"), answer.status == 200 else { return nil }
        let prefix = "logix_webhook_inbox{state=\""
        var byState: [String: Int] = [:]
        for line in String(buffer: answer.body).split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard let quote = rest.firstIndex(of: "\""), let space = rest.lastIndex(of: " "),
                let value = Int(rest[rest.index(after: space)...])
            else { continue }
            byState[String(rest[..<quote])] = value
        }
        return byState.isEmpty ? nil : Counts(byState: byState)
    }

    /// Waits until nothing is pending, reading every `interval`; returns how long that took, or `nil` when the
    /// target shows no inbox or it did not drain within `limit`.
    func waitUntilDrained(interval: Duration = .milliseconds(20), limit: Duration = .seconds(120)) async throws
        -> Duration?
    {
        let clock = ContinuousClock()
        let start = clock.now
        while start.duration(to: clock.now) < limit {
            guard let counts = await read() else { return nil }
            if counts.pending == 0 { return start.duration(to: clock.now) }
            try await Task.sleep(for: interval)
        }
        return nil
    }
}
