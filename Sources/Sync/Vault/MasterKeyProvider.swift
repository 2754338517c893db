import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the master keys come from, and where a rotated key ring is kept.
///
/// - `LOGIX_MASTER_KEY` set: the current key is that value (base64 of 32 bytes) and `LOGIX_MASTER_KEY_PREVIOUS`
///   (comma-separated, optional) lists older keys that still open. The operator owns these variables, so the
///   vault cannot store a new ring: rotating means setting a new `LOGIX_MASTER_KEY`, moving the old one to
///   `LOGIX_MASTER_KEY_PREVIOUS`, re-sealing, then removing it.
/// - otherwise: the key file `logix-master.key` in `LOGIX_DATA_DIR` (default `.`), created on first start with
///   mode 0600 and refused if group or others may access it. It holds the current and previous keys, so the
///   vault can rotate on its own.
public struct MasterKeyProvider: Sendable, CustomStringConvertible {
    /// The variable holding the current master key.
    public static let masterKeyVariable = "LOGIX_MASTER_KEY"
    /// The variable holding older keys, comma-separated, that still open values during a rotation.
    public static let previousKeysVariable = "LOGIX_MASTER_KEY_PREVIOUS"
    /// The variable naming the data directory that holds the key file.
    public static let dataDirectoryVariable = "LOGIX_DATA_DIR"
    /// The key file's name inside the data directory.
    public static let keyFileName = "logix-master.key"

    private enum Source: Sendable {
        // Parsed up front so a bad variable stops the process at start, not at the first request.
        case environment(KeyRing)
        case keyFile(path: String)
    }
    private let source: Source

    /// Chooses the source from the environment, as described on the type. Throws `.invalidMasterKey` if a key
    /// variable is set but not base64 of exactly 32 bytes; the message names the variable, never its value.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(VaultError) {
        guard let currentText = environment[Self.masterKeyVariable] else {
            if environment[Self.previousKeysVariable] != nil {
                throw VaultError(
                    .invalidMasterKey,
                    "\(Self.previousKeysVariable) is set but \(Self.masterKeyVariable) is not; previous keys "
                        + "only apply to keys from the environment"
                )
            }
            let directory = environment[Self.dataDirectoryVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "."
            let separator = directory.hasSuffix("/") ? "" : "/"
            self.source = .keyFile(path: directory + separator + Self.keyFileName)
            return
        }
        let current = try MasterKey(base64: currentText, source: Self.masterKeyVariable)
        var previous: [MasterKey] = []
        let previousTexts = (environment[Self.previousKeysVariable] ?? "").split(separator: ",")
        for (index, text) in previousTexts.enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            previous.append(try MasterKey(base64: trimmed, source: "\(Self.previousKeysVariable) entry \(index + 1)"))
        }
        self.source = .environment(try KeyRing(current: current, previous: previous))
    }

    /// Keys from the key file at `path`, created on first load.
    public init(keyFilePath path: String) {
        self.source = .keyFile(path: path)
    }

    /// The key file's path, or nil when the keys come from the environment.
    public var keyFilePath: String? {
        if case .keyFile(let path) = source { return path }
        return nil
    }

    /// Whether `storeKeyRing` can persist a rotated ring (only with a key file).
    public var canStoreKeyRing: Bool { keyFilePath != nil }

    /// The key ring. With a key file that does not exist yet, creates it (mode 0600) holding a new random key;
    /// if several processes start at once, exactly one key wins and all of them use it.
    public func loadKeyRing() async throws(VaultError) -> KeyRing {
        switch source {
        case .environment(let ring):
            return ring
        case .keyFile(let path):
            if let ring = try KeyFile.load(path) { return ring }
            let ring = try KeyRing(current: .generate())
            if try KeyFile.createIfAbsent(path, contents: KeyFile.render(ring)) { return ring }
            // Another process created the file first; its key is the one every process must share.
            guard let winner = try KeyFile.load(path) else {
                throw VaultError(.keyFile, "key file \(path) vanished while it was being created")
            }
            return winner
        }
    }

    /// Replaces the key file with `ring`, atomically (a new 0600 file renamed over the old one), so a crash
    /// leaves either the old ring or the new one, never a torn file. Throws `.keyRingReadOnly` for keys from
    /// the environment.
    public func storeKeyRing(_ ring: KeyRing) async throws(VaultError) {
        switch source {
        case .environment:
            throw VaultError(
                .keyRingReadOnly,
                "master keys come from \(Self.masterKeyVariable); to rotate, set a new \(Self.masterKeyVariable), "
                    + "move the old key to \(Self.previousKeysVariable), re-seal, then remove it"
            )
        case .keyFile(let path):
            try KeyFile.replace(path, contents: KeyFile.render(ring))
        }
    }

    /// The key file's stamp now, or nil for keys from the environment (or a file that cannot be inspected):
    /// how a running process notices that `logix keys rotate` replaced the file.
    func keyFileStamp() -> KeyFileStamp? {
        guard case .keyFile(let path) = source else { return nil }
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return KeyFileStamp(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modifiedSeconds: Int64(status.st_mtim.tv_sec), modifiedNanoseconds: Int64(status.st_mtim.tv_nsec))
    }

    /// The ring in the key file as it is now (never creating it); nil for keys from the environment or no file.
    func keyFileRing() throws(VaultError) -> KeyRing? {
        guard case .keyFile(let path) = source else { return nil }
        return try KeyFile.load(path)
    }

    public var description: String {
        switch source {
        case .environment(let ring): "MasterKeyProvider(environment, \(ring))"
        case .keyFile(let path): "MasterKeyProvider(key file \(path))"
        }
    }
}

