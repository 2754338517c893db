import Foundation
import NIOCore
import SQLKit
import SQLiteKit
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
    enum Conflict: Sendable {
        /// A unique violation fails the statement.
        case fail
        /// The existing row stays; the new one is dropped (and not returned).
        case ignore(target: [String])
        /// The existing row takes the new row's values of `columns`.
        case update(target: [String], columns: [String])
    }

    var table: String
    var columns: [String]
    var rows: [[any Encodable & Sendable]]
    var conflict: Conflict = .fail
    var returning: [String] = []

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(head)
        for (index, row) in rows.enumerated() {
            serializer.write(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { serializer.write(", ") }
                serializer.write(bind: value)
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

    /// Runs the statement, decoding each returned row as `Row`.
    func all<Row: Decodable & Sendable>(decoding _: Row.Type, on sql: DatabaseSession) async throws -> [Row] {
        let collected = Mutex<[any SQLRow]>([])
        try await execute(on: sql) { row in collected.withLock { $0.append(row) } }
        return try collected.withLock { rows in try rows.map { try $0.decode(model: Row.self) } }
    }

    /// Runs the statement, ignoring anything it returns.
    func run(on sql: DatabaseSession) async throws {
        try await execute(on: sql) { _ in }
    }

    /// On SQLite the statement goes to the connection directly: its text written once with `?` placeholders and
    /// its values turned into SQLite's own, the common ones without SQLKit's serializer and encoder. Those walk
    /// an existential per value and look up its conformance at run time, which for the receiver's group commits
    /// (a few hundred values a delivery, on the one thread SQLite runs on) showed in profiles (issue 14).
    private func execute(on sql: DatabaseSession, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard let connection = sql.sqlite else {
            try await sql.execute(sql: self, onRow)
            return
        }
        let binds = try rows.flatMap { row in try row.map(Self.sqliteData) }
        try await connection.query(sqliteText, binds) { row in onRow(row.sql()) }
    }

    /// The statement's text for SQLite, every value a `?`.
    private var sqliteText: String {
        let placeholders = "(" + repeatElement("?", count: columns.count).joined(separator: ", ") + ")"
        return head + repeatElement(placeholders, count: rows.count).joined(separator: ", ") + tail
    }

    /// A value as SQLite stores it: integers, text and bytes directly, anything else (`nil`, other types) as
    /// SQLiteKit's encoder makes it, so both paths store the same.
    private static func sqliteData(_ value: any Encodable & Sendable) throws -> SQLiteData {
        switch value {
        case let value as Int64: .integer(Int(value))
        case let value as Int: .integer(value)
        case let value as String: .text(value)
        case let value as Data: .blob(ByteBuffer(bytes: value))
        default: try encoder.encode(value)
        }
    }

    private static let encoder = SQLiteDataEncoder()
}
