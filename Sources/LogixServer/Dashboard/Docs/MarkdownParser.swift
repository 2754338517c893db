import Foundation

/// Splits a guide into ``MarkdownBlock``s: the subset of GitHub-flavoured Markdown the guides follow —
/// ATX headings, paragraphs, `-`/`*`/`+` and `1.` lists (nested by indentation), fenced code blocks with a
/// language, GFM pipe tables, `>` blockquotes and `---` rules. HTML comments are dropped; the one meaningful
/// comment, `<!-- example: PATH -->`, names the file the fenced block right below it shows. Any other HTML is
/// left as text, so it is shown escaped rather than passed through.
///
/// Lenient where writers are: an item's nested list needs only to be indented further than the item's marker
/// (GitHub needs it under the item's text), and an item's paragraph goes on over unindented lines.
enum MarkdownParser {
    static func blocks(_ text: String) -> [MarkdownBlock] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { expandingTabs(String($0)) }
        return blocks(lines[...])
    }

    /// The file an `<!-- example: PATH -->` line names.
    static func exampleMarker(_ line: String) -> String? {
        let trimmed = line.trimmedOfSpace
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
        let inner = trimmed.dropFirst(4).dropLast(3).trimmedOfSpace
        guard inner.hasPrefix("example:") else { return nil }
        let path = inner.dropFirst("example:".count).trimmedOfSpace
        return path.isEmpty ? nil : path
    }

    /// An opening code fence: its indentation, its character and length, and its language.
    struct Fence: Equatable {
        var indent: Int
        var character: Character
        var length: Int
        var language: String?

        init?(_ line: String) {
            let indent = line.leadingSpaces
            guard indent <= 3 else { return nil }
            let rest = line.dropFirst(indent)
            guard let first = rest.first, first == "`" || first == "~" else { return nil }
            let length = rest.prefix { $0 == first }.count
            guard length >= 3 else { return nil }
            let info = rest.dropFirst(length).trimmedOfSpace
            if first == "`" && info.contains("`") { return nil }
            self.indent = indent
            character = first
            self.length = length
            language = info.split(separator: " ").first.map(String.init)
        }

        func isClosed(by line: String) -> Bool {
            let indent = line.leadingSpaces
            guard indent <= 3 else { return false }
            let rest = line.dropFirst(indent)
            let run = rest.prefix { $0 == character }.count
            return run >= length && rest.dropFirst(run).allSatisfy(\.isWhitespace)
        }
    }

    /// A list item's first line: where its marker is, where its text starts, and its kind.
    struct ListMarker: Equatable {
        var indent: Int
        var contentIndent: Int
        var ordered: Bool
        var start: Int
        var content: String

        init?(_ line: String) {
            let indent = line.leadingSpaces
            let rest = line.dropFirst(indent)
            guard let first = rest.first else { return nil }
            var markerLength: Int
            if "-*+".contains(first) {
                markerLength = 1
                ordered = false
                start = 1
            } else {
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard (1...9).contains(digits.count), let number = Int(digits),
                    let delimiter = rest.dropFirst(digits.count).first, delimiter == "." || delimiter == ")"
                else { return nil }
                markerLength = digits.count + 1
                ordered = true
                start = number
            }
            let afterMarker = rest.dropFirst(markerLength)
            guard afterMarker.isEmpty || afterMarker.first == " " else { return nil }
            let spaces = afterMarker.prefix { $0 == " " }.count
            self.indent = indent
            // Five or more spaces would be an indented code block in the item; the text starts after one.
            contentIndent = indent + markerLength + (spaces == 0 || spaces > 4 ? 1 : spaces)
            content = String(afterMarker.dropFirst(min(spaces, contentIndent - indent - markerLength)))
        }

        func continues(_ other: ListMarker) -> Bool { ordered == other.ordered }
    }

    // MARK: - Blocks

    private static func blocks(_ lines: ArraySlice<String>) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var index = lines.startIndex
        var example: String?
        while index < lines.endIndex {
            let line = lines[index]
            if line.isBlank {
                index += 1
                example = nil
                continue
            }
            if let path = exampleMarker(line) {
                example = path
                index += 1
                continue
            }
            if isComment(line) {
                index += 1
                continue
            }
            if let fence = Fence(line) {
                var body: [String] = []
                index += 1
                while index < lines.endIndex, !fence.isClosed(by: lines[index]) {
                    body.append(String(lines[index].dropFirst(min(fence.indent, lines[index].leadingSpaces))))
                    index += 1
                }
                index = min(index + 1, lines.endIndex)
                blocks.append(.code(language: fence.language, text: body.joined(separator: "\n"), example: example))
                example = nil
                continue
            }
            example = nil
            if let heading = heading(line) {
                blocks.append(heading)
                index += 1
            } else if isRule(line) {
                blocks.append(.rule)
                index += 1
            } else if isQuote(line) {
                var inner: [String] = []
                while index < lines.endIndex, !lines[index].isBlank, isQuote(lines[index]) || !startsBlock(lines[index])
                {
                    inner.append(unquoted(lines[index]))
                    index += 1
                }
                blocks.append(.quote(self.blocks(inner[...])))
            } else if let marker = ListMarker(line) {
                let (list, next) = self.list(lines, from: index, first: marker)
                blocks.append(list)
                index = next
            } else if index + 1 < lines.endIndex, line.contains("|"), isTableDelimiter(lines[index + 1]) {
                let (table, next) = self.table(lines, from: index)
                blocks.append(.table(table))
                index = next
            } else {
                var paragraph: [String] = [line.trimmedOfSpace]
                index += 1
                while index < lines.endIndex, !lines[index].isBlank, !startsBlock(lines[index]) {
                    paragraph.append(lines[index].trimmedOfSpace)
                    index += 1
                }
                blocks.append(.paragraph(paragraph.joined(separator: "\n")))
            }
        }
        return blocks
    }

    private static func list(_ lines: ArraySlice<String>, from start: Int, first: ListMarker) -> (MarkdownBlock, Int) {
        var items: [[String]] = []
        var current: [String] = [first.content]
        var contentIndent = first.contentIndent
        var tight = true
        var index = start + 1
        var fence = Fence(first.content)
        while index < lines.endIndex {
            let line = lines[index]
            if line.isBlank {
                // A blank line ends the list unless what follows belongs to it: more of the item, or its next
                // item (or the blank line is inside a code block).
                guard let next = lines[index...].first(where: { !$0.isBlank }) else { break }
                let belongs =
                    next.leadingSpaces > first.indent
                    || ListMarker(next).map { $0.indent <= first.indent && $0.continues(first) } == true
                guard belongs || fence != nil else { break }
                current.append("")
                index += 1
                continue
            }
            // Blocks of a list separated by a blank line make it loose: its paragraphs get their `<p>`.
            let afterBlank = current.last?.isEmpty == true && fence == nil
            if fence == nil, let marker = ListMarker(line), marker.indent <= first.indent, !isRule(line) {
                guard marker.continues(first) else { break }
                if afterBlank { tight = false }
                items.append(current)
                current = [marker.content]
                contentIndent = marker.contentIndent
                fence = Fence(marker.content)
            } else if line.leadingSpaces > first.indent || fence != nil {
                let content = String(line.dropFirst(min(line.leadingSpaces, contentIndent)))
                if let open = fence {
                    if open.isClosed(by: content) { fence = nil }
                } else {
                    fence = Fence(content)
                }
                if afterBlank { tight = false }
                current.append(content)
            } else if let last = current.last, isLazyContinuable(last), !startsBlock(line) {
                // An unindented line goes on with the item's paragraph.
                current.append(line.trimmedOfSpace)
            } else {
                break
            }
            index += 1
        }
        items.append(current)
        let parsed = items.map { blocks(trimmingBlankLines($0)[...]) }
        return (.list(ordered: first.ordered, start: first.start, tight: tight, items: parsed), index)
    }

    private static func table(_ lines: ArraySlice<String>, from start: Int) -> (MarkdownTable, Int) {
        let header = cells(lines[start])
        let alignments = cells(lines[start + 1]).map { cell -> MarkdownTable.Alignment? in
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): .center
            case (false, true): .right
            case (true, false): .left
            case (false, false): nil
            }
        }
        var rows: [[String]] = []
        var index = start + 2
        while index < lines.endIndex, !lines[index].isBlank, !startsBlock(lines[index]) {
            var row = cells(lines[index])
            if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
            rows.append(Array(row.prefix(header.count)))
            index += 1
        }
        var aligned = Array(alignments.prefix(header.count))
        if aligned.count < header.count { aligned += Array(repeating: nil, count: header.count - aligned.count) }
        return (MarkdownTable(header: header, alignments: aligned, rows: rows), index)
    }

    /// A table row's cells: split at every `|` not escaped as `\|` (GFM splits inside code spans too).
    static func cells(_ line: String) -> [String] {
        var text = Substring(line.trimmedOfSpace)
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in text {
            if escaped {
                cell.append(character == "|" ? "|" : "\\\(character)")
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmedOfSpace)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell.append("\\") }
        cells.append(cell.trimmedOfSpace)
        return cells
    }

    // MARK: - Lines

    private static func heading(_ line: String) -> MarkdownBlock? {
        let indent = line.leadingSpaces
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let after = rest.dropFirst(level)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmedOfSpace
        // A closing run of `#`, after a space, is not part of the text.
        if let closing = text.lastIndex(where: { $0 != "#" }), closing < text.index(before: text.endIndex),
            text[closing] == " "
        {
            text = String(text[..<closing]).trimmedOfSpace
        } else if text.allSatisfy({ $0 == "#" }) {
            text = ""
        }
        return .heading(level: level, text: text)
    }

    private static func isRule(_ line: String) -> Bool {
        guard line.leadingSpaces <= 3 else { return false }
        let marks = line.filter { !$0.isWhitespace }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isQuote(_ line: String) -> Bool {
        line.leadingSpaces <= 3 && line.dropFirst(line.leadingSpaces).first == ">"
    }

    private static func unquoted(_ line: String) -> String {
        guard isQuote(line) else { return line }
        let rest = line.dropFirst(line.leadingSpaces + 1)
        return String(rest.first == " " ? rest.dropFirst() : rest)
    }

    private static func isComment(_ line: String) -> Bool {
        let trimmed = line.trimmedOfSpace
        return trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")
    }

    private static func isTableDelimiter(_ line: String) -> Bool {
        let cells = cells(line)
        return !cells.isEmpty && line.contains("-")
            && cells.allSatisfy { cell in
                var core = Substring(cell)
                if core.hasPrefix(":") { core = core.dropFirst() }
                if core.hasSuffix(":") { core = core.dropLast() }
                return !core.isEmpty && core.allSatisfy { $0 == "-" }
            }
            && (line.contains("|") || cells.count > 1)
    }

    /// Whether a line opens a block of its own, ending a paragraph before it.
    private static func startsBlock(_ line: String) -> Bool {
        Fence(line) != nil || heading(line) != nil || isRule(line) || isQuote(line) || ListMarker(line) != nil
            || isComment(line)
    }

    /// Whether an item's last line is text an unindented line may continue (not a blank, a heading, a rule or
    /// a code fence).
    private static func isLazyContinuable(_ line: String) -> Bool {
        !line.isBlank && heading(line) == nil && Fence(line) == nil && !isRule(line) && !isComment(line)
    }

    private static func trimmingBlankLines(_ lines: [String]) -> [String] {
        Array(lines.drop(while: \.isBlank).reversed().drop(while: \.isBlank).reversed())
    }

    private static func expandingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var expanded = ""
        for character in line {
            if character == "\t" {
                expanded += String(repeating: " ", count: 4 - expanded.count % 4)
            } else {
                expanded.append(character)
            }
        }
        return expanded
    }
}

extension StringProtocol {
    fileprivate var leadingSpaces: Int { prefix { $0 == " " }.count }
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
    var trimmedOfSpace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
