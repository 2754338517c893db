import Foundation
import LogixTestSupport
import Storage
import Testing

@testable import Sync

/// Secrets at rest: what reaches the database (and its WAL) is sealed; nothing of the plaintext is there.
@Suite struct IntegrationCredentialsTests {
    @Test func databaseFileHoldsNoPlaintextSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-vault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("logix.sqlite").path
        try await LogixDatabase.withOpen(.sqlite(path: path)) { database in try await storeAndReopen(database) }
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { bytes.append(data) }
        }
        #expect(bytes.count > 0)
        for secret in [
            Self.consumerKey, Self.consumerSecret, Self.webhookSecret,
            String(Self.consumerSecret.dropFirst(3).prefix(12)),
        ] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "plaintext found in the database files")
        }
    }

    /// `logix keys rotate`'s core: after a rotation every sealed value names the new key and opens to the same
    /// plaintext; the old key is gone and nothing in the database needed it.
    @Test(arguments: TestEngine.allCases)
    func rotationResealsEveryStoredSecret(engine: TestEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let vault = CredentialVault(keyRing: try KeyRing(current: .generate()))
            let credentials = IntegrationCredentials(vault: vault, database: database)
            let user = try await database.transaction {
                try await UserRecords().create(
                    email: "owner@example.test", passwordHash: "x", at: Date(), on: $0)
            }
            var ids: [Int64] = []
            for index in 1...3 {
                let record = try await credentials.create(
                    NewIntegration(
                        userID: user.id, platform: "woocommerce", storeURL: "https://shop\(index).example",
                        name: "Shop \(index)", createdAt: Date()),
                    credentials: StoreCredentials(
                        consumerKey: Secret("ck_\(index)"), consumerSecret: Secret("cs_\(index)"),
                        webhookSecret: index == 2 ? nil : Secret("wh_\(index)")))
                ids.append(record.id)
            }
            let oldKey = vault.currentKeyID
            let report = try await vault.rotateKeys { (vault: CredentialVault) async throws -> Void in
                let first = try await credentials.resealAll(using: vault)
                let second = try await credentials.resealAll(using: vault)
                #expect(first == 8)
                #expect(second == 0, "a second pass has nothing left")
            }
            #expect(report.retiredKeyIDs == [oldKey])
            for (index, id) in zip(1..., ids) {
                let record = try #require(
                    try await database.read { try await IntegrationRecords().find(id: id, on: $0) })
                for sealed in [record.consumerKeySealed, record.consumerSecretSealed]
                    + [record.webhookSecretSealed]
                    .compactMap({ $0 })
                {
                    #expect(try SealedSecret(parsing: sealed).keyID == report.currentKeyID)
                }
                let opened = try credentials.credentials(of: record)
                #expect(opened.consumerKey.revealed == "ck_\(index)")
                #expect(opened.consumerSecret.revealed == "cs_\(index)")
                #expect(opened.webhookSecret?.revealed == (index == 2 ? nil : "wh_\(index)"))
            }
        }
    }

    static let consumerKey = "ck_" + String(repeating: "7e", count: 20)
    static let consumerSecret = "cs_" + String(repeating: "a1", count: 20)
    static let webhookSecret = "WebhookSecret0123456789abcdefXYZ"

    private func storeAndReopen(_ database: LogixDatabase) async throws {
        try await Migrator(database: database).migrate()
        let (consumerKey, consumerSecret, webhookSecret) = (Self.consumerKey, Self.consumerSecret, Self.webhookSecret)

        let vault = CredentialVault(keyRing: try KeyRing(current: .generate()))
        let credentials = IntegrationCredentials(vault: vault, database: database)
        let user = try await database.transaction {
            try await UserRecords().create(
                email: "owner@example.test", passwordHash: "x", at: Date(), on: $0)
        }
        let stored = try await credentials.create(
            NewIntegration(
                userID: user.id, platform: "woocommerce", storeURL: "https://shop.example", name: "Shop",
                createdAt: Date()),
            credentials: StoreCredentials(
                consumerKey: Secret(consumerKey), consumerSecret: Secret(consumerSecret),
                webhookSecret: Secret(webhookSecret)))
        #expect(stored.consumerKeyLast4 == "7e7e")

        // What is read back opens to the originals.
        let reread = try #require(
            try await database.read { try await IntegrationRecords().find(id: stored.id, on: $0) })
        let opened = try credentials.credentials(of: reread)
        #expect(opened.consumerKey.revealed == consumerKey)
        #expect(opened.consumerSecret.revealed == consumerSecret)
        #expect(opened.webhookSecret?.revealed == webhookSecret)

        // A sealed value moved to another integration's row does not open there.
        let moved = IntegrationRecord(
            id: reread.id + 1, userID: reread.userID, platform: reread.platform, storeURL: reread.storeURL,
            consumerKeySealed: reread.consumerKeySealed, consumerKeyLast4: reread.consumerKeyLast4,
            consumerSecretSealed: reread.consumerSecretSealed, webhookSecretSealed: reread.webhookSecretSealed,
            name: reread.name, createdAt: reread.createdAt)
        #expect(throws: VaultError.self) { try credentials.credentials(of: moved) }
    }
}
