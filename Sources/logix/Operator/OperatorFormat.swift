import Foundation

/// How operator commands show values to people: times in UTC to the minute, a missing value as "-".
enum OperatorFormat {
    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(
            Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
                .dateTimeSeparator(.space).time(includingFractionalSeconds: false))
            + "Z"
    }

    /// A consumer key as the API shows it: its last four characters only.
    static func key(last4: String) -> String { "…" + last4 }

    /// A duration as `h:mm:ss` or `m:ss`.
    static func clock(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? "\(hours):\(String(format: "%02d", minutes)):\(String(format: "%02d", rest))"
            : "\(minutes):\(String(format: "%02d", rest))"
    }
}
