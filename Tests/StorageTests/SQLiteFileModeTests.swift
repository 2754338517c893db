import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// A new SQLite file holds customers' names and addresses: it is made readable by its owner only, like the key
/// files, and its write-ahead log follows.
@Suite struct SQLiteFileModeTests {
    @Test func aNewDatabaseFileAndItsLogAreTheOwnersOnly() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.sqlite)
        guard case .sqlite(let path) = location else { throw TestDatabaseError("not an SQLite location") }
        try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
            _ = try await Migrator(database: database).migrate()
            #expect(try mode(of: path) == 0o600)
            #expect(try mode(of: path + "-wal") == 0o600)
        }
        try await cleanup()
    }

    @Test func anExistingFileKeepsTheModeItsOwnerChose() async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(.sqlite)
        guard case .sqlite(let path) = location else { throw TestDatabaseError("not an SQLite location") }
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))
        try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
            _ = try await Migrator(database: database).migrate()
        }
        #expect(try mode(of: path) == 0o640)
        try await cleanup()
    }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }
}
