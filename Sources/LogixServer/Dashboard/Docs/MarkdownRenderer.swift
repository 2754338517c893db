/// A guide's blocks as the dashboard's markup. Every piece of the guide's text goes through ``HTML``'s
/// escaping (a guide can show `<script>` in its text or its code and it stays text); headings get GitHub's
/// anchors and a link to themselves, code blocks keep their language as a class, and an included example is
/// captioned with its file.
struct MarkdownRenderer {
    /// A heading as the table of contents lists it.
    struct Heading: Equatable, Sendable {
        var level: Int
        var anchor: String
        var text: String
    }

    let links: GuideLinks
    private(set) var headings: [Heading] = []
    private var slugs = HeadingSlugs()

    init(links: GuideLinks) { self.links = links }

    /// Renders `blocks`, collecting their headings in ``headings``.
    mutating func render(_ blocks: [MarkdownBlock]) -> HTML {
        HTML(joining: blocks.map { render($0, tight: false) }, separator: "\n")
    }

    /// Inline Markdown, its links resolved like the guide's.
    func inline(_ text: String) -> HTML {
        MarkdownInline.html(MarkdownInline.parse(text), links: links.href)
    }

    private mutating func render(_ block: MarkdownBlock, tight: Bool) -> HTML {
        switch block {
        case .heading(let level, let text):
            let nodes = MarkdownInline.parse(text)
            let plain = MarkdownInline.plainText(nodes)
            let anchor = slugs.anchor(for: plain)
            headings.append(Heading(level: level, anchor: anchor, text: plain))
            // The page's own title is its only `<h1>`.
            let tag = "h\(min(max(level, 2), 6))"
            return """
                <\(HTML(unsafeRaw: tag)) id="\(anchor)">\(MarkdownInline.html(nodes, links: links.href)) \
                <a class="self-link" href="#\(anchor)" aria-label="Link to this section">#</a></\(HTML(unsafeRaw: tag))>
                """
        case .paragraph(let text):
            return tight ? inline(text) : "<p>\(inline(text))</p>"
        case .list(let ordered, let start, let isTight, let items):
            let rendered = items.map { item -> HTML in
                "<li>\(HTML(joining: item.map { render($0, tight: isTight) }, separator: "\n"))</li>"
            }
            if !ordered { return "<ul>\n\(HTML(joining: rendered, separator: "\n"))\n</ul>" }
            let startAttribute: HTML = start == 1 ? "" : #" start="\#(start)""#
            return "<ol\(startAttribute)>\n\(HTML(joining: rendered, separator: "\n"))\n</ol>"
        case .code(let language, let text, let example):
            let languageClass: HTML = language.map { #" class="language-\#($0)""# } ?? ""
            let code: HTML = #"<pre tabindex="0"><code\#(languageClass)>\#(text)</code></pre>"#
            guard let example else { return code }
            let name: HTML =
                links.pages.contains(example)
                ? #"<a href="\#(GuideLinks.pagePath(of: example))"><code>\#(example)</code></a>"#
                : "<code>\(example)</code>"
            return #"<figure class="example"><figcaption>Example: \#(name)</figcaption>\#(code)</figure>"#
        case .table(let table):
            func cell(_ tag: String, _ text: String, _ alignment: MarkdownTable.Alignment?) -> HTML {
                let align: HTML = alignment.map { #" class="align-\#($0.rawValue)""# } ?? ""
                let scope: HTML = tag == "th" ? #" scope="col""# : ""
                return "<\(HTML(unsafeRaw: tag))\(scope)\(align)>\(inline(text))</\(HTML(unsafeRaw: tag))>"
            }
            let head = zip(table.header, table.alignments).map { cell("th", $0, $1) }
            let rows = table.rows.map { row -> HTML in
                "<tr>\(zip(row, table.alignments).map { cell("td", $0, $1) })</tr>"
            }
            return """
                <div class="table-wrap"><table>
                <thead><tr>\(head)</tr></thead>
                <tbody>\(HTML(joining: rows, separator: "\n"))</tbody>
                </table></div>
                """
        case .quote(let blocks):
            return
                "<blockquote>\n\(HTML(joining: blocks.map { render($0, tight: false) }, separator: "\n"))\n</blockquote>"
        case .rule:
            return "<hr>"
        }
    }
}
