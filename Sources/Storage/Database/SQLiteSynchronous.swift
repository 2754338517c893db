/// How an SQLite commit reaches the disk (SQLite's `PRAGMA synchronous`, in WAL mode).
///
/// `full` (the default) syncs the write-ahead log at every commit: a commit that returned survives an operating
/// system crash or a power loss — what the webhook receiver promises when it answers 200 (ARCHITECTURE.md,
/// "Nothing lost"). `normal` syncs only at checkpoints: faster, safe against a crash of the process, but the
/// last commits can be lost with the machine. PostgreSQL's durability is its own server's setting.
public enum SQLiteSynchronous: String, Sendable, Hashable, CaseIterable {
    case full
    case normal

    public static let `default` = SQLiteSynchronous.full
}
