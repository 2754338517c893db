import Foundation
import Hummingbird
import NIOCore

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`), as the browser sent them.
///
/// Dashboard forms carry names that depend on the order (a quantity per line), so they are read as a
/// dictionary rather than decoded into a fixed type.
struct FormData: Sendable {
    private(set) var fields: [String: [String]] = [:]

    init(fields: [String: [String]] = [:]) { self.fields = fields }

    /// Parses `a=1&b=x+y` (`+` is a space, `%XX` a byte). Malformed escapes keep their text.
    init(encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    /// The form of a request: at most 64 KiB (a dashboard form is a few fields; nothing else is read).
    static func read(_ request: Request) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        return FormData(encoded: String(buffer: buffer))
    }

    /// The field's first value, trimmed; `nil` when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Every value of a repeated field (checkboxes, multiple selects), blanks left out.
    func values(_ name: String) -> [String] {
        (fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Each field's first value: what a form shows again after a refusal.
    var firstValues: [String: String] { fields.compactMapValues(\.first) }

    /// Forgets a field (a secret is never shown back in a page).
    mutating func clear(_ name: String) { fields[name] = nil }

    /// Whether a checkbox of that name was ticked.
    func isChecked(_ name: String) -> Bool { fields[name]?.contains { !$0.isEmpty } ?? false }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
