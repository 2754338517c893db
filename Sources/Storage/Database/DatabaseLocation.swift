import Foundation

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite database file, created if missing.
    case sqlite(path: String)
    /// A PostgreSQL server, `postgres://user:password@host:5432/database`.
    case postgres(url: String)

    /// The default: `./logix.sqlite`.
    public static let `default` = DatabaseLocation.sqlite(path: "./logix.sqlite")

    /// Reads `LOGIX_DATABASE_URL`-style text: a `postgres://` or `postgresql://` URL, an `sqlite:` or
    /// `file:` URL, or a plain file path.
    public init(parsing text: String) throws(StorageError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StorageError(.invalidLocation, "the database location is empty") }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            guard let url = URLComponents(string: trimmed), url.host?.isEmpty == false else {
                throw StorageError(.invalidLocation, "not a valid PostgreSQL URL (postgres://user:password@host/db)")
            }
            self = .postgres(url: trimmed)
        } else if lower.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if lower.hasPrefix("sqlite:") || lower.hasPrefix("file:") {
            self = .sqlite(path: String(trimmed.drop { $0 != ":" }.dropFirst()))
        } else if trimmed.contains("://") {
            throw StorageError(.invalidLocation, "unsupported database URL scheme; use postgres:// or a file path")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    /// The location with any password masked, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
