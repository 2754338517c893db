import Crypto
import Foundation

/// Where the JWT signing key comes from: `LOGIX_JWT_SECRET`, or a key file created on first start with mode
/// 0600 (like the master key), so a restart keeps every issued token valid.
enum JWTSecret {
    static let fileName = "logix-jwt.key"

    static func load(configuration: ServerConfiguration) throws -> [UInt8] {
        if let secret = configuration.jwtSecret {
            guard secret.utf8.count >= 32 else {
                throw ConfigurationError("LOGIX_JWT_SECRET must be at least 32 characters")
            }
            return Array(secret.utf8)
        }
        let directory = configuration.dataDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(fileName)
        if !FileManager.default.fileExists(atPath: path) {
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
            // O_EXCL: of several processes starting at once exactly one writes the key, the rest read it.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if descriptor >= 0 {
                let bytes = Array((key + "\n").utf8)
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
                guard written == bytes.count else { throw ConfigurationError("cannot write \(path)") }
            } else if errno != EEXIST {
                throw ConfigurationError("cannot create \(path): errno \(errno)")
            }
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw ConfigurationError(
                "\(path) may be read by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text), data.count >= 32 else {
            throw ConfigurationError("\(path) does not hold a base64 key of at least 32 bytes")
        }
        return Array(data)
    }
}
