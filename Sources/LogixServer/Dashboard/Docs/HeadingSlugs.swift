/// GitHub's anchors for headings, so a link written for the repository (`troubleshooting.md#invalid_token`)
/// lands on the same heading in the dashboard: the heading's text lowercased, every character that is not a
/// letter, digit, `_`, `-` or space dropped, each space a `-`; a repeated slug gets `-1`, `-2`, … in order
/// (github-slugger's rules).
struct HeadingSlugs {
    private var occurrences: [String: Int] = [:]

    /// The next heading's anchor, unique within the document.
    mutating func anchor(for text: String) -> String {
        let original = Self.slug(text)
        var result = original
        while occurrences[result] != nil {
            let count = occurrences[original, default: 0] + 1
            occurrences[original] = count
            result = "\(original)-\(count)"
        }
        occurrences[result] = 0
        return result
    }

    /// The slug of one heading's plain text, before making it unique.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }
}
