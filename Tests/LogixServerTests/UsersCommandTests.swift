import Foundation
import LogixTestSupport
import Storage
import Testing

/// `logix users …` run as the real binary, the password on stdin as a script gives it (a first line, and a
/// second line as its confirmation).
@Suite struct UsersCommandTests {
    /// A folder with an SQLite file for one test.
    struct Scene {
        let folder: URL
        var databaseFile: String { folder.appendingPathComponent("logix.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-users-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func users(_ arguments: [String], input: String = "") async throws -> LogixProcess.Outcome {
            try await LogixProcess.run(
                ["users"] + arguments + ["--database-url", databaseFile], in: folder, input: input, timeout: 60)
        }

        func user(_ email: String) async throws -> StoredUser? {
            try await LogixDatabase.withOpen(.sqlite(path: databaseFile), logger: TestDatabases.logger) { database in
                try await Migrator(database: database).migrate()
                return try await database.read { try await UserRecords().find(email: email, on: $0) }
            }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func addRefusesAConfirmationThatDiffers() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let outcome = try await scene.users(
            ["add", "ann@example.test"], input: "a long enough password\na long enough passw0rd\n")
        #expect(outcome.status != 0, "\(outcome)")
        #expect(!outcome.crashed)
        #expect(outcome.standardError.contains("differ"), "\(outcome)")
        #expect(try await scene.user("ann@example.test") == nil)
    }

    @Test(arguments: ["                    ", "  short    ", "\t\t\t\t\t\t\t\t\t\t\t\t"])
    func addRefusesAPasswordOfSpaces(password: String) async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let outcome = try await scene.users(["add", "ann@example.test"], input: password + "\n" + password + "\n")
        #expect(outcome.status != 0, "\(outcome)")
        #expect(outcome.standardError.contains("at least 10 characters"), "\(outcome)")
        #expect(try await scene.user("ann@example.test") == nil)
    }

    @Test func addPasswordDisableEnableAndDelete() async throws {
        let scene = try Scene()
        defer { scene.remove() }
        let added = try await scene.users(
            ["add", "ann@example.test"], input: "a long enough password\na long enough password\n")
        #expect(added.status == 0, "\(added)")
        let created = try #require(try await scene.user("ann@example.test"))
        #expect(created.disabledAt == nil)

        let changed = try await scene.users(["password", "ann@example.test"], input: "another fine password\n")
        #expect(changed.status == 0, "\(changed)")
        let afterChange = try #require(try await scene.user("ann@example.test"))
        #expect(afterChange.passwordHash != created.passwordHash)
        #expect(afterChange.tokensValidFrom > created.tokensValidFrom)

        #expect(try await scene.users(["disable", "ann@example.test"]).status == 0)
        #expect(try await scene.user("ann@example.test")?.disabledAt != nil)
        #expect(try await scene.users(["enable", "ann@example.test"]).status == 0)
        #expect(try await scene.user("ann@example.test")?.disabledAt == nil)

        let unconfirmed = try await scene.users(["delete", "ann@example.test"])
        #expect(unconfirmed.status != 0)
        #expect(try await scene.user("ann@example.test") != nil)
        #expect(try await scene.users(["delete", "ann@example.test", "--yes"]).status == 0)
        #expect(try await scene.user("ann@example.test") == nil)

        let unknown = try await scene.users(["disable", "nobody@example.test"])
        // Not bad usage (2) but a failure (1), in one line without the usage text.
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.errorLines == ["logix users: there is no user with email nobody@example.test"], "\(unknown)")
    }
}
