import Foundation

/// Reads this process's memory figures from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// The peak resident set size so far (`VmHWM`), in MiB; `nil` where `/proc` is not available.
    static func peakResidentMegabytes() -> Double? {
        value(of: "VmHWM").map { $0 / 1024 }
    }

    /// The current resident set size (`VmRSS`), in MiB.
    static func residentMegabytes() -> Double? {
        value(of: "VmRSS").map { $0 / 1024 }
    }

    private static func value(of field: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let number = line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ")
            return number.first.flatMap { Double($0) }
        }
        return nil
    }
}

/// Prints a benchmark's result as one JSON object on its own (last) line.
enum BenchReport {
    static func printJSON(_ fields: KeyValuePairs<String, any Sendable>) {
        printJSON(fields.map { ($0.key, $0.value) })
    }

    /// The same, for fields gathered as the bench goes.
    static func printJSON(_ fields: [(String, any Sendable)]) {
        var parts: [String] = []
        for (key, value) in fields {
            let rendered: String
            switch value {
            case let number as Double: rendered = String(format: "%.3f", number)
            case let number as Int: rendered = String(number)
            case let flag as Bool: rendered = flag ? "true" : "false"
            default: rendered = "\"\(value)\""
            }
            parts.append("\"\(key)\": \(rendered)")
        }
        print("{" + parts.joined(separator: ", ") + "}")
    }
}
