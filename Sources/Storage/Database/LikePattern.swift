import Foundation

/// Text a person typed, made safe inside a `LIKE … ESCAPE '\'` pattern: `%`, `_` and `\` match themselves rather
/// than acting as wildcards (the same on both engines).
enum LikePattern {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
