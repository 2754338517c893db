import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demo's story on standard output: a line per thing that happened, with the local time and who did it,
/// flushed at once so that a terminal, a pipe or a file shows it as it happens.
enum DemoLog {
    /// A line by one of the demo's actors (`store`, `warehouse`, `logix`).
    static func line(_ actor: String, _ text: String) {
        let padded = actor.padding(toLength: 10, withPad: " ", startingAt: 0)
        say("\(clockTime())  \(padded) \(text)")
    }

    /// Text as it is (the start-up banner).
    static func say(_ text: String) {
        print(text)
        fflush(nil)
    }

    /// Now as HH:MM:SS in the machine's time zone.
    private static func clockTime() -> String {
        var seconds = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
