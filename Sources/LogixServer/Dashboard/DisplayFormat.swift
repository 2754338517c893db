import Foundation
import LogixCore
import Sync

/// How the dashboard writes times, money and statuses: the same way on every page.
enum DisplayFormat {
    /// `2026-12-04 14:05 UTC`: operators work across time zones, so times say which one they are in.
    static func time(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0)
    }

    /// A `<time>` element with the exact time in its attribute and the text above.
    static func timeElement(_ date: Date?) -> HTML {
        guard let date else { return "never" }
        let iso = ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime])
        return #"<time datetime="\#(iso)">\#(time(date))</time>"#
    }

    /// How long ago, in words, from `now`.
    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86_400) d ago"
        }
    }

    /// `EUR 12.50` with the currency's code: exact, no locale guessing.
    static func money(_ amount: Decimal, _ currency: String) -> String {
        "\(currency) \(NSDecimalNumber(decimal: amount).stringValue.paddedCents)"
    }

    /// A Logix status as words (`awaiting_payment` → `Awaiting payment`).
    static func status(_ status: OrderStatus) -> String {
        let words = status.rawValue.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The colour class of a Logix status: moving (warn), done (ok), stopped (bad), waiting (idle).
    static func statusClass(_ status: OrderStatus) -> String {
        switch status {
        case .ready, .picking, .packed: "warn"
        case .shipped, .delivered: "ok"
        case .cancelled, .refunded, .failed: "bad"
        case .awaitingPayment, .onHold: "idle"
        }
    }

    static func statusPill(_ status: OrderStatus) -> HTML {
        #"<span class="pill \#(statusClass(status))">\#(Self.status(status))</span>"#
    }

    /// A store's platform by its name (`integrations.platform`): `Shopify`, `WooCommerce`.
    static func platform(_ platform: String) -> String {
        switch platform {
        case ChannelPlatform.shopify.rawValue: "Shopify"
        case ChannelPlatform.wooCommerce.rawValue: "WooCommerce"
        default: platform
        }
    }

    /// The platform as a small label beside a store's name.
    static func platformTag(_ platform: String) -> HTML {
        #"<span class="platform">\#(Self.platform(platform))</span>"#
    }

    /// A whole number with thousands separators (`10,000`).
    static func count(_ number: Int) -> String {
        let digits = String(abs(number))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// A duration in the largest sensible unit (`45 min`, `3.5 h`, `2.1 d`).
    static func duration(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds)
        switch seconds {
        case ..<3600: return "\(Int((seconds / 60).rounded())) min"
        case ..<86_400: return String(format: "%.1f h", seconds / 3600)
        default: return String(format: "%.1f d", seconds / 86_400)
        }
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC: days and times as the tables store them.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension String {
    /// `12.5` → `12.50`, `3` → `3.00`: money shows its cents.
    fileprivate var paddedCents: String {
        guard let dot = firstIndex(of: ".") else { return self + ".00" }
        let decimals = distance(from: index(after: dot), to: endIndex)
        return decimals >= 2 ? self : self + String(repeating: "0", count: 2 - decimals)
    }
}
