import Foundation

/// How the charts write numbers, days and durations: fixed English forms in UTC, so a page reads the same on
/// every server whatever its locale or time zone.
enum ChartLabels {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1234567` → `1,234,567`, as the rest of the dashboard writes counts.
    static func count(_ value: Int) -> String { DisplayFormat.count(value) }

    /// `3 orders`, `1 order`.
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(count(value)) \(value == 1 ? singular : plural)"
    }

    /// A UTC day as `3 Dec`.
    static func day(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.day, .month], from: date)
        return "\(parts.day ?? 1) \(months[((parts.month ?? 1) - 1) % 12])"
    }

    /// A UTC day as `2026-12-03`, for a table a screen reader reads out or a machine reads back.
    static func isoDay(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "01" }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))"
    }

    /// A duration in words, to the two largest units: `2 days 4 hours`, `3 hours 10 minutes`, `45 seconds`.
    static func duration(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        let units: [(Int, String, String)] = [
            (86_400, "day", "days"), (3_600, "hour", "hours"), (60, "minute", "minutes"), (1, "second", "seconds"),
        ]
        var rest = seconds
        var words: [String] = []
        for (size, singular, plural) in units where words.count < 2 {
            let amount = rest / size
            rest %= size
            if amount > 0 {
                words.append(count(amount, singular, plural))
            } else if !words.isEmpty {
                break  // "2 days", not "2 days 0 hours 5 minutes"
            }
        }
        return words.isEmpty ? "under a second" : words.joined(separator: " ")
    }
}
