import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demo's folder, everything a second run continues from: Logix's SQLite file and key files, the store's
/// snapshot and the demo's own state (the login, the ports, the integration).
struct DemoFolder: Sendable {
    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    var path: String { url.path }
    var databasePath: String { url.appendingPathComponent("logix.sqlite").path }
    /// The demo's state (``DemoState``), with the demo user's password: readable by its owner only.
    var stateFile: URL { url.appendingPathComponent("demo.json") }
    /// The simulated store's snapshot (`WooSimSnapshot`).
    var storeFile: URL { url.appendingPathComponent("store.json") }

    func create() throws(DemoFailure) {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DemoFailure("cannot create the demo folder \(path): \(error.localizedDescription) (set --data-dir)")
        }
    }

    /// The file's contents, or nil if there is no such file.
    func read(_ file: URL) throws(DemoFailure) -> Data? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw DemoFailure("cannot read \(file.path): \(error.localizedDescription)")
        }
    }

    /// Writes the whole of `data` or nothing: into a temporary file beside `file`, flushed to disk, then renamed
    /// over it (a rename within a folder is atomic), so a crash mid-write leaves the previous version whole.
    func write(_ data: Data, to file: URL) throws(DemoFailure) {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).tmp")
        do {
            // Created with the final permissions: the state holds a password, never world-readable even briefly.
            guard
                FileManager.default.createFile(
                    atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw DemoFailure("cannot create \(temporary.path)") }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, file.path) == 0 else {
                throw DemoFailure("cannot rename \(temporary.path) to \(file.lastPathComponent): errno \(errno)")
            }
        } catch let failure as DemoFailure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DemoFailure("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
