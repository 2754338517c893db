#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds an unused TCP port by letting the kernel pick one for a throwaway socket: for a simulator, whose
/// responses carry URLs with its port before it listens, and for a process that must be told its port before it
/// starts, such as a `logix serve` a chaos run launches. Another process may take the port before it is bound,
/// so a caller that binds it retries with a new one.
public enum FreePort {
    /// The socket call that failed; no port could be found.
    public struct Failure: Error, CustomStringConvertible {
        public let call: String
        public var description: String { "Could not find a free port (\(call) failed)." }
    }

    public static func find(host: String) throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw FreePort.failure("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw FreePort.failure("bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw FreePort.failure("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func failure(_ call: String) -> Failure { Failure(call: call) }
}
