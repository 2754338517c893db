import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/docs`: the guides, open to everyone (someone who cannot sign in needs troubleshooting most), in the
/// dashboard's look — signed in, with the dashboard's navigation.
///
/// - `/docs`: each guide with its title and first paragraph.
/// - `/docs/NAME`: the guide `docs/NAME.md`, with a table of contents from its headings.
/// - `/docs/api`: the API guide (if there is one) and the server's OpenAPI document, rendered here.
/// - `/docs/examples/…`: the example files the guides show, as text (a Markdown one rendered).
struct DocsPages {
    let library: GuideLibrary

    init(library: GuideLibrary = .embedded) { self.library = library }

    /// The API reference is rendered once: the document is a constant of the binary.
    private static let apiReference: Result<HTML, any Error> = Result {
        let reference = APIReference(
            document: try OpenAPIDocument.served(),
            troubleshooting: GuideLibrary.embedded.guide(named: "troubleshooting") != nil)
        return reference.render()
    }
    private static let apiGroups: [APIReference.Group] =
        (try? APIReference(document: OpenAPIDocument.served()).groups) ?? []

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("docs", use: index)
        group.get("docs/api", use: api)
        group.get("docs/examples/**", use: example)
        group.get("docs/:name", use: guide)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        var entries = library.guides.map { guide -> HTML in
            """
            <li class="card"><h2><a href="/docs/\(guide.name)">\(guide.title)</a></h2><p>\(guide.summary)</p></li>
            """
        }
        if library.guide(named: "api") == nil {
            entries.append(
                """
                <li class="card"><h2><a href="/docs/api">API reference</a></h2><p>Every operation of the API, its \
                parameters, bodies and answers, rendered from the server's OpenAPI document.</p></li>
                """)
        }
        let content: HTML =
            entries.isEmpty
            ? #"<p class="empty">No guide is built into this server.</p>"#
            : #"<ul class="guide-list">\#(entries)</ul>"#
        return page(title: "Guides", context: context, content: content)
    }

    @Sendable func guide(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let name = context.parameters.get("name") ?? ""
        guard let guide = library.guide(named: name) else { throw Self.notFound }
        let toc = Self.tableOfContents(guide.headings.filter { $0.level == 2 }.map { Entry($0.anchor, $0.text) })
        return page(title: guide.title, context: context, content: Self.article(guide.body, toc: toc))
    }

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let reference = try Self.apiReference.get()
        let guide = library.guide(named: "api")
        var entries = guide?.headings.filter { $0.level == 2 }.map { Entry($0.anchor, $0.text) } ?? []
        entries.append(
            Entry("api-reference", "API reference", children: Self.apiGroups.map { Entry($0.anchor, $0.title) }))
        entries.append(Entry("api-schemas", "Schemas"))
        let body = (guide?.body ?? .empty) + reference
        return page(
            title: guide?.title ?? "API reference", context: context,
            content: Self.article(body, toc: Self.tableOfContents(entries)))
    }

    @Sendable func example(_ request: Request, context: AppRequestContext) async throws -> Response {
        let path = "examples/" + context.parameters.getCatchAll().joined(separator: "/")
        if let guide = library.exampleGuides[path] {
            return try page(title: guide.title, context: context, content: Self.article(guide.body, toc: nil))
                .response(from: request, context: context)
        }
        guard let text = library.files[path] else { throw Self.notFound }
        // Text, never a page: an example is shown as it is, and the browser may not guess otherwise.
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/plain; charset=utf-8", .xContentTypeOptions: "nosniff",
                .contentSecurityPolicy: HTMLResponse.contentSecurityPolicy, .cacheControl: "no-cache",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Parts

    static let notFound = Problem(status: .notFound, code: "not_found", message: "There is no such guide.")

    private func page(title: String, context: AppRequestContext, content: HTML) -> HTMLResponse {
        HTMLResponse(
            html: Layout(title: title, section: .docs, identity: context.dashboard, notice: nil, failure: nil)
                .render(content))
    }

    private static func article(_ body: HTML, toc: HTML?) -> HTML {
        guard let toc else { return #"<div class="docs"><article class="guide">\#(body)</article></div>"# }
        return #"<div class="docs with-toc">\#(toc)<article class="guide">\#(body)</article></div>"#
    }

    /// A line of a table of contents, and the lines under it.
    private struct Entry {
        var anchor: String
        var text: String
        var children: [Entry] = []

        init(_ anchor: String, _ text: String, children: [Entry] = []) {
            self.anchor = anchor
            self.text = text
            self.children = children
        }

        var html: HTML {
            let nested: HTML = children.isEmpty ? "" : "<ol>\(children.map(\.html))</ol>"
            return ##"<li><a href="#\##(anchor)">\##(text)</a>\##(nested)</li>"##
        }
    }

    private static func tableOfContents(_ entries: [Entry]) -> HTML? {
        guard !entries.isEmpty else { return nil }
        let items = entries.map(\.html)
        return """
            <nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">On this page</h2><ol>\(items)</ol>\
            <p><a href="/docs">All guides</a></p></nav>
            """
    }
}
