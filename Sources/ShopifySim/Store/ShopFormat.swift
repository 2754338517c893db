import Foundation

/// How the store writes times and money: GraphQL `DateTime` in UTC with `Z`, webhook times in the shop's
/// offset, GraphQL `Decimal` trimmed (`"679.0"`, `"29.99"`), REST prices with two decimals (`"398.00"`).
enum ShopFormat {
    static func graphQLTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds.floorDivided(by: 1000))))
    }

    static func shopTime(_ milliseconds: Int64, timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(
            from: Date(timeIntervalSince1970: TimeInterval(milliseconds.floorDivided(by: 1000))))
        // ISO8601DateFormatter writes a zero offset as Z; Shopify's REST bodies write +00:00.
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }

    /// Parses a search or input date: full ISO 8601 with a zone, or without one (UTC), or a plain day.
    static func parseTime(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) * 1000 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) * 1000 }
        formatter.formatOptions = [.withFullDate, .withDashSeparatorInDate]
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) * 1000 }
        return nil
    }

    static func graphQLDecimal(_ value: Decimal) -> String {
        let text = "\(value)"
        return text.contains(".") ? text : text + ".0"
    }

    static func restMoney(_ value: Decimal) -> String {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, 2, .bankers)
        let text = "\(rounded)"
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
