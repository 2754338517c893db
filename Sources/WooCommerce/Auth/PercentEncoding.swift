/// RFC 3986 percent-encoding exactly as PHP's `rawurlencode`, which is what WooCommerce uses both to read
/// query strings and to build the OAuth 1.0a signature base string.
enum PercentEncoding {
    /// Encodes everything except the unreserved characters `A-Z a-z 0-9 - _ . ~`, as UTF-8 with uppercase hex.
    static func rawURLEncode(_ string: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Builds `k=v&k=v` with both sides raw-URL-encoded, keeping the order given.
    static func queryString(_ items: [WooQueryItem]) -> String {
        items.map { rawURLEncode($0.name) + "=" + rawURLEncode($0.value) }.joined(separator: "&")
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
