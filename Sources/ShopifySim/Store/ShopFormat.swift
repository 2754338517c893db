import Foundation

/// How the store writes times and money: GraphQL `DateTime` in UTC with `Z`, webhook times in the shop's
/// offset, GraphQL `Decimal` trimmed (`"679.0"`, `"29.99"`), REST prices with two decimals (`"398.00"`).
enum ShopFormat {
    static func graphQLTime(_ milliseconds: Int64) -> String {
        self.civil(milliseconds.floorDivided(by: 1000)) + "Z"
    }

    static func shopTime(_ milliseconds: Int64, timeZone: TimeZone) -> String {
        let seconds = milliseconds.floorDivided(by: 1000)
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let sign = offset < 0 ? "-" : "+"
        return self.civil(seconds + Int64(offset)) + sign + self.pad(abs(offset) / 3600) + ":"
            + self.pad(abs(offset) % 3600 / 60)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `yyyy-MM-ddTHH:mm:ss` of a Unix time (Howard Hinnant's civil_from_days): formatting thousands of
    /// order times a second needs no DateFormatter.
    private static func civil(_ seconds: Int64) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        return "\(year)-\(self.pad(month))-\(self.pad(day))T\(self.pad(secondOfDay / 3600)):"
            + "\(self.pad(secondOfDay % 3600 / 60)):\(self.pad(secondOfDay % 60))"
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