/// Which version of the key file a process read: a rotation replaces the file by a rename, so its inode changes
/// (and its size and modification time with it).
struct KeyFileStamp: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
}

/// Reading and writing the key file with POSIX calls, because the permission guarantees need them: the file is
/// created with mode 0600 by `open` itself (never written and then chmod-ed, which leaves a readable window), and
/// the mode check uses `fstat` on the descriptor that is read, so the file cannot be swapped in between.
private enum KeyFile {
    static let header = "logix-master-key v1"

    static func render(_ ring: KeyRing) -> String {
        var lines = [
            "# Logix master key ring. Secret: keep mode 0600 and never share it. Replaced by `logix keys rotate`.",
            header,
            "current \(ring.current.exportBase64())",
        ]
        lines += ring.previous.map { "previous \($0.exportBase64())" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, path: String) throws(VaultError) -> KeyRing {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        // A bare key (e.g. `openssl rand -base64 32 > logix-master.key`) is accepted as the current key.
        if lines.count == 1, lines[0] != header {
            return try KeyRing(current: MasterKey(base64: lines[0], source: "key file \(path)"))
        }
        guard lines.first == header else {
            throw VaultError(.keyFile, "key file \(path) is not a Logix key file (expected `\(header)`)")
        }
        var current: MasterKey?
        var previous: [MasterKey] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let source = "key file \(path) line \(index + 2)"
            guard parts.count == 2 else { throw VaultError(.keyFile, "\(source) is not `current|previous <key>`") }
            switch parts[0] {
            case "current" where current == nil:
                current = try MasterKey(base64: parts[1], source: source)
            case "previous":
                previous.append(try MasterKey(base64: parts[1], source: source))
            default:
                throw VaultError(.keyFile, "\(source) is not `current|previous <key>` (one current key)")
            }
        }
        guard let current else { throw VaultError(.keyFile, "key file \(path) has no current key") }
        return try KeyRing(current: current, previous: previous)
    }

    /// The ring in the file, or nil if there is no file.
    static func load(_ path: String) throws(VaultError) -> KeyRing? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw VaultError(.keyFile, "cannot open key file \(path): \(describe(code))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw VaultError(.keyFile, "cannot inspect key file \(path): \(describe(errno))")
        }
        guard status.st_mode & 0o170_000 == 0o100_000 else {  // S_IFMT, S_IFREG
            throw VaultError(.keyFile, "key file \(path) is not a regular file")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw VaultError(
                .insecureKeyFile,
                "key file \(path) has mode 0\(String(permissions, radix: 8)); group and others must have no "
                    + "access to a master key — run `chmod 600 \(path)` (and consider the key exposed)"
            )
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw VaultError(.keyFile, "cannot read key file \(path): \(describe(errno))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= 1 << 20 else { throw VaultError(.keyFile, "key file \(path) is too large") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw VaultError(.keyFile, "key file \(path) is not text")
        }
        return try parse(text, path: path)
    }

    /// Publishes `contents` at `path` only if nothing is there yet; returns false if another process won.
    static func createIfAbsent(_ path: String, contents: String) throws(VaultError) -> Bool {
        try ensureDirectory(of: path)
        let temporary = try writeTemporary(beside: path, contents: contents)
        defer { unlink(temporary) }
        // link() publishes the complete file under its final name, or fails with EEXIST if another process got
        // there first — so no reader ever sees a half-written key file and no key is overwritten.
        guard link(temporary, path) == 0 else {
            let code = errno
            if code == EEXIST { return false }
            throw VaultError(.keyFile, "cannot create key file \(path): \(describe(code))")
        }
        syncDirectory(of: path)
        return true
    }

    /// Atomically replaces the file at `path` with `contents`.
    static func replace(_ path: String, contents: String) throws(VaultError) {
        try ensureDirectory(of: path)
        let temporary = try writeTemporary(beside: path, contents: contents)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw VaultError(.keyFile, "cannot replace key file \(path): \(describe(code))")
        }
        syncDirectory(of: path)
    }

    /// A new file next to `path` (same file system, so link and rename are atomic), created 0600 and synced.
    private static func writeTemporary(beside path: String, contents: String) throws(VaultError) -> String {
        let temporary = "\(path).tmp-\(UInt64.random(in: 0...UInt64.max))"
        // The mode is given to open(), so the file is never readable by others, not even for an instant.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw VaultError(.keyFile, "cannot create key file beside \(path): \(describe(errno))")
        }
        var failure: Int32?
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            bytes = bytes.dropFirst(written)
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw VaultError(.keyFile, "cannot write key file beside \(path): \(describe(failure))")
        }
        return temporary
    }

    private static func ensureDirectory(of path: String) throws(VaultError) {
        let directory = directoryName(of: path)
        guard !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw VaultError(.keyFile, "cannot create data directory \(directory): \(error.localizedDescription)")
        }
    }

    // Makes the new directory entry durable, so a crash right after creating or rotating keeps the file.
    private static func syncDirectory(of path: String) {
        let descriptor = open(directoryName(of: path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
