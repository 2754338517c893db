/// Waits for `work` for at most `limit`: its result, or `nil` once the limit has passed (the work is then
/// cancelled, so it must end when cancelled). For the waits tests make on a simulator — held requests, awaited
/// deliveries — where the limit guards against a hang, not for speed.
public func withTimeLimit<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async -> T?) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await work() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
