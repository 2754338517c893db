import Foundation
import NIOCore
import SQLKit
import SQLiteNIO
import Synchronization

/// A multi-row `INSERT … ON CONFLICT … RETURNING` written straight into the serializer.
///
/// SQLKit's `SQLInsert` builds a tree of several existential expressions per value (a list of groups of binds)
/// and walks it again to serialize; for batches of hundreds of rows — the webhook inbox's group commits, the
/// importer's pages — building and walking that tree cost more CPU than SQLite's own work. This writes the
/// same statement in one pass. Both engines accept the syntax (SQLite ≥ 3.35 for `RETURNING`).
struct SQLBulkInsert: SQLExpression {
    /// What happens to a row whose conflict target already exists.
    enum Conflict: Sendable, Hashable {
        /// A unique violation fails the statement.
        case fail
        /// The existing row stays; the new one is dropped (and not returned).
        case ignore(target: [String])
        /// The existing row takes the new row's values of `columns`.
        case update(target: [String], columns: [String])
    }

    var table: String
    var columns: [String]
    var rows: [[SQLValue]]
    var conflict: Conflict = .fail
    var returning: [String] = []

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(head)
        for (index, row) in rows.enumerated() {
            serializer.write(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { serializer.write(", ") }
                serializer.write(bind: value.encodable)
            }
            serializer.write(")")
        }
        serializer.write(tail)
    }

    /// The statement up to its rows: `INSERT INTO "table" ("column", …) VALUES `.
    private var head: String {
        "INSERT INTO \(Self.quoted(table)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES "
    }

    /// The statement after its rows: what a conflict does, and what comes back.
    private var tail: String {
        var text = ""
        switch conflict {
        case .fail:
            break
        case .ignore(let target):
            text += " ON CONFLICT (\(target.map(Self.quoted).joined(separator: ", "))) DO NOTHING"
        case .update(let target, let updated):
            text += " ON CONFLICT (\(target.map(Self.quoted).joined(separator: ", "))) DO UPDATE SET "
            text += updated.map { "\(Self.quoted($0)) = EXCLUDED.\(Self.quoted($0))" }.joined(separator: ", ")
        }
        if !returning.isEmpty { text += " RETURNING " + returning.map(Self.quoted).joined(separator: ", ") }
        return text
    }

    /// Our table and column names are constants without quotes; both engines quote identifiers with `"`.
    private static func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }

    /// Runs the statement, reading each row it returns with `read`.
    func all<Row>(on sql: DatabaseSession, reading read: (ReturnedRow) throws -> Row) async throws -> [Row] {
        let collected = Mutex<[ReturnedRow]>([])
        try await execute(on: sql) { row in collected.withLock { $0.append(row) } }
        let rows = collected.withLock { $0 }
        return try rows.map(read)
    }

    /// Runs the statement, ignoring anything it returns.
    func run(on sql: DatabaseSession) async throws {
        try await execute(on: sql) { _ in }
    }

    /// On SQLite the statement goes to the connection directly: its text written once with `?` placeholders and
    /// its typed values turned into SQLite's own, without SQLKit's serializer and encoder. Those walk an
    /// existential per value and look up its conformance at run time, which for the receiver's group commits
    /// (a few hundred values a delivery, on the one thread SQLite runs on) showed in profiles (issue 14).
    private func execute(on sql: DatabaseSession, _ onRow: @escaping @Sendable (ReturnedRow) -> Void) async throws {
        guard let connection = sql.sqlite else {
            try await sql.execute(sql: self) { row in onRow(.sqlKit(row)) }
            return
        }
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * columns.count)
        for row in rows {
            for value in row { binds.append(value.sqlite) }
        }
        try await connection.query(sqliteText, binds) { row in onRow(.sqlite(row)) }
    }

    /// The statement's text for SQLite, every value a `?`: the row's group of placeholders is made once and
    /// copied for each row (the statement of a group commit has thousands). A group commit writes the same few
    /// statements again and again with a batch's number of rows, so each text is kept, up to
    /// ``TextCache/byteLimit`` in all: writing it for every statement showed in the receiver's profile (issue 14).
    private var sqliteText: String {
        let key = TextCache.Key(
            table: table, columns: columns, conflict: conflict, returning: returning, rows: rows.count)
        if let text = Self.texts.withLock({ $0.texts[key] }) { return text }
        let text = Self.text(head: head, placeholders: columns.count, rows: rows.count, tail: tail)
        Self.texts.withLock { cache in
            guard cache.bytes + text.utf8.count <= TextCache.byteLimit else { return }
            cache.texts[key] = text
            cache.bytes += text.utf8.count
        }
        return text
    }

    private static func text(head: String, placeholders: Int, rows: Int, tail: String) -> String {
        let group = Array(("(" + repeatElement("?", count: placeholders).joined(separator: ", ") + ")").utf8)
        let head = Array(head.utf8)
        let tail = Array(tail.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(head.count + rows * (group.count + 2) + tail.count)
        text.append(contentsOf: head)
        for index in 0..<rows {
            if index != 0 {
                text.append(UInt8(ascii: ","))
                text.append(UInt8(ascii: " "))
            }
            text.append(contentsOf: group)
        }
        text.append(contentsOf: tail)
        return String(decoding: text, as: UTF8.self)
    }

    /// The statements' texts written so far, by their shape and number of rows.
    private struct TextCache {
        struct Key: Hashable {
            var table: String
            var columns: [String]
            var conflict: Conflict
            var returning: [String]
            var rows: Int
        }

        /// Enough for the statements of every batch size up to a few hundred deliveries.
        static let byteLimit = 16 << 20
        var texts: [Key: String] = [:]
        var bytes = 0
    }

    private static let texts = Mutex(TextCache())

    /// A row the statement returned (`RETURNING`), read by column name.
    enum ReturnedRow: Sendable {
        case sqlite(SQLiteRow)
        case sqlKit(any SQLRow)

        /// The integer in `column`.
        func integer(_ column: String) throws -> Int64 {
            switch self {
            case .sqlite(let row):
                guard case .integer(let value) = row.column(column) else { throw Self.missing(column, "integer") }
                return Int64(value)
            case .sqlKit(let row):
                return try row.decode(column: column, as: Int64.self)
            }
        }

        /// The text in `column`.
        func text(_ column: String) throws -> String {
            switch self {
            case .sqlite(let row):
                guard case .text(let value) = row.column(column) else { throw Self.missing(column, "text") }
                return value
            case .sqlKit(let row):
                return try row.decode(column: column, as: String.self)
            }
        }

        private static func missing(_ column: String, _ kind: String) -> StorageError {
            StorageError(.query, "the insert returned no \(kind) in its column \(column)")
        }
    }
}
