import Foundation

@testable import LogixServer

/// The checks that keep the guides true, as functions of their inputs so each can be tried on a small
/// synthetic guide as well as on the repository (``DocsConsistencyTests``). Each returns one message per
/// problem, saying where it is, what is wrong and how to fix it; no message means the check passed.
enum DocsChecks {
    /// A file of the repository: its path from the root and its text.
    struct File {
        var path: String
        var text: String
    }

    // MARK: - Examples

    /// Every `<!-- example: PATH -->` is followed at once by a fenced block whose content is PATH's file
    /// exactly (its final newline aside).
    static func exampleProblems(in guides: [File], read: (String) -> String?) -> [String] {
        var problems: [String] = []
        for guide in guides {
            let lines = guide.text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                guard let path = MarkdownParser.exampleMarker(line) else { continue }
                let place = "\(guide.path):\(index + 1)"
                guard index + 1 < lines.count, let fence = MarkdownParser.Fence(lines[index + 1]) else {
                    problems.append(
                        "\(place): the marker for \(path) is not followed at once by a fenced code block; put the "
                            + "block (```\(language(of: path))) on the next line")
                    continue
                }
                var body: [String] = []
                var closed = false
                for following in lines[(index + 2)...] {
                    if fence.isClosed(by: following) {
                        closed = true
                        break
                    }
                    body.append(String(following.dropFirst(min(fence.indent, following.prefix { $0 == " " }.count))))
                }
                guard closed else {
                    problems.append("\(place): the code block for \(path) is never closed")
                    continue
                }
                guard let file = read(path) else {
                    problems.append(
                        "\(place): \(path) does not exist (the marker names a path from the repository root)")
                    continue
                }
                let expected = file.hasSuffix("\n") ? String(file.dropLast()) : file
                let shown = body.joined(separator: "\n")
                if shown != expected {
                    problems.append(
                        "\(place): the block under the marker is not \(path) as it is now; replace the block's "
                            + "content with the file's (`cat \(path)`). Difference (- the guide, + the file):\n"
                            + difference(shown, expected))
                }
            }
        }
        return problems
    }

    private static func language(of path: String) -> String {
        switch (path as NSString).pathExtension {
        case "sh": "sh"
        case "py": "python"
        case "mjs", "js": "javascript"
        case "json": "json"
        default: "text"
        }
    }

    /// A line-by-line difference: the common lines around the first change, then the changed lines.
    static func difference(_ old: String, _ new: String) -> String {
        let a = old.components(separatedBy: "\n")
        let b = new.components(separatedBy: "\n")
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var lines = ["@@ line \(prefix + 1) @@"]
        lines += a[max(0, prefix - 2)..<prefix].map { "  " + $0 }
        lines += a[prefix..<(a.count - suffix)].prefix(20).map { "- " + $0 }
        lines += b[prefix..<(b.count - suffix)].prefix(20).map { "+ " + $0 }
        lines += a[(a.count - suffix)...].prefix(2).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    // MARK: - Error codes

    /// The codes the API can answer, as the sources spell them: `code: "…"` literals, the fallbacks
    /// `code ?? "…"` and defaults `code: String = "…"`.
    static func errorCodes(in sources: [File]) -> [String: String] {
        var codes: [String: String] = [:]
        let patterns = [#"code: "([a-z0-9_]+)""#, #"code \?\? "([a-z0-9_]+)""#, #"code: String = "([a-z0-9_]+)""#]
        for source in sources {
            for pattern in patterns {
                let regex = try! NSRegularExpression(pattern: pattern)
                let text = source.text as NSString
                for match in regex.matches(in: source.text, range: NSRange(location: 0, length: text.length)) {
                    let code = text.substring(with: match.range(at: 1))
                    let line = text.substring(to: match.range.location).filter { $0 == "\n" }.count + 1
                    codes[code] = codes[code] ?? "\(source.path):\(line)"
                }
            }
        }
        return codes
    }

    /// `store_KIND`: what ``ErrorMiddleware`` answers when the store failed without a code of its own, one per
    /// case of `WooCommerceError.Kind`'s private `Code` enum (read from its source: the cases are private).
    static func storeFailureCodes(wooCommerceErrorSource source: String) -> [String] {
        guard let start = source.range(of: "enum Code"),
            let end = source.range(of: "}", range: start.upperBound..<source.endIndex)
        else { return [] }
        let body = String(source[start.upperBound..<end.lowerBound])
        let regex = try! NSRegularExpression(pattern: #"case (\w+)(?: = "([^"]+)")?"#)
        let text = body as NSString
        return regex.matches(in: body, range: NSRange(location: 0, length: text.length)).map { match in
            let raw = match.range(at: 2).location != NSNotFound ? match.range(at: 2) : match.range(at: 1)
            return "store_" + text.substring(with: raw)
        }
    }

    /// Every code has a `###` heading in the troubleshooting guide holding it in backticks.
    static func missingCodeProblems(codes: [String: String], troubleshooting: String?) -> [String] {
        guard let troubleshooting else {
            return [
                "docs/troubleshooting.md does not exist; it needs a ### heading for each of these codes: "
                    + codes.keys.sorted().joined(separator: ", ")
            ]
        }
        let headings = troubleshooting.components(separatedBy: "\n").filter { $0.hasPrefix("### ") }
        return codes.keys.sorted().compactMap { code in
            guard !headings.contains(where: { $0.contains("`\(code)`") }) else { return nil }
            return
                "docs/troubleshooting.md has no section for the error code \(code) (answered at \(codes[code]!)); "
                + "add a heading `### `\(code)`` (anchor #\(HeadingSlugs.slug(code))) saying what it means and what to do"
        }
    }

    // MARK: - Command lines

    /// A `logix …` command in a guide's shell block.
    struct CommandLine: Equatable {
        var file: String
        var line: Int
        /// The command as written (continuation lines joined).
        var text: String
        /// What follows `logix`.
        var arguments: [String]
    }

    /// The `logix` commands of the shell blocks (```sh, bash, shell, console) of a Markdown file; `swift run
    /// logix`, `swift run -c release logix` and any path ending in `/logix` count as `logix`.
    static func commandLines(in file: File) -> [CommandLine] {
        var commands: [CommandLine] = []
        let lines = file.text.components(separatedBy: "\n")
        var fence: MarkdownParser.Fence?
        var isShell = false
        var pending = ""
        var pendingLine = 0
        for (index, line) in lines.enumerated() {
            if let open = fence {
                if open.isClosed(by: line) {
                    fence = nil
                    continue
                }
                guard isShell else { continue }
                var text = line.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("$ ") { text.removeFirst(2) }
                if pending.isEmpty { pendingLine = index + 1 }
                if text.hasSuffix("\\") {
                    pending += text.dropLast() + " "
                    continue
                }
                let command = pending + text
                pending = ""
                for arguments in logixInvocations(command) {
                    commands.append(
                        CommandLine(file: file.path, line: pendingLine, text: command, arguments: arguments))
                }
            } else if let open = MarkdownParser.Fence(line) {
                fence = open
                isShell = ["sh", "bash", "shell", "console", "zsh"].contains(open.language ?? "")
                pending = ""
            }
        }
        return commands
    }

    /// The arguments of each `logix` run in one shell line (split at `&&`, `||`, `;` and `|`).
    static func logixInvocations(_ command: String) -> [[String]] {
        let tokens = shellTokens(command)
        guard !(tokens.first?.hasPrefix("#") ?? true) else { return [] }
        var segments: [[String]] = [[]]
        for token in tokens {
            if ["&&", "||", ";", "|"].contains(token) {
                segments.append([])
            } else {
                segments[segments.count - 1].append(token)
            }
        }
        return segments.compactMap { segment -> [String]? in
            var words = segment[...]
            // Variables for this command only (`LOGIX_USER=… logix …`), and `env`, `exec`, `sudo`.
            while let first = words.first,
                first.contains("=") && !first.hasPrefix("-") || ["env", "exec", "sudo", "time"].contains(first)
            {
                words = words.dropFirst()
            }
            let prefixes: [[String]] = [
                ["swift", "run", "-c", "release", "logix"], ["swift", "run", "-c", "debug", "logix"],
                ["swift", "run", "logix"], ["logix"],
            ]
            for prefix in prefixes where words.starts(with: prefix) {
                return Array(words.dropFirst(prefix.count))
            }
            if let first = words.first, first.hasSuffix("/logix") { return Array(words.dropFirst()) }
            return nil
        }
    }

    /// Words as a shell splits them: quotes group and are removed, a `#` at a word's start ends the line.
    static func shellTokens(_ line: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else {
                    current.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                if let next = characters.next() { current.append(next) }
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { tokens.append(current) }
                current = ""
                inWord = false
            } else if character == "#" && !inWord {
                break
            } else if character == ";" || character == "|" || character == "&" {
                // `a|b`, `a && b`, `a;b`: operators are words of their own.
                if inWord { tokens.append(current) }
                current = ""
                inWord = false
                if let last = tokens.last, ["|", "&"].contains(last), last == String(character) {
                    tokens[tokens.count - 1] = last + String(character)
                } else {
                    tokens.append(String(character))
                }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { tokens.append(current) }
        return tokens
    }

    /// What `logix PATH --help` says: its subcommands and its flags (and which take a value).
    struct Help {
        var subcommands: Set<String>
        var flags: Set<String>
        var flagsWithValue: Set<String>

        init(_ text: String) {
            // Under SUBCOMMANDS, a name is indented by two spaces; its description may wrap onto lines
            // indented further, and a blank line ends the list.
            var subcommands: Set<String> = []
            var inSubcommands = false
            for line in text.components(separatedBy: "\n") {
                if line.hasPrefix("SUBCOMMANDS:") {
                    inSubcommands = true
                } else if inSubcommands && line.trimmingCharacters(in: .whitespaces).isEmpty {
                    inSubcommands = false
                } else if inSubcommands, line.hasPrefix("  "), line.dropFirst(2).first?.isWhitespace == false,
                    let name = line.split(separator: " ").first
                {
                    subcommands.insert(String(name))
                }
            }
            self.subcommands = subcommands
            var flags: Set<String> = []
            var withValue: Set<String> = []
            let regex = try! NSRegularExpression(
                pattern: #"(?<![\w-])(--(?:\[no-\])?[A-Za-z0-9][A-Za-z0-9-]*|-[A-Za-z])(?![\w-])( <|=<)?"#)
            let ns = text as NSString
            for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let flag = ns.substring(with: match.range(at: 1))
                let takesValue = match.range(at: 2).location != NSNotFound
                for name in flag.contains("[no-]")
                    ? [
                        flag.replacingOccurrences(of: "[no-]", with: ""),
                        flag.replacingOccurrences(of: "[no-]", with: "no-"),
                    ]
                    : [flag]
                {
                    flags.insert(name)
                    if takesValue { withValue.insert(name) }
                }
            }
            flags.insert("--help")
            flags.insert("-h")
            self.flags = flags
            flagsWithValue = withValue
        }
    }

    /// Each command's subcommands exist and each of its flags is one its subcommand accepts. `help(path)` is
    /// `logix PATH --help`'s output, nil when that command does not exist.
    static func commandProblems(_ commands: [CommandLine], help: ([String]) async throws -> String?) async rethrows
        -> [String]
    {
        var cache: [[String]: Help?] = [:]
        var problems: [String] = []
        for command in commands {
            var path: [String] = []
            var positional = false
            var index = 0
            func describe() -> String { (["logix"] + path).joined(separator: " ") }
            let place = "\(command.file):\(command.line): `\(command.text)`"
            while index < command.arguments.count {
                let argument = command.arguments[index]
                index += 1
                if cache[path] == nil { cache[path] = try await help(path).map(Help.init) }
                guard let current = cache[path] ?? nil else {
                    problems.append("\(place): `\(describe()) --help` fails: no such command")
                    break
                }
                // The end of options, or a redirection: nothing after it is the command's.
                if argument == "--" || argument.hasPrefix(">") || argument.hasPrefix("<")
                    || argument.first?.isNumber == true && argument.dropFirst().hasPrefix(">")
                {
                    break
                }
                if argument.hasPrefix("-") && argument.count > 1 && !argument.hasPrefix("---") {
                    let name = String(argument.prefix { $0 != "=" })
                    if current.flags.contains(name) {
                        if current.flagsWithValue.contains(name) && !argument.contains("=") { index += 1 }
                    } else {
                        let known = current.flags.filter { $0.hasPrefix("--") }.sorted().joined(separator: ", ")
                        problems.append(
                            "\(place): `\(describe())` has no flag \(name) (`\(describe()) --help` lists: \(known))")
                    }
                    continue
                }
                if !positional && !current.subcommands.isEmpty {
                    if current.subcommands.contains(argument) {
                        path.append(argument)
                        continue
                    }
                    problems.append(
                        "\(place): `\(describe())` has no subcommand \(argument) (it has: "
                            + current.subcommands.sorted().joined(separator: ", ") + ")")
                    break
                }
                positional = true
            }
        }
        return problems
    }

    // MARK: - Links

    /// Every relative link of the files lands on a file of the repository, and a fragment on a heading of the
    /// Markdown file it names. `read(path)` is a repository file's text, nil when it does not exist.
    static func linkProblems(in files: [File], read: (String) -> String?) -> [String] {
        var anchors: [String: Set<String>] = [:]
        func anchorsOf(_ path: String) -> Set<String>? {
            if let known = anchors[path] { return known }
            guard let text = read(path) else { return nil }
            let found = Guide(path: path, markdown: text, pages: []).anchors
            anchors[path] = found
            return found
        }
        var problems: [String] = []
        for file in files {
            for destination in linkDestinations(MarkdownParser.blocks(file.text)) {
                let lowered = destination.lowercased()
                if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") {
                    continue
                }
                let (path, fragment) = GuideLinks.split(destination)
                let target: String
                if path.isEmpty {
                    target = file.path
                } else if let resolved = GuideLinks.resolve(path, from: file.path) {
                    target = resolved
                } else {
                    problems.append("\(file.path): the link (\(destination)) leaves the repository")
                    continue
                }
                guard read(target) != nil || isDirectory(target, read: read) else {
                    problems.append("\(file.path): the link (\(destination)) names \(target), which does not exist")
                    continue
                }
                guard let fragment, !fragment.isEmpty, target.hasSuffix(".md") else { continue }
                let known = anchorsOf(target) ?? []
                if !known.contains(fragment) {
                    let near = known.filter { $0.contains(fragment) || fragment.contains($0) }.sorted().prefix(5)
                    problems.append(
                        "\(file.path): the link (\(destination)) names the anchor #\(fragment), but \(target) has no "
                            + "such heading"
                            + (near.isEmpty ? "" : " (close: \(near.map { "#" + $0 }.joined(separator: ", ")))"))
                }
            }
        }
        return problems
    }

    private static func isDirectory(_ path: String, read: (String) -> String?) -> Bool {
        read(path + "/README.md") != nil
    }

    /// Every link destination of the blocks, in order.
    static func linkDestinations(_ blocks: [MarkdownBlock]) -> [String] {
        func inline(_ text: String) -> [String] { destinations(MarkdownInline.parse(text)) }
        func destinations(_ nodes: [MarkdownInline]) -> [String] {
            nodes.flatMap { node -> [String] in
                switch node {
                case .link(let destination, let inner): [destination] + destinations(inner)
                case .emphasis(let inner), .strong(let inner), .image(let inner): destinations(inner)
                case .text, .code, .lineBreak: []
                }
            }
        }
        return blocks.flatMap { block -> [String] in
            switch block {
            case .heading(_, let text), .paragraph(let text): inline(text)
            case .list(_, _, _, let items): items.flatMap(linkDestinations)
            case .quote(let inner): linkDestinations(inner)
            case .table(let table): (table.header + table.rows.flatMap { $0 }).flatMap(inline)
            case .code, .rule: []
            }
        }
    }
}
