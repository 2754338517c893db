import Foundation
import Logging
import Storage
import Sync

/// The long-lived services the controllers share, built once by ``buildApplication(configuration:logger:)``.
public struct ServerServices: Sendable {
    public let configuration: ServerConfiguration
    public let database: LogixDatabase
    public let vault: CredentialVault
    public let tokens: TokenIssuer
    public let passwords: PasswordHasher
    public let stores: StoreConnector
    public let syncJobs: SyncJobs
    public let logger: Logger

    var integrations: SQLIntegrationRepository { SQLIntegrationRepository(database: database) }
    var users: SQLUserRepository { SQLUserRepository(database: database) }
}
