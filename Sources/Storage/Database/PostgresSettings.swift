import Foundation
import NIOSSL
import PostgresNIO

/// How a `postgres://` URL asks to reach the server: address, credentials, and TLS as libpq reads
/// `sslmode` and `sslrootcert`, so a URL copied from a managed PostgreSQL's console means here what it means
/// to `psql`.
struct PostgresSettings: Sendable {
    /// libpq's `sslmode`.
    enum SSLMode: String, Sendable, CaseIterable {
        case disable
        case allow
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Which certificates the server's chain must lead to.
    enum RootCertificates: Sendable {
        /// The certificates of an `sslrootcert` file.
        case file(path: String, certificates: [NIOSSLCertificate])
        /// `sslrootcert=system`: the operating system's trusted roots.
        case system
    }

    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?
    let sslMode: SSLMode
    let rootCertificates: RootCertificates?

    /// Reads `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…`; other query parameters are
    /// ignored. Messages name the location with its password masked.
    init(url text: String, location: DatabaseLocation) throws(StorageError) {
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw StorageError(.invalidLocation, "invalid PostgreSQL URL \(location): it needs a host")
        }
        guard let username = url.user, !username.isEmpty else {
            throw StorageError(.invalidLocation, "invalid PostgreSQL URL \(location): it needs a user name")
        }
        let query = url.queryItems ?? []
        // As libpq: the last of a repeated parameter counts.
        func parameter(_ name: String) -> String? { query.last { $0.name == name }?.value }
        let modeText = parameter("sslmode") ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else {
            throw StorageError(
                .invalidLocation,
                "invalid sslmode \"\(modeText)\" in \(location): use one of "
                    + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let roots = try parameter("sslrootcert").map { path throws(StorageError) in
            try Self.rootCertificates(path, mode: mode, location: location)
        }
        if mode == .verifyCA || mode == .verifyFull, roots == nil {
            // libpq would look for ~/.postgresql/root.crt; a server-side setting should not hang on a home folder.
            throw StorageError(
                .invalidLocation,
                "sslmode=\(mode.rawValue) in \(location) needs sslrootcert: the CA certificate file to verify the "
                    + "server against, or sslrootcert=system for the system's trusted roots")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.username = username
        self.password = url.password
        let name = String(url.path.drop { $0 == "/" })
        self.database = name.isEmpty ? nil : name
        self.sslMode = mode
        self.rootCertificates = roots
    }

    private static func rootCertificates(
        _ path: String, mode: SSLMode, location: DatabaseLocation
    ) throws(StorageError) -> RootCertificates {
        if path == "system" {
            // libpq refuses it below verify-full: trusting every public CA without checking the name is no check.
            guard mode == .verifyFull else {
                throw StorageError(
                    .invalidLocation,
                    "sslrootcert=system needs sslmode=verify-full (not \(mode.rawValue)) in \(location)")
            }
            return .system
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StorageError(.invalidLocation, "cannot read sslrootcert \(path) (from \(location))")
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw StorageError(.invalidLocation, "sslrootcert \(path) is not a PEM certificate file: \(error)")
        }
        guard !certificates.isEmpty else {
            throw StorageError(.invalidLocation, "sslrootcert \(path) holds no PEM certificate")
        }
        return .file(path: path, certificates: certificates)
    }

    /// What the mode and root certificates mean for the TLS handshake, as libpq: `disable` never speaks TLS
    /// (`nil`); `allow` and `prefer` use it when the server offers it, `require` insists on it, neither checking
    /// the certificate unless `sslrootcert` is given (then the chain is checked, as `verify-ca`); `verify-ca`
    /// checks the chain, `verify-full` the chain and the host name.
    ///
    /// `allow` behaves as `prefer`: PostgresNIO cannot try an unencrypted connection first, so where libpq would
    /// connect in clear this connects encrypted; it connects wherever libpq would.
    var tlsConfiguration: TLSConfiguration? {
        guard sslMode != .disable else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch rootCertificates {
        case .file(_, let certificates):
            configuration.trustRoots = .certificates(certificates)
        case .system, nil:
            configuration.trustRoots = .default
        }
        switch (sslMode, rootCertificates) {
        case (.verifyFull, _):
            configuration.certificateVerification = .fullVerification
        case (_, .some):
            configuration.certificateVerification = .noHostnameVerification
        case (_, nil):
            configuration.certificateVerification = .none
        }
        return configuration
    }

    /// Whether a server without TLS is refused.
    var requiresTLS: Bool {
        switch sslMode {
        case .disable, .allow, .prefer: false
        case .require, .verifyCA, .verifyFull: true
        }
    }

    /// The pool's configuration.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch tlsConfiguration {
            case nil: .disable
            case let configuration? where requiresTLS: .require(configuration)
            case let configuration?: .prefer(configuration)
            }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    /// The configuration of one connection outside the pool, with the same TLS.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch tlsConfiguration {
            case nil: .disable
            case let configuration? where requiresTLS: .require(try NIOSSLContext(configuration: configuration))
            case let configuration?: .prefer(try NIOSSLContext(configuration: configuration))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}
