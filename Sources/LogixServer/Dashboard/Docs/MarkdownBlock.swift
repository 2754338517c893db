/// One block of a guide, in the subset of GitHub-flavoured Markdown the guides are written in (see the
/// conventions in ``MarkdownParser``). Text inside is still Markdown: ``MarkdownInline`` renders it.
indirect enum MarkdownBlock: Equatable, Sendable {
    /// `#` to `######`.
    case heading(level: Int, text: String)
    /// Lines joined by newlines.
    case paragraph(String)
    /// `-` or `1.` items, each its own blocks; a tight list (no blank line between items) shows its items'
    /// paragraphs without `<p>`, as GitHub does.
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    /// A fenced block; `example` is the file an `<!-- example: PATH -->` line right above it names.
    case code(language: String?, text: String, example: String?)
    case table(MarkdownTable)
    /// `>` lines.
    case quote([MarkdownBlock])
    /// `---`.
    case rule
}

/// A GFM pipe table: a header row, a delimiter row (which may align columns) and body rows, every row as
/// many cells as the header.
struct MarkdownTable: Equatable, Sendable {
    enum Alignment: String, Sendable { case left, center, right }

    var header: [String]
    var alignments: [Alignment?]
    var rows: [[String]]
}
