import Foundation
import LogixTestSupport
import SQLKit
import Storage
import Testing

/// TLS as the `postgres://` URL asks (`sslmode`, `sslrootcert`, with libpq's meanings), against the real test
/// servers `scripts/test-postgres.sh` starts: one with TLS on and a certificate from the script's test CA, one
/// with TLS off.
@Suite struct PostgresTLSTests {
    /// The TLS server's URL with `query` appended, connecting to `host`.
    static func tlsServer(_ query: String, host: String = "127.0.0.1") async throws -> DatabaseLocation {
        let (admin, _) = try await PostgresServer.withTLS()
        return try location(admin, query, host: host)
    }

    static func serverWithoutTLS(_ query: String) async throws -> DatabaseLocation {
        try location(try await PostgresServer.withoutTLS(), query, host: "127.0.0.1")
    }

    static func location(_ admin: String, _ query: String, host: String) throws -> DatabaseLocation {
        var components = try #require(URLComponents(string: admin))
        components.host = host
        var url = try #require(components.string)
        if !query.isEmpty { url += "?" + query }
        return .postgres(url: url)
    }

    static func certificate(_ name: String) async throws -> String {
        try await PostgresServer.withTLS().certificates.appendingPathComponent(name).path
    }

    /// Whether this session's connection is encrypted, as the server sees it.
    static func sessionIsEncrypted(_ location: DatabaseLocation) async throws -> Bool {
        try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
            try await database.read { sql in
                try await sql.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .first(decodingColumn: "ssl", as: Bool.self)
            }
        } ?? false
    }

    /// The error opening `location` fails with.
    static func failure(_ location: DatabaseLocation) async throws -> StorageError {
        try await #require(throws: StorageError.self) {
            try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { database in
                try await database.read { sql in try await sql.raw("SELECT 1").run() }
            }
        }
    }

    /// Both test servers listen below Linux's ephemeral port range (32768–60999), where an outgoing connection
    /// could hold their port and keep them from starting.
    @Test func theTestServersListenOutsideTheEphemeralPortRange() async throws {
        for url in [try await PostgresServer.withTLS().adminURL, try await PostgresServer.withoutTLS()] {
            let port = try #require(URLComponents(string: url)?.port)
            #expect(!(32768...60999).contains(port), "\(url)")
        }
    }

    @Test func requireConnectsEncrypted() async throws {
        #expect(try await Self.sessionIsEncrypted(try await Self.tlsServer("sslmode=require")))
    }

    /// No sslmode is libpq's `prefer`: encrypted where the server offers it.
    @Test func withoutSSLModeTheConnectionIsEncryptedWhereTheServerOffersIt() async throws {
        #expect(try await Self.sessionIsEncrypted(try await Self.tlsServer("")))
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func verifyFullWithTheRightRootCertificateConnects(host: String) async throws {
        let query = "sslmode=verify-full&sslrootcert=\(try await Self.certificate("ca.crt"))"
        #expect(try await Self.sessionIsEncrypted(try await Self.tlsServer(query, host: host)))
    }

    @Test func verifyCAWithTheRightRootCertificateConnects() async throws {
        let query = "sslmode=verify-ca&sslrootcert=\(try await Self.certificate("ca.crt"))"
        #expect(try await Self.sessionIsEncrypted(try await Self.tlsServer(query)))
    }

    /// 127.0.0.2 reaches the same server, but its certificate names only 127.0.0.1 and localhost: the chain
    /// is good, the name is not.
    @Test func verifyFullFailsForAHostTheCertificateDoesNotName() async throws {
        let query = "sslmode=verify-full&sslrootcert=\(try await Self.certificate("ca.crt"))"
        let error = try await Self.failure(try await Self.tlsServer(query, host: "127.0.0.2"))
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("the server's certificate is not for 127.0.0.2"), "\(error)")
    }

    @Test func verifyCAConnectsToAHostTheCertificateDoesNotName() async throws {
        let query = "sslmode=verify-ca&sslrootcert=\(try await Self.certificate("ca.crt"))"
        #expect(try await Self.sessionIsEncrypted(try await Self.tlsServer(query, host: "127.0.0.2")))
    }

    /// `require` with a root certificate checks the chain too, as libpq does.
    @Test(arguments: ["verify-full", "verify-ca", "require"])
    func aWrongRootCertificateFailsClearly(mode: String) async throws {
        let other = try await Self.certificate("other-ca.crt")
        let error = try await Self.failure(try await Self.tlsServer("sslmode=\(mode)&sslrootcert=\(other)"))
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("certificate verify failed"), "\(error)")
        #expect(error.message.contains(other), "\(error)")
    }

    @Test(arguments: ["require", "verify-ca", "verify-full"])
    func tlsRequiredAgainstAServerWithoutTLSFailsClearly(mode: String) async throws {
        let root = mode == "require" ? "" : "&sslrootcert=\(try await Self.certificate("ca.crt"))"
        let error = try await Self.failure(try await Self.serverWithoutTLS("sslmode=\(mode)\(root)"))
        #expect(error.kind == .connectionFailed)
        #expect(error.message.contains("the server does not support TLS but sslmode=\(mode)"), "\(error)")
    }

    @Test func preferAgainstAServerWithoutTLSConnectsUnencrypted() async throws {
        #expect(try await !Self.sessionIsEncrypted(try await Self.serverWithoutTLS("sslmode=prefer")))
    }

    @Test func disableConnectsUnencrypted() async throws {
        #expect(try await !Self.sessionIsEncrypted(try await Self.tlsServer("sslmode=disable")))
    }

    /// Settings that cannot work are refused before any connection, naming the problem and never the password.
    @Test(arguments: [
        ("sslmode=verify-everything", "invalid sslmode \"verify-everything\""),
        ("sslmode=verify-full", "sslmode=verify-full in"),
        ("sslmode=require&sslrootcert=/nonexistent/root.crt", "cannot read sslrootcert /nonexistent/root.crt"),
        ("sslmode=verify-ca&sslrootcert=system", "sslrootcert=system needs sslmode=verify-full"),
    ])
    func unusableTLSSettingsAreRefused(query: String, expected: String) async throws {
        let location = DatabaseLocation.postgres(url: "postgres://logix:s3cret-password@127.0.0.1:1/logix?\(query)")
        let error = try await #require(throws: StorageError.self) {
            try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { _ in }
        }
        #expect(error.kind == .invalidLocation)
        #expect(error.message.contains(expected), "\(error)")
        #expect(!error.description.contains("s3cret-password"))
    }

    @Test func aFileThatIsNoCertificateIsRefused() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("logix-not-a-cert-\(UUID()).pem")
        try Data("not a certificate".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let location = try await Self.tlsServer("sslmode=verify-full&sslrootcert=\(path.path)")
        let error = try await #require(throws: StorageError.self) {
            try await LogixDatabase.withOpen(location, logger: TestDatabases.logger) { _ in }
        }
        #expect(error.kind == .invalidLocation)
        #expect(error.message.contains(path.path), "\(error)")
    }
}
