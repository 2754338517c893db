import Foundation

/// The store's clock and calendar: WooCommerce shows dates in the store's time zone without an offset
/// (`date_created`) next to a UTC twin (`date_created_gmt`), both as `YYYY-MM-DDTHH:MM:SS`.
///
/// Times are whole Unix seconds (`Int64`) because WooCommerce stores and compares them at second granularity.
struct StoreTime: Sendable {
    let timeZone: TimeZone

    init(timeZoneIdentifier: String) {
        self.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0)!
    }

    /// Wall-clock now, in whole seconds.
    static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970.rounded(.down))
    }

    func offset(atUTC seconds: Int64) -> Int64 {
        Int64(self.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    func local(_ utc: Int64) -> Int64 {
        utc + self.offset(atUTC: utc)
    }

    /// Interprets wall-clock seconds in the store's zone as UTC (DST gaps resolve to the later offset).
    func utc(fromLocal local: Int64) -> Int64 {
        let first = local - self.offset(atUTC: local)
        let second = local - self.offset(atUTC: first)
        return second
    }

    func localString(_ utc: Int64) -> String {
        StoreTime.format(self.local(utc))
    }

    /// `YYYY-MM-DDTHH:MM:SS` for seconds since 1970 (no zone applied).
    static func format(_ seconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        StoreTime.append(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ seconds: Int64, to bytes: inout [UInt8]) {
        let (year, month, day) = StoreTime.civil(days: seconds.floorDiv(86_400))
        let secondOfDay = seconds - seconds.floorDiv(86_400) * 86_400
        func two(_ value: Int64) {
            bytes.append(UInt8(48 + value / 10))
            bytes.append(UInt8(48 + value % 10))
        }
        bytes.append(UInt8(48 + (year / 1000) % 10))
        bytes.append(UInt8(48 + (year / 100) % 10))
        two(year % 100)
        bytes.append(UInt8(ascii: "-"))
        two(month)
        bytes.append(UInt8(ascii: "-"))
        two(day)
        bytes.append(UInt8(ascii: "T"))
        two(secondOfDay / 3600)
        bytes.append(UInt8(ascii: ":"))
        two((secondOfDay / 60) % 60)
        bytes.append(UInt8(ascii: ":"))
        two(secondOfDay % 60)
    }

    /// Days since 1970-01-01 → (year, month, day); Howard Hinnant's civil_from_days.
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses an RFC 3339-like date as WordPress's `rest_parse_date` accepts it:
    /// `YYYY-MM-DDTHH:MM:SS` (or a space for `T`), optional fraction, optional `Z` or `±HH:MM`.
    /// Returns the wall-clock seconds and the explicit offset in seconds, if any.
    static func parse(_ text: String) -> (seconds: Int64, offset: Int64?)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start else { return nil }
        }
        var offset: Int64?
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                offset = 0
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard index + 3 <= bytes.count, let hours = number(index + 1..<index + 3) else { return nil }
                var minutes: Int64 = 0
                var next = index + 3
                if next < bytes.count {
                    if bytes[next] == UInt8(ascii: ":") { next += 1 }
                    guard next + 2 <= bytes.count, let value = number(next..<next + 2) else { return nil }
                    minutes = value
                    next += 2
                }
                offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
                index = next
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let days = StoreTime.days(year: year, month: month, day: day)
        return (days * 86_400 + hour * 3600 + minute * 60 + second, offset)
    }

    /// A filter date (`after`, `modified_before`, …) as UTC seconds: an explicit offset wins, else
    /// `dates_are_gmt` decides whether the wall-clock value is UTC or store-local.
    func filterDate(_ text: String, datesAreGMT: Bool) -> Int64? {
        guard let parsed = StoreTime.parse(text) else { return nil }
        if let offset = parsed.offset {
            return parsed.seconds - offset
        }
        return datesAreGMT ? parsed.seconds : self.utc(fromLocal: parsed.seconds)
    }
}

extension Int64 {
    func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
