import Foundation
import NIOCore
import Storage
import Sync

/// Why `logix serve` could not start, as one line that says what failed and which setting to change: what a
/// newcomer sees when the port is taken or a folder is wrong, instead of a backtrace.
public struct StartupFailure: Error, Sendable, CustomStringConvertible {
    /// The line to print: what failed, then the flag and variable that change it.
    public let description: String

    init(_ what: String, change setting: String) {
        self.init(line: "\(what) (\(setting))")
    }

    private init(line: String) {
        // One line whatever the underlying message holds.
        description = line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A setting that cannot be read: its message names the variable already.
    public init(configuration error: any Error) {
        if let storage = error as? StorageError {
            self.init("the database location is not usable: \(storage.message)", change: Setting.database)
        } else {
            self.init(line: "\(error)")
        }
    }

    /// The flags and variables named in the messages.
    enum Setting {
        static let host = "set --host or LOGIX_HOST"
        static let port = "choose another port with --port or LOGIX_PORT"
        static let database = "set --database-url or LOGIX_DATABASE_URL"
        static let newerDatabase =
            "upgrade logix, or point --database-url or LOGIX_DATABASE_URL at another database"
        static let masterKey =
            "set --data-dir or LOGIX_DATA_DIR to a writable folder holding a readable logix-master.key, "
            + "or set LOGIX_MASTER_KEY"
        static let jwtKey =
            "set --data-dir or LOGIX_DATA_DIR to a writable folder holding a readable logix-jwt.key, "
            + "or set LOGIX_JWT_SECRET"
        static let storeCAFile = "set --store-ca-file or LOGIX_STORE_CA_FILE"
    }

    /// The database could not be opened, reached or migrated.
    static func database(_ error: any Error) -> StartupFailure {
        if let error = error as? StartupFailure { return error }
        guard let storage = error as? StorageError else {
            return StartupFailure("cannot open the database: \(error)", change: Setting.database)
        }
        if storage.kind == .schemaTooNew {
            return StartupFailure(
                "the database was migrated by a newer logix: \(storage.message)",
                change: Setting.newerDatabase)
        }
        return StartupFailure("cannot use the database: \(storage.message)", change: Setting.database)
    }

    /// The database's store keys are sealed under master keys this server did not load.
    static func masterKeyMissing(_ keys: [KeyID]) -> StartupFailure {
        let names = keys.map(\.rawValue).joined(separator: ", ")
        return StartupFailure(
            "the database's store keys are sealed under master key \(names), which this server does not have: "
                + "start it with the key file (or LOGIX_MASTER_KEY) that belongs to this database",
            change: Setting.masterKey)
    }

    /// Binding the listening socket failed: the port is taken, privileged, or the address is not this host's.
    /// Public for commands that run the application in a service group of their own (`logix demo`).
    public static func listening(_ error: any Error, host: String, port: Int) -> StartupFailure? {
        guard let error = error as? IOError else { return nil }
        switch error.errnoCode {
        case EADDRINUSE:
            return StartupFailure("port \(port) on \(host) is already in use by another program", change: Setting.port)
        case EACCES:
            return StartupFailure("port \(port) on \(host) needs privileges this process lacks", change: Setting.port)
        case EADDRNOTAVAIL:
            return StartupFailure("\(host) is not an address of this machine", change: Setting.host)
        default:
            return StartupFailure("cannot listen on \(host):\(port): \(error)", change: Setting.port)
        }
    }
}
