import Foundation
import NIOCore
import NIOPosix
import WooCommerce

/// A store URL is user input (ARCHITECTURE.md, "Store URL is input"). Requests go only to `http(s)` hosts whose
/// every address is globally reachable — outside the IANA special-purpose registries of both families, IPv4
/// embedded in IPv6 judged as the IPv4 it carries, and never one of this host's own interface addresses —
/// unless the operator allows private stores (tests, the demo; `LOGIX_ALLOW_PRIVATE_STORES`, off by default).
///
/// The address is checked twice: when the URL is accepted (``check(_:)``), and when a client first connects
/// (``addressDecision(host:port:)``), which resolves the name again, checks every answer, and pins the client's
/// connections to the address it checked — a name that answers a public address at the first check and a
/// private one later (DNS rebinding) reaches nothing. Clients never follow redirects.
public struct StoreURLPolicy: Sendable {
    public let allowsPrivateAddresses: Bool
    /// Resolves a host name to its addresses (`getaddrinfo`; tests inject one they control).
    let resolve: @Sendable (_ host: String, _ port: Int) async throws -> [SocketAddress]
    /// This machine's own interface addresses.
    let interfaceAddresses: @Sendable () -> [SocketAddress]

    public init(
        allowsPrivateAddresses: Bool,
        resolve: @escaping @Sendable (_ host: String, _ port: Int) async throws -> [SocketAddress] = { host, port in
            try await StoreURLPolicy.systemResolve(host: host, port: port)
        },
        interfaceAddresses: @escaping @Sendable () -> [SocketAddress] = StoreURLPolicy.systemInterfaceAddresses
    ) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.resolve = resolve
        self.interfaceAddresses = interfaceAddresses
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
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        switch await addressDecision(host: host, port: port) {
        case .resolveNormally, .connect: break
        case .unresolved(let reason), .refused(let reason): throw Self.refused(reason)
        }
        var normalized = trimmed
        while normalized.hasSuffix("/") { normalized.removeLast() }
        return normalized
    }

    /// Where a client for `host` may connect: every address the name resolves to now must be allowed, and
    /// the first of them (the first IPv4 one, if any) is the one the client is pinned to. Store clients ask this before their first
    /// request (``StoreConnector``), so the address connected to is the address checked.
    public func addressDecision(host rawHost: String, port: Int) async -> WooAddressDecision {
        if allowsPrivateAddresses { return .resolveNormally }
        let host = rawHost.trimmingCharacters(in: ["[", "]"])
        let addresses: [SocketAddress]
        if let literal = try? SocketAddress(ipAddress: host, port: port) {
            addresses = [literal]
        } else {
            do {
                addresses = try await resolve(host, port)
            } catch {
                return .unresolved("host \(host) does not resolve")
            }
        }
        guard let first = addresses.first else { return .unresolved("host \(host) does not resolve") }
        let own = interfaceAddresses().compactMap(\.ipBytes)
        for address in addresses {
            let shown = address.ipAddress ?? "?"
            if let reason = Self.nonPublicReason(address) {
                return .refused(
                    "host \(host) resolves to a non-public address (\(shown): \(reason)); "
                        + "set LOGIX_ALLOW_PRIVATE_STORES=1 to allow it")
            }
            if let bytes = address.ipBytes, own.contains(bytes) {
                return .refused(
                    "host \(host) resolves to an address of this server (\(shown)); "
                        + "set LOGIX_ALLOW_PRIVATE_STORES=1 to allow it")
            }
        }
        // One address is pinned, so no Happy Eyeballs between families: IPv4 first, which a server without
        // IPv6 connectivity can still reach.
        let preferred = addresses.first { if case .v4 = $0 { true } else { false } } ?? first
        guard let pinned = preferred.ipAddress else { return .unresolved("host \(host) does not resolve") }
        return .connect(to: pinned)
    }

    private static func refused(_ reason: String) -> SyncError {
        SyncError(.invalidFields, "store_url \(reason)", code: "store_url_not_allowed", fields: ["store_url": reason])
    }

    /// `getaddrinfo` on the thread pool.
    public static func systemResolve(host: String, port: Int) async throws -> [SocketAddress] {
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

    /// The addresses of this machine's network interfaces (`getifaddrs`); none when they cannot be listed.
    public static func systemInterfaceAddresses() -> [SocketAddress] {
        ((try? System.enumerateDevices()) ?? []).compactMap(\.address)
    }

    /// Whether an address is globally reachable (see ``nonPublicReason(_:)``).
    static func isPublic(_ address: SocketAddress) -> Bool { nonPublicReason(address) == nil }

    /// Why an address is not globally reachable — the IANA IPv4 and IPv6 special-purpose registries' entries
    /// that are not, plus multicast and reserved space — or `nil` when it is.
    static func nonPublicReason(_ address: SocketAddress) -> String? {
        switch address {
        case .v4(let v4):
            return nonPublicReasonIPv4(withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) })
        case .v6(let v6):
            return nonPublicReasonIPv6(withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) })
        case .unixDomainSocket:
            return "a local socket"
        }
    }

    static func isPublicIPv4(_ bytes: [UInt8]) -> Bool { nonPublicReasonIPv4(bytes) == nil }

    /// IPv4 ranges that are not globally reachable (RFC 6890 and the IANA registry), with their names.
    static let nonPublicIPv4: [(prefix: [UInt8], length: Int, name: String)] = [
        ([0, 0, 0, 0], 8, "this network"),
        ([10, 0, 0, 0], 8, "private"),
        ([100, 64, 0, 0], 10, "shared address space (CGNAT)"),
        ([127, 0, 0, 0], 8, "loopback"),
        ([169, 254, 0, 0], 16, "link-local"),
        ([172, 16, 0, 0], 12, "private"),
        ([192, 0, 0, 0], 24, "IETF protocol assignments"),
        ([192, 0, 2, 0], 24, "documentation (TEST-NET-1)"),
        ([192, 88, 99, 0], 24, "6to4 relay anycast"),
        ([192, 168, 0, 0], 16, "private"),
        ([198, 18, 0, 0], 15, "benchmarking"),
        ([198, 51, 100, 0], 24, "documentation (TEST-NET-2)"),
        ([203, 0, 113, 0], 24, "documentation (TEST-NET-3)"),
        ([224, 0, 0, 0], 4, "multicast"),
        ([240, 0, 0, 0], 4, "reserved"),
        ([255, 255, 255, 255], 32, "broadcast"),
    ]

    static func nonPublicReasonIPv4(_ bytes: [UInt8]) -> String? {
        nonPublicIPv4.first { matches(bytes, prefix: $0.prefix, length: $0.length) }.map(\.name)
    }

    /// IPv6 ranges that are not globally reachable, and those that embed an IPv4 address (judged by it).
    static let nonPublicIPv6: [(prefix: [UInt8], length: Int, name: String)] = [
        ([], 128, "unspecified"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF], 96, "IPv4-mapped"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0], 96, "IPv4-translated"),
        ([], 96, "IPv4-compatible"),
        ([0, 0x64, 0xFF, 0x9B, 0, 1], 48, "local-use NAT64"),
        ([1, 0, 0, 0, 0, 0, 0, 0], 64, "discard-only"),
        ([0x20, 0x01, 0x0D, 0xB8], 32, "documentation"),
        ([0x20, 0x01, 0, 0], 23, "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
        ([0x3F, 0xFF, 0], 20, "documentation"),
        ([0x5F, 0], 16, "segment routing"),
        ([0xFC], 7, "unique local"),
        ([0xFE, 0x80], 10, "link-local"),
        ([0xFE, 0xC0], 10, "site-local (deprecated)"),
        ([0xFF], 8, "multicast"),
    ]

    static func nonPublicReasonIPv6(_ bytes: [UInt8]) -> String? {
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] <= 1 {
            return bytes[15] == 0 ? "unspecified" : "loopback"
        }
        // Forms that carry an IPv4 address are judged by it first, so the reason names what they reach.
        if let embedded = embeddedIPv4(bytes), let reason = nonPublicReasonIPv4(embedded.address) {
            return "\(embedded.form) of \(embedded.address.map(String.init).joined(separator: ".")), \(reason)"
        }
        if let range = nonPublicIPv6.first(where: { matches(bytes, prefix: $0.prefix, length: $0.length) }) {
            return range.name
        }
        // The well-known NAT64 prefix reaches the public IPv4 it embeds (checked above).
        if matches(bytes, prefix: [0, 0x64, 0xFF, 0x9B], length: 96) { return nil }
        // Only 2000::/3 is global unicast; the rest of the space is unassigned or reserved.
        if bytes[0] & 0xE0 != 0x20 { return "reserved" }
        return nil
    }

    /// The IPv4 address an IPv6 address embeds: IPv4-compatible `::a.b.c.d`, IPv4-mapped `::ffff:a.b.c.d`,
    /// IPv4-translated `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` (and the local-use `64:ff9b:1::/48`), and
    /// 6to4 `2002:aabb:ccdd::`.
    static func embeddedIPv4(_ b: [UInt8]) -> (form: String, address: [UInt8])? {
        let tail = Array(b[12..<16])
        if b[0..<12].allSatisfy({ $0 == 0 }) { return ("IPv4-compatible", tail) }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return ("IPv4-mapped", tail) }
        if b[0..<8].allSatisfy({ $0 == 0 }) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0 {
            return ("IPv4-translated", tail)
        }
        if matches(b, prefix: [0, 0x64, 0xFF, 0x9B], length: 32) && b[4..<12].allSatisfy({ $0 == 0 }) {
            return ("NAT64", tail)
        }
        if matches(b, prefix: [0, 0x64, 0xFF, 0x9B, 0, 1], length: 48) { return ("NAT64", tail) }
        if b[0] == 0x20 && b[1] == 0x02 { return ("6to4", Array(b[2..<6])) }
        return nil
    }

    /// Whether the first `length` bits of `bytes` equal those of `prefix` (missing prefix bytes are zero).
    static func matches(_ bytes: [UInt8], prefix: [UInt8], length: Int) -> Bool {
        var remaining = length
        var index = 0
        while remaining > 0 {
            let expected = index < prefix.count ? prefix[index] : 0
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if bytes[index] & mask != expected & mask { return false }
            remaining -= 8
            index += 1
        }
        return true
    }
}

extension SocketAddress {
    /// The raw address bytes (4 or 16), for comparing addresses whatever their port.
    var ipBytes: [UInt8]? {
        switch self {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
        case .v6(let v6): return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        case .unixDomainSocket: return nil
        }
    }
}
