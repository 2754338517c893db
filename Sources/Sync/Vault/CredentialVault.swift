import Crypto
import Foundation
import Logging
import Synchronization

/// Encrypts integration credentials at rest (ARCHITECTURE.md, "Secrets stay secret") with AES-256-GCM under a
/// rotating key ring.
///
/// Every value is sealed with the ring's current key, a fresh random nonce, and its `SecretContext` (field and
/// record) as authenticated data. Opening accepts any key still in the ring, which is what makes rotation
/// possible with no downtime: values sealed before a rotation keep opening until their key is retired.
///
/// A shared, `Sendable` service: the key ring is swapped atomically on rotation or reload, so seals and opens in
/// flight always see one whole ring. It never logs a secret or a key — only key ids.
///
/// With a key file, the vault follows the file: before each seal or open it compares the file's stamp (one
/// `stat`) with the one it read, and reads the file again when `logix keys rotate` replaced it. A running server
/// therefore opens values re-sealed under the new key, and never seals under a key the rotation retired (which
/// a restart would make unreadable).
public final class CredentialVault: Sendable, CustomStringConvertible {
    private struct Loaded: Sendable {
        var ring: KeyRing
        var stamp: KeyFileStamp?
    }
    private let loaded: Mutex<Loaded>
    private let provider: MasterKeyProvider?
    private let logger: Logger

    /// A vault over `keyRing`. With a `provider`, rotations are persisted to it and `reloadKeyRing()` reads it;
    /// without one (tests, tools) rotations stay in memory.
    public init(keyRing: KeyRing, provider: MasterKeyProvider? = nil, logger: Logger = Logger(label: "logix.vault")) {
        self.loaded = Mutex(Loaded(ring: keyRing, stamp: provider?.keyFileStamp()))
        self.provider = provider
        self.logger = logger
    }

    /// Loads the key ring from `provider` (creating the key file on first start) and returns a vault over it.
    public static func load(
        from provider: MasterKeyProvider,
        logger: Logger = Logger(label: "logix.vault")
    ) async throws(VaultError) -> CredentialVault {
        let keyRing = try await provider.loadKeyRing()
        logger.info(
            "credential vault ready",
            metadata: [
                "current_key": "\(keyRing.current.id)",
                "previous_keys": "\(keyRing.previous.map(\.id.rawValue).joined(separator: ","))",
            ]
        )
        return CredentialVault(keyRing: keyRing, provider: provider, logger: logger)
    }

    /// The keys in use now: the key file's, read again if it was replaced since.
    public var keyRing: KeyRing {
        guard let provider, let stamp = provider.keyFileStamp() else { return loaded.withLock { $0.ring } }
        return loaded.withLock { loaded in
            guard loaded.stamp != stamp else { return loaded.ring }
            loaded.stamp = stamp
            do {
                if let ring = try provider.keyFileRing(), ring.keyIDs != loaded.ring.keyIDs {
                    loaded.ring = ring
                    logger.notice(
                        "master key file changed; key ring reloaded", metadata: ["current_key": "\(ring.current.id)"])
                }
            } catch {
                // Keep the ring that works; the file is looked at again when it next changes.
                logger.error(
                    "master key file changed but cannot be read; keeping the loaded keys",
                    metadata: ["error": "\(error)"])
            }
            return loaded.ring
        }
    }

    private func replaceRing(_ ring: KeyRing) {
        let stamp = provider?.keyFileStamp()
        loaded.withLock { $0 = Loaded(ring: ring, stamp: stamp) }
    }

    /// The id new values are sealed under.
    public var currentKeyID: KeyID { keyRing.current.id }

    // MARK: Sealing

    /// Encrypts `secret` for `context` under the current key.
    public func seal(_ secret: Secret, for context: SecretContext) throws(VaultError) -> SealedSecret {
        try Self.seal(Data(secret.revealed.utf8), with: keyRing.current, for: context)
    }

