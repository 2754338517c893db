import Foundation
import NIOCore
import SQLiteNIO

/// One value of a row ``SQLBulkInsert`` writes, typed as both engines store it when the row is built.
///
/// Rows were arrays of `any Encodable & Sendable`: writing one to SQLite cast each value back to its type at run
/// time, a conformance look-up and an existential copy per value, a few hundred a delivery on the one thread
/// SQLite runs on (issue 14). A value of this type is written without either.
enum SQLValue: Sendable, Hashable {
    /// An integer column's value; `nil` is SQL's `NULL`.
    case integer(Int64?)
    /// A text column's value; `nil` is SQL's `NULL`.
    case text(String?)
    case blob(Data)

    /// An integer column's value; `nil` is SQL's `NULL`.
    static func int(_ value: Int?) -> SQLValue { .integer(value.map { Int64($0) }) }

    /// The value as SQLite's connection binds it.
    var sqlite: SQLiteData {
        switch self {
        case .integer(let value): value.map { .integer(Int($0)) } ?? .null
        case .text(let value): value.map { .text($0) } ?? .null
        case .blob(let value): .blob(ByteBuffer(bytes: value))
        }
    }

    /// The value as SQLKit binds it on PostgreSQL: the Swift value the rows held before they were typed, so
    /// PostgreSQL receives exactly what it did — a `NULL` keeps its column's type, which PostgreSQL checks.
    var encodable: any Encodable & Sendable {
        switch self {
        case .integer(let value): value
        case .text(let value): value
        case .blob(let value): value
        }
    }
}
