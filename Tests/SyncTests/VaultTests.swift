import Foundation
import Testing

@testable import Sync

/// The credential vault: sealing, tamper detection, master-key sources and rotation
/// (ARCHITECTURE.md, "Secrets stay secret").
@Suite("VaultTests")
struct VaultTests {
    static let consumerSecret = SecretContext(field: .consumerSecret, integrationID: 42)

    static func makeVault() throws -> CredentialVault {
        try CredentialVault(keyRing: KeyRing(current: .generate()))
    }

    // MARK: Sealing

    @Test(arguments: [
        "cs_4f1c2a9e8b7d6c5b4a39281706f5e4d3c2b1a0f9",
        "sécret-密码-🔑-Ünïcødé",
        "",
    ])
    func sealAndOpenRoundTrip(plaintext: String) throws {
        let vault = try Self.makeVault()
        let sealed = try vault.seal(Secret(plaintext), for: Self.consumerSecret)
        #expect(sealed.keyID == vault.currentKeyID)
        #expect(try vault.open(sealed, for: Self.consumerSecret).revealed == plaintext)
        // Through the stored string, as it comes back from the database.
        #expect(try vault.open(stored: sealed.rawValue, for: Self.consumerSecret).revealed == plaintext)
    }

    @Test func largeSecretRoundTrip() throws {
        let vault = try Self.makeVault()
        let plaintext = String(repeating: "ключ-", count: 5_000)
        let sealed = try vault.seal(Secret(plaintext), for: Self.consumerSecret)
        #expect(try vault.open(sealed, for: Self.consumerSecret) == Secret(plaintext))
    }

    @Test func sealedFormIsSelfDescribingAndHoldsNoPlaintext() throws {
        let vault = try Self.makeVault()
        let plaintext = "cs_PLAINTEXT_MARKER_0123456789"
        let sealed = try vault.seal(Secret(plaintext), for: Self.consumerSecret)
        let parts = sealed.rawValue.split(separator: ":", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts[0] == "v1")
        #expect(parts[1] == Substring(vault.currentKeyID.rawValue))
        // nonce (12) + ciphertext (same length as the plaintext) + tag (16)
        #expect(Data(base64Encoded: String(parts[2]))?.count == 12 + plaintext.utf8.count + 16)
        for leak in [plaintext, "PLAINTEXT_MARKER", Data(plaintext.utf8).base64EncodedString()] {
            #expect(!sealed.rawValue.contains(leak))
            #expect(!sealed.description.contains(leak))
        }
        #expect(try SealedSecret(parsing: sealed.rawValue) == sealed)
    }

    @Test func sameSecretSealsDifferentlyEachTime() throws {
        let vault = try Self.makeVault()
        let sealings = try (0..<20).map { _ in try vault.seal(Secret("same secret"), for: Self.consumerSecret) }
        #expect(Set(sealings.map(\.rawValue)).count == sealings.count)
        for sealed in sealings {
            #expect(try vault.open(sealed, for: Self.consumerSecret).revealed == "same secret")
        }
    }

    @Test func descriptionsRevealNoSecretOrKey() throws {
        let key = MasterKey.generate()
        let ring = try KeyRing(current: key)
        let vault = CredentialVault(keyRing: ring)
        let secret = Secret("cs_super_secret_value")
        let keyText = key.exportBase64()
        var dumped = ""
        dump(secret, to: &dumped)
        dump(key, to: &dumped)
        let rendered = [
            "\(secret)", String(reflecting: secret), "\([secret])", dumped,
            "\(key)", String(reflecting: key), "\(ring)", "\(vault)",
            "\(try MasterKeyProvider(environment: ["LOGIX_MASTER_KEY": keyText]))",
        ]
        for text in rendered {
            #expect(!text.contains("super_secret"), "\(text)")
            #expect(!text.contains(keyText), "\(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(secret.lastFour == "alue")
        #expect(Secret("ck_x").lastFour == "_x")  // a short key shows at most half of itself
        #expect(Secret("k").lastFour == "")
    }

    // MARK: Tampering

    @Test func everyFlippedByteFailsAuthentication() throws {
        let vault = try Self.makeVault()
        let sealed = try vault.seal(Secret("cs_abcdef"), for: Self.consumerSecret)
        let payload = try #require(Data(base64Encoded: String(sealed.rawValue.split(separator: ":")[2])))
        // Every byte: nonce, ciphertext and tag.
        for index in payload.indices {
            var altered = payload
            altered[index] ^= 0x01
            let forged = "v1:\(sealed.keyID):\(altered.base64EncodedString())"
            let error = #expect(throws: VaultError.self) {
                try vault.open(stored: forged, for: Self.consumerSecret)
            }
            #expect(error?.kind == .authenticationFailed)
        }
        // Truncating the tag fails too.
        let truncated = "v1:\(sealed.keyID):\(payload.dropLast().base64EncodedString())"
        #expect(throws: VaultError.self) { try vault.open(stored: truncated, for: Self.consumerSecret) }
    }

