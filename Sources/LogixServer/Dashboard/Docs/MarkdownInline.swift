import Foundation

/// The text inside a block: code spans, `**strong**`, `*emphasis*` (`_emphasis_` only between words, so
/// `invalid_token` stays a word), links (`[text](destination)`, `<https://…>` and bare `https://…`), images
/// shown as their description, backslash escapes and character entities. Anything else — HTML included — is
/// text.
enum MarkdownInline: Equatable, Sendable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(destination: String, [MarkdownInline])
    /// An image is not loaded (the dashboard loads nothing but its own files): its description is shown.
    case image(description: [MarkdownInline])
    case lineBreak

    // MARK: - Reading

    static func parse(_ text: String) -> [MarkdownInline] {
        let characters = Array(text)
        return parse(characters, characters.startIndex..<characters.endIndex, links: true)
    }

    private static let asciiPunctuation = Set(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##)

    private static func parse(_ c: [Character], _ range: Range<Int>, links: Bool) -> [MarkdownInline] {
        var nodes: [MarkdownInline] = []
        var text = ""
        func flush() {
            if !text.isEmpty { nodes.append(.text(text)) }
            text = ""
        }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let character = c[i]
            switch character {
            case "\\" where i + 1 < end && asciiPunctuation.contains(c[i + 1]):
                text.append(c[i + 1])
                i += 2
                continue
            case "\\" where i + 1 < end && c[i + 1] == "\n":
                flush()
                nodes.append(.lineBreak)
                i += 2
                continue
            case "`":
                if let span = codeSpan(c, at: i, end: end) {
                    flush()
                    nodes.append(.code(span.content))
                    i = span.end
                } else {
                    let run = runLength(c, at: i, end: end)
                    text += String(repeating: "`", count: run)
                    i += run
                }
                continue
            case "*", "_":
                if let found = emphasis(c, at: i, end: end, start: range.lowerBound) {
                    flush()
                    let inner = parse(c, found.inner, links: links)
                    nodes.append(found.strong ? .strong(inner) : .emphasis(inner))
                    i = found.end
                } else {
                    let run = runLength(c, at: i, end: end)
                    text += String(repeating: character, count: run)
                    i += run
                }
                continue
            case "[" where links, "!" where links && i + 1 < end && c[i + 1] == "[":
                if let found = link(c, at: i, end: end) {
                    flush()
                    if found.image {
                        nodes.append(.image(description: parse(c, found.text, links: false)))
                    } else {
                        nodes.append(.link(destination: found.destination, parse(c, found.text, links: false)))
                    }
                    i = found.end
                    continue
                }
            case "<" where links:
                if let found = autolink(c, at: i, end: end) {
                    flush()
                    nodes.append(.link(destination: found.url, [.text(found.url)]))
                    i = found.end
                    continue
                }
            case "&":
                if let (character, length) = entity(c, at: i, end: end) {
                    text.append(character)
                    i += length
                    continue
                }
            case "h" where links:
                if i == range.lowerBound || " \n(*_".contains(c[i - 1]), let url = bareURL(c, at: i, end: end) {
                    flush()
                    nodes.append(.link(destination: url, [.text(url)]))
                    i += url.count
                    continue
                }
            default:
                break
            }
            text.append(character)
            i += 1
        }
        flush()
        return nodes
    }

    /// The character an entity (`&rarr;`, `&#8594;`, `&#x2192;`) stands for, and its length; the text then
    /// escapes it again, so an entity can never become markup.
    private static func entity(_ c: [Character], at i: Int, end: Int) -> (Character, Int)? {
        var j = i + 1
        var name = ""
        while j < end, j - i <= 10, c[j] != ";" {
            guard c[j].isASCII, c[j].isLetter || c[j].isNumber || c[j] == "#" else { return nil }
            name.append(c[j])
            j += 1
        }
        guard j < end, c[j] == ";", !name.isEmpty else { return nil }
        var value: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            value = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            value = UInt32(name.dropFirst())
        } else {
            value = namedEntities[name]
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (Character(scalar), j - i + 1)
    }

    private static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "rarr": 0x2192,
        "larr": 0x2190, "harr": 0x2194, "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026, "copy": 0xA9,
        "times": 0xD7, "middot": 0xB7, "check": 0x2713,
    ]

    private static func runLength(_ c: [Character], at i: Int, end: Int) -> Int {
        var j = i
        while j < end, c[j] == c[i] { j += 1 }
        return j - i
    }

    /// A code span opened by the backtick run at `i`: closed by the next run of the same length.
    private static func codeSpan(_ c: [Character], at i: Int, end: Int) -> (content: String, end: Int)? {
        let length = runLength(c, at: i, end: end)
        var j = i + length
        while j < end {
            guard c[j] == "`" else {
                j += 1
                continue
            }
            let run = runLength(c, at: j, end: end)
            if run == length {
                var content = String(c[(i + length)..<j]).replacingOccurrences(of: "\n", with: " ")
                if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " })
                {
                    content = String(content.dropFirst().dropLast())
                }
                return (content, j + run)
            }
            j += run
        }
        return nil
    }

    /// `*text*`, `**text**` (or with `_`) opened at `i`: the text inside and where the closing run ends.
    private static func emphasis(_ c: [Character], at i: Int, end: Int, start: Int)
        -> (strong: Bool, inner: Range<Int>, end: Int)?
    {
        let mark = c[i]
        let run = runLength(c, at: i, end: end)
        let length = run >= 2 ? 2 : 1
        let innerStart = i + length
        guard innerStart < end, !c[innerStart].isWhitespace else { return nil }
        if mark == "_", i > start, c[i - 1].isLetter || c[i - 1].isNumber { return nil }
        var j = innerStart
        while j < end {
            switch c[j] {
            case "\\":
                j += 2
            case "`":
                j = codeSpan(c, at: j, end: end)?.end ?? j + runLength(c, at: j, end: end)
            case mark:
                let closing = runLength(c, at: j, end: end)
                let after = j + closing
                let rightFlanking = j > innerStart && !c[j - 1].isWhitespace
                let wordAfter = after < end && (c[after].isLetter || c[after].isNumber)
                if rightFlanking, !(mark == "_" && wordAfter),
                    length == 2 ? closing >= 2 : closing == 1
                {
                    return (length == 2, innerStart..<j, j + length)
                }
                j = after
            default:
                j += 1
            }
        }
        return nil
    }

    /// `[text](destination "title")` or `![description](source)` at `i`.
    private static func link(_ c: [Character], at i: Int, end: Int)
        -> (image: Bool, text: Range<Int>, destination: String, end: Int)?
    {
        let image = c[i] == "!"
        let open = image ? i + 1 : i
        var depth = 0
        var j = open
        var close: Int?
        while j < end {
            switch c[j] {
            case "\\":
                j += 2
                continue
            case "`":
                if let span = codeSpan(c, at: j, end: end) {
                    j = span.end
                    continue
                }
            case "[":
                depth += 1
            case "]":
                depth -= 1
                if depth == 0 { close = j }
            default:
                break
            }
            if close != nil { break }
            j += 1
        }
        guard let close, close + 1 < end, c[close + 1] == "(" else { return nil }
        var k = close + 2
        while k < end, c[k] == " " { k += 1 }
        var destination = ""
        if k < end, c[k] == "<" {
            k += 1
            while k < end, c[k] != ">", c[k] != "\n" {
                destination.append(c[k])
                k += 1
            }
            guard k < end, c[k] == ">" else { return nil }
            k += 1
        } else {
            var parentheses = 0
            while k < end, !c[k].isWhitespace {
                if c[k] == "(" { parentheses += 1 }
                if c[k] == ")" {
                    if parentheses == 0 { break }
                    parentheses -= 1
                }
                if c[k] == "\\", k + 1 < end, asciiPunctuation.contains(c[k + 1]) { k += 1 }
                destination.append(c[k])
                k += 1
            }
        }
        while k < end, c[k].isWhitespace { k += 1 }
        if k < end, c[k] == "\"" || c[k] == "'" {
            let quote = c[k]
            k += 1
            while k < end, c[k] != quote { k += 1 }
            k += 1
            while k < end, c[k].isWhitespace { k += 1 }
        }
        guard k < end, c[k] == ")" else { return nil }
        return (image, (open + 1)..<close, destination, k + 1)
    }

    /// `<https://…>` or `<mailto:…>`.
    private static func autolink(_ c: [Character], at i: Int, end: Int) -> (url: String, end: Int)? {
        var j = i + 1
        var url = ""
        while j < end, c[j] != ">" {
            if c[j].isWhitespace || c[j] == "<" { return nil }
            url.append(c[j])
            j += 1
        }
        guard j < end, url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:") else {
            return nil
        }
        return (url, j + 1)
    }

    /// A bare `http://` or `https://` address (GFM's autolink extension), without the punctuation after it.
    private static func bareURL(_ c: [Character], at i: Int, end: Int) -> String? {
        var j = i
        var url = ""
        while j < end, !c[j].isWhitespace, c[j] != "<" {
            url.append(c[j])
            j += 1
        }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
        while let last = url.last,
            ".,:;!?\"'*_".contains(last)
                || last == ")" && url.filter({ $0 == "(" }).count < url.filter({ $0 == ")" }).count
        {
            url.removeLast()
        }
        guard let scheme = url.range(of: "://"),
            url[scheme.upperBound...].contains(where: { $0.isLetter || $0.isNumber })
        else { return nil }
        return url
    }

    // MARK: - Writing

    /// The markup of `nodes`; a link's destination goes through `links`, which gives the address to open or
    /// nil to show the link's text without a link.
    static func html(_ nodes: [MarkdownInline], links: (String) -> String?) -> HTML {
        HTML(
            joining: nodes.map { node -> HTML in
                switch node {
                case .text(let text): "\(text)"
                case .code(let code): "<code>\(code)</code>"
                case .emphasis(let inner): "<em>\(html(inner, links: links))</em>"
                case .strong(let inner): "<strong>\(html(inner, links: links))</strong>"
                case .image(let description): "\(plainText(description))"
                case .lineBreak: "<br>"
                case .link(let destination, let inner):
                    if let href = links(destination) {
                        #"<a href="\#(href)">\#(html(inner, links: links))</a>"#
                    } else {
                        html(inner, links: links)
                    }
                }
            })
    }

    /// What the nodes read as, without markup: a heading's text for its anchor, a guide's title.
    static func plainText(_ nodes: [MarkdownInline]) -> String {
        nodes.map { node in
            switch node {
            case .text(let text), .code(let text): text
            case .emphasis(let inner), .strong(let inner), .link(_, let inner), .image(let inner): plainText(inner)
            case .lineBreak: "\n"
            }
        }.joined()
    }
}
