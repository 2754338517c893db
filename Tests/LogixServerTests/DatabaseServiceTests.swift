import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import LogixServer
import LogixTestSupport
import NIOCore
import Storage
import Testing

/// `logix serve`'s database: opened and migrated by ``ServerServices/open(configuration:logger:)``, run as a
/// service of the application, closed when the application stops.
@Suite struct DatabaseServiceTests {
    @Test(arguments: TestEngine.allCases)
    func theApplicationRunsTheDatabaseAndClosesItAtShutdown(engine: TestEngine) async throws {
        let (location, cleanup) = try await TestDatabases.makeLocation(engine)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logix-serve-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url =
            switch location {
            case .sqlite(let path): path
            case .postgres(let url): url
            }
        let configuration = try ServerConfiguration(environment: [
            "LOGIX_DATABASE_URL": url, "LOGIX_DATA_DIR": directory.path, "LOGIX_PORT": "0",
            "LOGIX_JWT_SECRET": String(repeating: "s", count: 40), "LOGIX_SCHEDULER": "off",
        ])
        var logger = Logger(label: "logix.server.database-service")
        logger.logLevel = .warning
        do {
            let services = try await ServerServices.open(configuration: configuration, logger: logger)
            try await buildApplication(services: services).test(.live) { client in
                #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
                // The users table exists: the token endpoint looks the email up and finds no one.
                let token = try await client.execute(
                    uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"email": "nobody@example.test", "password": "not a password"}"#))
                #expect(token.status == .unauthorized)
                #expect(try await Migrator(database: services.database).appliedVersions().count == Migrator.all.count)
            }
            // The application's graceful shutdown stopped the database's service, which closed it.
            await #expect(throws: (any Error).self) {
                try await Migrator(database: services.database).appliedVersions()
            }
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
    }
}