    @Test(arguments: [
        SecretContext(field: .webhookSecret, integrationID: 42),  // copied into another column
        SecretContext(field: .consumerKey, integrationID: 42),
        SecretContext(field: .consumerSecret, integrationID: 43),  // copied into another integration's row
        SecretContext(field: .consumerSecret, scope: "integration:42 "),
    ])
    func ciphertextMovedToAnotherFieldOrRowFails(wrongContext: SecretContext) throws {
        let vault = try Self.makeVault()
        let sealed = try vault.seal(Secret("whsec_abc"), for: Self.consumerSecret)
        let error = #expect(throws: VaultError.self) { try vault.open(sealed, for: wrongContext) }
        #expect(error?.kind == .authenticationFailed)
        #expect(error.map { !$0.message.contains("whsec_abc") } ?? false)
    }

    @Test func wrongKeyIDFails() async throws {
        let vault = try Self.makeVault()
        let sealed = try vault.seal(Secret("cs_abc"), for: Self.consumerSecret)
        let payload = sealed.rawValue.split(separator: ":")[2]

        // A key id the ring does not know.
        let unknown = #expect(throws: VaultError.self) {
            try vault.open(stored: "v1:00000000:\(payload)", for: Self.consumerSecret)
        }
        #expect(unknown?.kind == .unknownKey)

