/// Markup for the dashboard, built by string interpolation that escapes every `String` put into it: a value
/// becomes markup only by being interpolated into an ``HTML`` literal, so a customer's name, a store's error
/// text or a SKU can never open a tag (ARCHITECTURE.md, "The dashboard": what a store says is text).
///
/// Literal parts are trusted markup; interpolated `String`s and numbers are escaped; interpolated ``HTML`` is
/// inserted as it is.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var markup: String

    /// Markup that is already safe (produced by this type, or a constant of the binary).
    init(unsafeRaw markup: String) { self.markup = markup }

    init(stringLiteral value: String) { markup = value }

    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    static let empty = HTML(unsafeRaw: "")

    var description: String { markup }

    /// The pieces one after another.
    init(joining pieces: some Sequence<HTML>, separator: HTML = .empty) {
        markup = pieces.map(\.markup).joined(separator: separator.markup)
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unsafeRaw: lhs.markup + rhs.markup) }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { markup += literal }
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        mutating func appendInterpolation(_ html: HTML?) { markup += html?.markup ?? "" }
        mutating func appendInterpolation(_ pieces: [HTML]) { markup += pieces.map(\.markup).joined() }
        mutating func appendInterpolation(_ number: some BinaryInteger) { markup += String(number) }
        mutating func appendInterpolation(_ number: Double) { markup += String(number) }
    }

    /// Text made safe for element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
