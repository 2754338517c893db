import Foundation
import NIOCore
import NIOPosix

/// A store URL is user input (ARCHITECTURE.md, "Store URL is input"). Requests go only to `http(s)` hosts whose
/// every address is public, unless the operator allows private stores (tests, the demo).
///
/// Known gap: the address is checked when the URL is accepted, and the HTTP client resolves the name again
/// when it connects; a name that changes its answer in between (DNS rebinding) is not caught here.
public struct StoreURLPolicy: Sendable {
    public let allowsPrivateAddresses: Bool

    public init(allowsPrivateAddresses: Bool) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
    }

    /// The URL normalised (no trailing slash), or a 422 naming what is wrong.
    public func check(_ text: String) async throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw Self.refused("is not an absolute URL") }
        guard scheme == "http" || scheme == "https" else { throw Self.refused("must use http or https") }
        guard components.user == nil, components.password == nil else {
            throw Self.refused("must not carry a user name or password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw Self.refused("must not have a query or fragment")
        }
        if !allowsPrivateAddresses {
            let port = components.port ?? (scheme == "https" ? 443 : 80)
            let addresses: [SocketAddress]
            do {
                addresses = try await Self.resolve(host: host.trimmingCharacters(in: ["[", "]"]), port: port)
            } catch {
                throw Self.refused("host \(host) does not resolve")
            }
            guard !addresses.isEmpty else { throw Self.refused("host \(host) does not resolve") }
            if let blocked = addresses.first(where: { !Self.isPublic($0) }) {
                throw Self.refused(
                    "host \(host) resolves to a non-public address (\(blocked.ipAddress ?? "?")); "
                        + "set LOGIX_ALLOW_PRIVATE_STORES=1 to allow it")
            }
        }
        var normalized = trimmed
        while normalized.hasSuffix("/") { normalized.removeLast() }
        return normalized
    }

    private static func refused(_ reason: String) -> SyncError {
        SyncError(.invalidFields, "store_url \(reason)", code: "store_url_not_allowed", fields: ["store_url": reason])
    }

    private static func resolve(host: String, port: Int) async throws -> [SocketAddress] {
        try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
                throw refused("host \(host) does not resolve")
            }
            defer { freeaddrinfo(first) }
            var addresses: [SocketAddress] = []
            var next: UnsafeMutablePointer<addrinfo>? = first
            while let info = next {
                if let address = info.pointee.ai_addr {
                    switch Int32(address.pointee.sa_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                            addresses.append(SocketAddress($0.pointee, host: host))
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                            addresses.append(SocketAddress($0.pointee, host: host))
                        }
                    default: break
                    }
                }
                next = info.pointee.ai_next
            }
            return addresses
        }
    }

    /// Whether an address is reachable on the public internet: not loopback, private, link-local, CGNAT,
    /// multicast, unspecified or reserved — for IPv6 also unique-local and IPv4-mapped private ones.
    static func isPublic(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let v4):
            let bytes = withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
            return isPublicIPv4(bytes)
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return isPublicIPv4(Array(bytes[12..<16]))  // IPv4-mapped
            }
            if bytes.allSatisfy({ $0 == 0 }) { return false }  // ::
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return false }  // ::1
            if bytes[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
            if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link local
            if bytes[0] == 0xFF { return false }  // multicast
            return true
        case .unixDomainSocket:
            return false
        }
    }

    static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false  // CGNAT
        case (169, 254): return false
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0: return false
        case (198, 18...19): return false  // benchmarking
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