    /// Decrypts `sealed`, which must have been sealed for exactly this `context` by a key still in the ring.
    ///
    /// Throws `.unknownKey` if its key is not in the ring (retired, or created by another process since this
    /// one loaded — see `reloadKeyRing()`), `.authenticationFailed` if it was altered or belongs to another
    /// field or record.
    public func open(_ sealed: SealedSecret, for context: SecretContext) throws(VaultError) -> Secret {
        guard let key = keyRing.key(for: sealed.keyID) else {
            throw VaultError(.unknownKey, "sealed secret for \(context) uses key \(sealed.keyID), not in the key ring")
        }
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.combined)
            plaintext = try AES.GCM.open(
                box,
                using: key.symmetricKey,
                authenticating: context.authenticatedData(version: sealed.version, keyID: sealed.keyID)
            )
        } catch {
            // One kind for every failure: telling "wrong field" from "tampered" would help an attacker, not us.
            throw VaultError(
                .authenticationFailed,
                "sealed secret for \(context) under key \(sealed.keyID) failed authentication "
                    + "(altered, or sealed for another field or record)"
            )
        }
        guard let text = String(validating: plaintext, as: UTF8.self) else {
            throw VaultError(.malformedSecret, "sealed secret for \(context) does not hold text")
        }
        return Secret(text)
    }

    /// Parses a stored column value and opens it.
    public func open(stored: String, for context: SecretContext) throws(VaultError) -> Secret {
        try open(SealedSecret(parsing: stored), for: context)
    }

    // MARK: Rotation

    /// Whether `sealed` is under a key other than the current one, i.e. a rotation has yet to move it.
    public func needsResealing(_ sealed: SealedSecret) -> Bool {
        sealed.keyID != currentKeyID
    }

    /// Step 2 of a rotation, for one stored value: the value sealed again under the current key, or nil if it
    /// already is (so the caller writes only what changed). Safe to run repeatedly and concurrently with
    /// normal traffic.
    public func resealIfNeeded(_ sealed: SealedSecret, for context: SecretContext) throws(VaultError) -> SealedSecret? {
        let ring = keyRing
        guard sealed.keyID != ring.current.id else { return nil }
        let secret = try open(sealed, for: context)
        return try Self.seal(Data(secret.revealed.utf8), with: ring.current, for: context)
    }

    /// Step 1 of a rotation: `newKey` becomes the current key; the old keys stay in the ring so everything
    /// sealed so far keeps opening. The new ring is stored by the provider *before* it is used, so no value is
    /// ever sealed under a key that a crash could lose.
    @discardableResult
    public func beginRotation(to newKey: MasterKey = .generate()) async throws(VaultError) -> KeyID {
        let rotated = try keyRing.rotated(to: newKey)
        try await provider?.storeKeyRing(rotated)
        replaceRing(rotated)
        logger.notice(
            "master key rotation started",
            metadata: ["current_key": "\(rotated.current.id)", "previous_keys": "\(rotated.previous.count)"]
        )
        return rotated.current.id
    }

    /// Step 3 of a rotation: forgets every key but the current one. Values still sealed under a retired key stop
    /// opening, so run this only once every stored value was re-sealed. Returns the retired key ids.
    @discardableResult
    public func retirePreviousKeys() async throws(VaultError) -> [KeyID] {
        let before = keyRing
        guard !before.previous.isEmpty else { return [] }
        let retired = before.retiringPreviousKeys()
        try await provider?.storeKeyRing(retired)
        replaceRing(retired)
        let retiredIDs = before.previous.map(\.id)
        logger.notice(
            "previous master keys retired",
            metadata: ["current_key": "\(retired.current.id)", "retired_keys": "\(retiredIDs.map(\.rawValue))"]
        )
        return retiredIDs
    }

    /// A whole rotation, as `logix keys rotate` runs it: begin (new current key, stored), re-seal every stored
    /// value with `resealAll`, then retire the old keys.
    ///
    /// `resealAll` gets this vault and must visit every stored sealed value, writing back what
    /// `resealIfNeeded` returns. If it throws, the old keys are kept (nothing becomes unreadable) and the
    /// rotation can be finished later by re-sealing again and calling `retirePreviousKeys()`.
    public func rotateKeys(
        to newKey: MasterKey = .generate(),
        resealingWith resealAll: (CredentialVault) async throws -> Void
    ) async throws -> KeyRotationReport {
        let newKeyID = try await beginRotation(to: newKey)
        try await resealAll(self)
        let retired = try await retirePreviousKeys()
        return KeyRotationReport(currentKeyID: newKeyID, retiredKeyIDs: retired)
    }

    /// Re-reads the key ring from the provider: how a long-running process picks up a rotation done by
    /// `logix keys rotate` (e.g. after an open fails with `.unknownKey`).
    public func reloadKeyRing() async throws(VaultError) {
        guard let provider else { return }
        let ring = try await provider.loadKeyRing()
        let previous = loaded.withLock { $0.ring.current.id }
        replaceRing(ring)
        if previous != ring.current.id {
            logger.notice("master key ring reloaded", metadata: ["current_key": "\(ring.current.id)"])
        }
    }

    public var description: String { "CredentialVault(\(keyRing))" }

    private static func seal(
        _ plaintext: Data,
        with key: MasterKey,
        for context: SecretContext
    ) throws(VaultError) -> SealedSecret {
        do {
            // A fresh random 96-bit nonce per seal: the same secret sealed twice gives different ciphertexts, and
            // nonce reuse (fatal for GCM) is negligible at the volume of credentials a vault holds.
            let box = try AES.GCM.seal(
                plaintext,
                using: key.symmetricKey,
                nonce: AES.GCM.Nonce(),
                authenticating: context.authenticatedData(version: SealedSecret.currentVersion, keyID: key.id)
            )
            guard let combined = box.combined else {
                throw VaultError(.malformedSecret, "AES-GCM produced no combined form")
            }
            return SealedSecret(keyID: key.id, combined: combined)
        } catch let error as VaultError {
            throw error
        } catch {
            throw VaultError(.authenticationFailed, "AES-GCM sealing failed for \(context)")
        }
    }
}

/// What a completed rotation did, for `logix keys rotate` to print (key ids only).
public struct KeyRotationReport: Sendable, Equatable, CustomStringConvertible {
    /// The key every value is now sealed under.
    public let currentKeyID: KeyID
    /// The keys removed from the ring.
    public let retiredKeyIDs: [KeyID]

    public var description: String {
        "rotated to key \(currentKeyID); retired \(retiredKeyIDs.map(\.rawValue).joined(separator: ", "))"
    }
}
