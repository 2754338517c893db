/// A guide (`docs/NAME.md`, or a Markdown file of `examples/`) rendered once for the dashboard: its title
/// (its `#` heading), its first paragraph for the index, its body and its headings for the table of contents.
struct Guide: Sendable {
    /// The address's last part: `quick-start` for `docs/quick-start.md`.
    var name: String
    /// The repository path it was written at.
    var path: String
    var title: String
    var summary: HTML
    var body: HTML
    var headings: [MarkdownRenderer.Heading]

    init(path: String, markdown: String, pages: Set<String>) {
        self.path = path
        name = Self.name(ofPath: path)
        var blocks = MarkdownParser.blocks(markdown)
        var renderer = MarkdownRenderer(links: GuideLinks(from: path, pages: pages))
        if case .heading(1, let text) = blocks.first {
            title = MarkdownInline.plainText(MarkdownInline.parse(text))
            blocks.removeFirst()
        } else {
            title = name
        }
        var summary = HTML.empty
        for case .paragraph(let text) in blocks {
            summary = renderer.inline(text)
            break
        }
        self.summary = summary
        body = renderer.render(blocks)
        headings = renderer.headings
    }

    /// The anchors of its headings (and so the fragments a link to it may name).
    var anchors: Set<String> { Set(headings.map(\.anchor)) }

    /// `docs/Quick-Start.md` → `quick-start`: a guide's address is its file's name, lowercased.
    static func name(ofPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return (file.hasSuffix(".md") ? String(file.dropLast(3)) : file).lowercased()
    }
}

/// The guides and example files compiled into the binary (see the `EmbedGuides` plugin), rendered once.
struct GuideLibrary: Sendable {
    /// The guides of `docs/`, in reading order: the quick start first, then the integration guide,
    /// troubleshooting, the API, and the rest by name.
    let guides: [Guide]
    /// Every embedded file by repository path, for the example files a guide shows.
    let files: [String: String]
    /// Markdown files of `examples/` (its README), rendered like guides.
    let exampleGuides: [String: Guide]

    static let readingOrder = ["quick-start", "integration-guide", "troubleshooting", "api"]

    /// The library of this binary.
    static let embedded = GuideLibrary(files: EmbeddedGuides.files)

    init(files: [String: String]) {
        self.files = files
        let pages = Set(files.keys)
        var guides: [Guide] = []
        var exampleGuides: [String: Guide] = [:]
        for (path, text) in files where path.hasSuffix(".md") {
            let guide = Guide(path: path, markdown: text, pages: pages)
            if Self.isGuidePath(path) {
                guides.append(guide)
            } else {
                exampleGuides[path] = guide
            }
        }
        self.guides = guides.sorted { first, second in
            let a = Self.readingOrder.firstIndex(of: first.name) ?? Self.readingOrder.count
            let b = Self.readingOrder.firstIndex(of: second.name) ?? Self.readingOrder.count
            return a != b ? a < b : first.name < second.name
        }
        self.exampleGuides = exampleGuides
    }

    func guide(named name: String) -> Guide? {
        guides.first { $0.name == name.lowercased() }
    }

    /// `docs/NAME.md` directly in `docs/`.
    static func isGuidePath(_ path: String) -> Bool {
        path.hasPrefix("docs/") && path.hasSuffix(".md") && !path.dropFirst(5).contains("/")
    }
}