        // Another key the ring does know: relabelling the ciphertext must not open it.
        let other = try await vault.beginRotation()
        let relabelled = #expect(throws: VaultError.self) {
            try vault.open(stored: "v1:\(other):\(payload)", for: Self.consumerSecret)
        }
        #expect(relabelled?.kind == .authenticationFailed)
    }

    @Test(arguments: [
        ("", VaultError.Kind.malformedSecret),
        ("cs_plaintext_secret", .malformedSecret),
        ("v1:abc:AAAA", .malformedSecret),
        ("v1:ABCDEF01:" + Data(count: 40).base64EncodedString(), .malformedSecret),
        ("v1:abcdef01:not base64!", .malformedSecret),
        ("v1:abcdef01:" + Data(count: 20).base64EncodedString(), .malformedSecret),
        ("v2:abcdef01:" + Data(count: 40).base64EncodedString(), .unsupportedVersion),
    ])
    func malformedStoredValuesAreRejected(stored: String, kind: VaultError.Kind) {
        let error = #expect(throws: VaultError.self) { try SealedSecret(parsing: stored) }
        #expect(error?.kind == kind)
        if !stored.isEmpty { #expect(error.map { !$0.message.contains(stored) } ?? false) }
    }

    @Test func sealedSecretCodesAsTheBareString() throws {
        let vault = try Self.makeVault()
        let sealed = try vault.seal(Secret("cs_abc"), for: Self.consumerSecret)
        let json = try JSONEncoder().encode([sealed])
        #expect(
            String(decoding: json, as: UTF8.self)
                == "[\"\(sealed.rawValue.replacingOccurrences(of: "/", with: "\\/"))\"]")
        #expect(try JSONDecoder().decode([SealedSecret].self, from: json) == [sealed])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([SealedSecret].self, from: Data("[\"x\"]".utf8))
        }
    }

    // MARK: Master key sources

    @Test func keyFromEnvironment() async throws {
        let zeroKey = Data(count: 32).base64EncodedString()
        let provider = try MasterKeyProvider(environment: [
            "LOGIX_MASTER_KEY": zeroKey, "LOGIX_DATA_DIR": "/nonexistent",
        ])
        #expect(provider.keyFilePath == nil)
        #expect(!provider.canStoreKeyRing)
        let ring = try await provider.loadKeyRing()
        // SHA-256 of 32 zero bytes begins 66687aad: the id is derived from the key, so it is stable.
        #expect(ring.current.id.rawValue == "66687aad")
        #expect(ring.previous.isEmpty)
        #expect(try await provider.loadKeyRing().current.id == ring.current.id)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/logix-master.key"))

        let error = await #expect(throws: VaultError.self) { try await provider.storeKeyRing(ring.rotated()) }
        #expect(error?.kind == .keyRingReadOnly)
    }

    @Test func previousKeysFromEnvironment() async throws {
        let old1 = MasterKey.generate()
        let old2 = MasterKey.generate()
        let current = MasterKey.generate()
        let provider = try MasterKeyProvider(environment: [
            "LOGIX_MASTER_KEY": current.exportBase64() + "\n",
            "LOGIX_MASTER_KEY_PREVIOUS": " \(old1.exportBase64()), \(old2.exportBase64()),",
        ])
        let ring = try await provider.loadKeyRing()
        #expect(ring.keyIDs == [current.id, old1.id, old2.id])

        // A value sealed under an old key opens with the new environment and moves on re-sealing.
        let sealed = try CredentialVault(keyRing: KeyRing(current: old2)).seal(
            Secret("cs_old"), for: Self.consumerSecret)
        let vault = CredentialVault(keyRing: ring, provider: provider)
        #expect(try vault.open(sealed, for: Self.consumerSecret).revealed == "cs_old")
        let moved = try #require(try vault.resealIfNeeded(sealed, for: Self.consumerSecret))
        #expect(moved.keyID == current.id)
    }

    @Test(arguments: [
        ["LOGIX_MASTER_KEY": ""],
        ["LOGIX_MASTER_KEY": "not*base64*at*all"],
        ["LOGIX_MASTER_KEY": Data(count: 16).base64EncodedString()],
        ["LOGIX_MASTER_KEY": Data(count: 33).base64EncodedString()],
        ["LOGIX_MASTER_KEY": Data(count: 32).base64EncodedString(), "LOGIX_MASTER_KEY_PREVIOUS": "c2hvcnQ="],
        ["LOGIX_MASTER_KEY_PREVIOUS": Data(count: 32).base64EncodedString()],
    ])
    func invalidEnvironmentKeyIsAClearError(environment: [String: String]) {
        let error = #expect(throws: VaultError.self) { try MasterKeyProvider(environment: environment) }
        #expect(error?.kind == .invalidMasterKey)
        #expect(error?.message.contains("LOGIX_MASTER_KEY") == true)
        for value in environment.values where value.count > 4 {
            #expect(error.map { !$0.message.contains(value) } ?? false, "error must not echo the key")
        }
    }

    @Test func keyFileIsCreatedWithMode0600OnFirstStartAndReused() async throws {
        try await withTemporaryDirectory { directory in
            let dataDirectory = directory + "/data/nested"
            let provider = try MasterKeyProvider(environment: ["LOGIX_DATA_DIR": dataDirectory])
            let path = try #require(provider.keyFilePath)
            #expect(path == dataDirectory + "/logix-master.key")
            #expect(!FileManager.default.fileExists(atPath: path))

            let first = try await provider.loadKeyRing()
            #expect(try permissions(of: path) == 0o600)
            let second = try await MasterKeyProvider(keyFilePath: path).loadKeyRing()
            #expect(second.current.id == first.current.id)

            // Values sealed by one start open after a restart.
            let sealed = try CredentialVault(keyRing: first).seal(Secret("cs_persisted"), for: Self.consumerSecret)
            let restarted = try await CredentialVault.load(from: provider)
            #expect(try restarted.open(sealed, for: Self.consumerSecret).revealed == "cs_persisted")

            // No stray temporary files are left beside the key.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dataDirectory) == ["logix-master.key"])
        }
    }

    @Test func defaultDataDirectoryIsTheWorkingDirectory() throws {
        let provider = try MasterKeyProvider(environment: [:])
        #expect(provider.keyFilePath == "./logix-master.key")
    }

    @Test func concurrentFirstStartsAgreeOnOneKey() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/logix-master.key"
            let ids = try await withThrowingTaskGroup(of: KeyID.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await MasterKeyProvider(keyFilePath: path).loadKeyRing().current.id }
                }
                return try await group.reduce(into: Set<KeyID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await MasterKeyProvider(keyFilePath: path).loadKeyRing().current.id == ids.first)
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o602])
    func keyFileAccessibleToOthersIsRefused(mode: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/logix-master.key"
            _ = try await MasterKeyProvider(keyFilePath: path).loadKeyRing()
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)

            let error = await #expect(throws: VaultError.self) {
                try await MasterKeyProvider(keyFilePath: path).loadKeyRing()
            }
            #expect(error?.kind == .insecureKeyFile)
            #expect(error?.message.contains("0" + String(mode, radix: 8)) == true)
            #expect(error?.message.contains("chmod 600") == true)
        }
    }

    @Test func bareBase64KeyFileIsAccepted() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/logix-master.key"
            let key = MasterKey.generate()
            try writeFile(path, key.exportBase64() + "\n", mode: 0o600)
            #expect(try await MasterKeyProvider(keyFilePath: path).loadKeyRing().current.id == key.id)

            try writeFile(path, "logix-master-key v1\nprevious \(key.exportBase64())\n", mode: 0o600)
            let error = await #expect(throws: VaultError.self) {
                try await MasterKeyProvider(keyFilePath: path).loadKeyRing()
            }
            #expect(error?.kind == .keyFile)
            #expect(error.map { !$0.message.contains(key.exportBase64()) } ?? false)
        }
    }

    // MARK: Rotation

    @Test func rotationKeepsOldValuesReadableThenRetiresThem() async throws {
        let vault = try Self.makeVault()
        let oldKeyID = vault.currentKeyID
        let contexts = (1...5).map { SecretContext(field: .webhookSecret, integrationID: Int64($0)) }
        var database = try Dictionary(
            uniqueKeysWithValues: contexts.map { ($0, try vault.seal(Secret("whsec_\($0.scope)"), for: $0)) }
        )
        let before = database

        let newKeyID = try await vault.beginRotation()
        #expect(newKeyID != oldKeyID)
        #expect(vault.keyRing.keyIDs == [newKeyID, oldKeyID])
        // During the rotation: old values open, new values are sealed under the new key.
        for (context, sealed) in database {
            #expect(vault.needsResealing(sealed))
            #expect(try vault.open(sealed, for: context).revealed == "whsec_\(context.scope)")
        }
        #expect(try vault.seal(Secret("new"), for: contexts[0]).keyID == newKeyID)

        // Re-sealing moves every value to the new key, and is idempotent.
        for (context, sealed) in database {
            let moved = try #require(try vault.resealIfNeeded(sealed, for: context))
            #expect(moved.keyID == newKeyID)
            #expect(try vault.resealIfNeeded(moved, for: context) == nil)
            database[context] = moved
        }

        #expect(try await vault.retirePreviousKeys() == [oldKeyID])
        #expect(vault.keyRing.keyIDs == [newKeyID])
        for (context, sealed) in database {
            #expect(try vault.open(sealed, for: context).revealed == "whsec_\(context.scope)")
        }
        for (context, sealed) in before {
            let error = #expect(throws: VaultError.self) { try vault.open(sealed, for: context) }
            #expect(error?.kind == .unknownKey)
        }
    }

    @Test func rotationThroughTheKeyFileSurvivesRestartsAndReachesOtherProcesses() async throws {
        try await withTemporaryDirectory { directory in
            let provider = try MasterKeyProvider(environment: ["LOGIX_DATA_DIR": directory])
            let path = try #require(provider.keyFilePath)
            let vault = try await CredentialVault.load(from: provider)
            let otherProcess = try await CredentialVault.load(from: provider)
            let oldKeyID = vault.currentKeyID
            let contexts = (1...20).map { SecretContext(field: .consumerSecret, integrationID: Int64($0)) }
            let database = Database(
                try contexts.map { ($0, try vault.seal(Secret("cs_\($0.scope)_ü"), for: $0)) }
            )
            let originals = await database.all()

            let report = try await vault.rotateKeys { vault in
                // The "other process" keeps serving old values during the rotation.
                let (context, sealed) = originals[0]
                #expect(try otherProcess.open(sealed, for: context).revealed == "cs_\(context.scope)_ü")
                #expect(try await MasterKeyProvider(keyFilePath: path).loadKeyRing().keyIDs.count == 2)

                for (context, sealed) in await database.all() {
                    if let moved = try vault.resealIfNeeded(sealed, for: context) {
                        await database.write(context, moved)
                    }
                }
            }
            #expect(report.retiredKeyIDs == [oldKeyID])
            #expect(report.currentKeyID != oldKeyID)
            #expect(try permissions(of: path) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["logix-master.key"])

            // A restart reads the rotated ring: only the new key.
            let restarted = try await CredentialVault.load(from: provider)
            #expect(restarted.keyRing.keyIDs == [report.currentKeyID])
            for (context, sealed) in await database.all() {
                #expect(sealed.keyID == report.currentKeyID)
                #expect(try restarted.open(sealed, for: context).revealed == "cs_\(context.scope)_ü")
            }
            for (context, sealed) in originals {
                let error = #expect(throws: VaultError.self) { try restarted.open(sealed, for: context) }
                #expect(error?.kind == .unknownKey)
            }

            // A long-running process that loaded before the rotation follows the replaced key file by itself: it
            // opens the re-sealed values, and seals under the new key, never under the retired one.
            let (context, moved) = try #require(await database.all().first)
            #expect(try otherProcess.open(moved, for: context).revealed == "cs_\(context.scope)_ü")
            #expect(otherProcess.keyRing.keyIDs == [report.currentKeyID])
            let sealedAfter = try otherProcess.seal(Secret("cs_new"), for: context)
            #expect(sealedAfter.keyID == report.currentKeyID)
            #expect(try restarted.open(sealedAfter, for: context).revealed == "cs_new")
        }
    }

    @Test func failedResealingKeepsOldKeys() async throws {
        let vault = try Self.makeVault()
        let oldKeyID = vault.currentKeyID
        let sealed = try vault.seal(Secret("cs_abc"), for: Self.consumerSecret)
        struct Interrupted: Error {}
        await #expect(throws: Interrupted.self) {
            _ = try await vault.rotateKeys { _ in throw Interrupted() }
        }
        #expect(vault.keyRing.keyIDs.last == oldKeyID)
        #expect(try vault.open(sealed, for: Self.consumerSecret).revealed == "cs_abc")
        // Finishing later: re-seal, then retire.
        let moved = try #require(try vault.resealIfNeeded(sealed, for: Self.consumerSecret))
        #expect(try await vault.retirePreviousKeys() == [oldKeyID])
        #expect(try vault.open(moved, for: Self.consumerSecret).revealed == "cs_abc")
    }

    @Test func keyRingRefusesToLoseTheCurrentKey() throws {
        let ring = try KeyRing(current: .generate())
        let error = #expect(throws: VaultError.self) { try ring.retiring(ring.current.id) }
        #expect(error?.kind == .invalidRotation)
        #expect(throws: VaultError.self) { try ring.rotated(to: ring.current) }
        let rotated = try ring.rotated()
        #expect(try rotated.retiring(ring.current.id).keyIDs == [rotated.current.id])
        // The same key listed twice collapses to one entry.
        #expect(try KeyRing(current: ring.current, previous: [ring.current]).keyIDs == [ring.current.id])
    }
}

/// Stored sealed values standing in for the `integrations` table, shared with the re-sealing closure.
private actor Database {
    private var rows: [(SecretContext, SealedSecret)]

    init(_ rows: [(SecretContext, SealedSecret)]) {
        self.rows = rows
    }

    func all() -> [(SecretContext, SealedSecret)] { rows }

    func write(_ context: SecretContext, _ sealed: SealedSecret) {
        if let index = rows.firstIndex(where: { $0.0 == context }) { rows[index].1 = sealed }
    }
}

private func withTemporaryDirectory(_ body: (String) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await body(directory)
}

private func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

private func writeFile(_ path: String, _ text: String, mode: Int) throws {
    try? FileManager.default.removeItem(atPath: path)
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}
