/// The master keys the vault knows: the current key seals, every key opens.
///
/// Rotation is a sequence of key-ring values, each safe to publish on its own:
/// 1. `rotated(to:)` — a new current key; the old current key moves to `previous`, so everything sealed before
///    keeps opening while values are re-sealed (no downtime).
/// 2. re-seal every stored value (`CredentialVault.resealIfNeeded`), which moves it to the new key id.
/// 3. `retiringPreviousKeys()` — drop the old keys; anything still sealed under them no longer opens.
public struct KeyRing: Sendable, CustomStringConvertible {
    /// The key new values are sealed with.
    public let current: MasterKey
    /// Older keys, newest first, kept only to open values sealed before a rotation.
    public let previous: [MasterKey]

    /// A ring from a current key and older keys.
    ///
    /// Repeats of a key (e.g. the current key also listed as previous) are dropped. Two different keys with the
    /// same id cannot be told apart in a sealed secret, so they are refused.
    public init(current: MasterKey, previous: [MasterKey] = []) throws(VaultError) {
        var seen: [KeyID: MasterKey] = [current.id: current]
        var kept: [MasterKey] = []
        for key in previous {
            if let known = seen[key.id] {
                guard known.symmetricKey == key.symmetricKey else {
                    throw VaultError(.invalidRotation, "two different master keys share the id \(key.id)")
                }
                continue
            }
            seen[key.id] = key
            kept.append(key)
        }
        self.current = current
        self.previous = kept
    }

    /// Every key id in the ring, current first.
    public var keyIDs: [KeyID] { [current.id] + previous.map(\.id) }

    /// The key that sealed a value with this id, if the ring still holds it.
    public func key(for id: KeyID) -> MasterKey? {
        if current.id == id { return current }
        return previous.first { $0.id == id }
    }

    /// Step 1 of a rotation: `newKey` becomes current and the old current key stays readable as the newest
    /// previous key.
    public func rotated(to newKey: MasterKey = .generate()) throws(VaultError) -> KeyRing {
        guard key(for: newKey.id) == nil else {
            throw VaultError(.invalidRotation, "key \(newKey.id) is already in the key ring")
        }
        return try KeyRing(current: newKey, previous: [current] + previous)
    }

    /// Step 3 of a rotation: a ring with only the current key. Run it only after every stored value was re-sealed.
    public func retiringPreviousKeys() -> KeyRing {
        // Cannot fail: a single key has no duplicates.
        try! KeyRing(current: current)
    }

    /// A ring without the key `id`. The current key cannot be retired: new values would have nothing to seal with.
    public func retiring(_ id: KeyID) throws(VaultError) -> KeyRing {
        guard id != current.id else {
            throw VaultError(.invalidRotation, "key \(id) is the current key; rotate to a new key before retiring it")
        }
        guard key(for: id) != nil else {
            throw VaultError(.unknownKey, "key \(id) is not in the key ring")
        }
        return try KeyRing(current: current, previous: previous.filter { $0.id != id })
    }

    public var description: String {
        "KeyRing(current: \(current.id), previous: [\(previous.map(\.id.rawValue).joined(separator: ", "))])"
    }
}
