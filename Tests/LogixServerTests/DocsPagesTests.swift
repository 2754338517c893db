import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import LogixServer

/// `/docs`: the guides and the API reference, open without signing in, in the dashboard's look and under its
/// security headers.
@Suite struct DocsPagesTests {
    /// `href="#…"` targets and `id="…"` values of a page.
    static func fragments(_ html: String) throws -> (links: Set<String>, ids: Set<String>) {
        let links = Set(html.matches(of: try Regex(##"href="#([^"]+)""##)).map { String(html[$0.output[1].range!]) })
        let ids = Set(html.matches(of: try Regex(#" id="([^"]+)""#)).map { String(html[$0.output[1].range!]) })
        return (links, ids)
    }

    @Test func theGuidesAreOpenWithoutSigningIn() async throws {
        try await ServerHarness.with(store: false) { harness in
            var visitor = DashboardBrowser(client: harness.client)
            let index = try await visitor.get("/docs")
            #expect(index.status == .ok)
            #expect(index.headers[.contentSecurityPolicy] == HTMLResponse.contentSecurityPolicy)
            #expect(index.headers[.xFrameOptions] == "DENY")
            #expect(index.text.contains(#"<a href="/docs" aria-current="page">Docs</a>"#))
            #expect(index.text.contains(#"<a href="/sign-in">Sign in</a>"#))
            #expect(!index.text.contains("Sign out"))
            // Every guide built in is listed with its title; the architecture is always there.
            for guide in GuideLibrary.embedded.guides {
                #expect(index.text.contains(#"<a href="/docs/\#(guide.name)">"#), "\(guide.name)")
            }
            #expect(index.text.contains(#"<a href="/docs/api">"#))

            let architecture = try #require(GuideLibrary.embedded.guide(named: "architecture"))
            let page = try await visitor.get("/docs/architecture")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>\(HTML.escape(architecture.title))</h1>"))
            #expect(page.text.contains(#"<nav class="toc""#))
            // The contents list every `##` heading, and every link within the page lands on a heading.
            let (links, ids) = try Self.fragments(page.text)
            for heading in architecture.headings where heading.level == 2 {
                #expect(links.contains(heading.anchor), "\(heading.anchor)")
            }
            #expect(links.subtracting(ids).subtracting(["main"]).isEmpty, "\(links.subtracting(ids))")
            // Guides are matched whatever the case of their file's name.
            #expect(try await visitor.get("/docs/ARCHITECTURE").status == .ok)
        }
    }

    /// The guides load nothing from elsewhere (they may link to other sites: a link loads nothing by itself).
    @Test func theGuidesLoadOnlyFromThisServer() async throws {
        try await ServerHarness.with(store: false) { harness in
            var visitor = DashboardBrowser(client: harness.client)
            let loads = try Regex(#"<(?:link|script|img)[^>]*(?:src|href)="([^"]*)"|(?:action|srcset)="([^"]*)""#)
            for page in ["/docs", "/docs/api"] + GuideLibrary.embedded.guides.map({ "/docs/\($0.name)" }) {
                let response = try await visitor.get(page)
                #expect(response.status == .ok, "\(page)")
                #expect(response.headers[.contentSecurityPolicy] == HTMLResponse.contentSecurityPolicy, "\(page)")
                for match in response.text.matches(of: loads) {
                    let target = String(match.output[0].substring ?? "")
                    #expect(
                        target.contains(#"="/"#) && !target.contains(#"="//"#),
                        "\(page) loads from elsewhere: \(target)")
                }
                #expect(!response.text.contains(#" style=""#), "\(page): an inline style, which the CSP refuses")
                #expect(!response.text.contains("<script>"), "\(page): an inline script, which the CSP refuses")
            }
        }
    }

    @Test func anUnknownGuideIsTheDashboardsNotFoundPage() async throws {
        try await ServerHarness.with(store: false) { harness in
            var visitor = DashboardBrowser(client: harness.client)
            for path in ["/docs/no-such-guide", "/docs/examples/none.sh", "/docs/..%2FPackage.swift"] {
                let response = try await visitor.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(response.text.contains("<h1>Not found</h1>"), "\(path)")
                #expect(response.text.contains(#"<a href="/docs">Back to the guides</a>"#), "\(path)")
            }
        }
    }

    @Test func signedInTheGuidesHaveTheDashboardsNavigation() async throws {
        try await ServerHarness.with(store: false) { harness in
            var alice = try await DashboardBrowser.signedIn(harness.client, email: "alice@example.test")
            let page = try await alice.get("/docs")
            #expect(page.status == .ok)
            #expect(page.text.contains("Sign out"))
            #expect(page.text.contains("alice@example.test"))
            #expect(page.text.contains(#"<a href="/docs" aria-current="page">Docs</a>"#))
            #expect(page.text.contains(#"<a href="/stores">Stores</a>"#))
            // Every other page links the guides too.
            #expect(try await alice.get("/stores").text.contains(#"<a href="/docs">Docs</a>"#))
        }
    }

    @Test func theAPIReferenceShowsEveryOperationOfTheDocument() async throws {
        try await ServerHarness.with(store: false) { harness in
            var visitor = DashboardBrowser(client: harness.client)
            let page = try await visitor.get("/docs/api")
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy] == HTMLResponse.contentSecurityPolicy)
            #expect(page.text.contains(#"<a href="/openapi.json">"#))
            for operation in APIDocument.operations {
                let anchor = APIReference.anchor(method: operation.method, path: operation.path)
                #expect(page.text.contains(#"<article class="card operation" id="\#(anchor)">"#), "\(anchor)")
            }
            // Parameters, body fields with their types and required marks, statuses with their bodies.
            let create = try #require(
                page.text.components(separatedBy: #"id="op-post-api-v1-woocommerce-integrations">"#).dropFirst().first?
                    .components(separatedBy: "</article>").first)
            #expect(create.contains(#"<span class="method method-post">POST</span>"#))
            #expect(
                create.contains(
                    #"<th scope="row"><code>store_url</code></th><td>string (uri)</td><td><strong class="required">required</strong></td>"#
                ))
            #expect(create.contains(##"<th scope="row">201</th><td>Created</td><td><a href="#schema-Integration">"##))
            #expect(create.contains(#"<th scope="row">422</th>"#))
            let orders = try #require(
                page.text.components(separatedBy: #"id="op-get-api-v1-orders">"#).dropFirst().first?
                    .components(separatedBy: "</article>").first)
            #expect(orders.contains(#"<th scope="row"><code>per_page</code></th><td>query</td><td>integer</td>"#))
            #expect(orders.contains("1 to 100; default <code>20</code>"))
            // Every type links to a schema that is on the page.
            let (links, ids) = try Self.fragments(page.text)
            #expect(links.subtracting(ids).subtracting(["main"]).isEmpty, "\(links.subtracting(ids))")
            for name in try OpenAPIDocument.served().components.schemas.keys {
                #expect(ids.contains(APIReference.schemaAnchor(name)), "\(name)")
            }
        }
    }

    /// The reference alone is well-formed markup (every element closed where it opened).
    @Test func theAPIReferenceIsWellFormed() throws {
        let html = APIReference(document: try OpenAPIDocument.served()).render().markup
        let parsed = try ParsedMarkup("<div>\(html)</div>")
        #expect(parsed.all("article").count == APIDocument.operations.count)
        #expect(!html.contains("/docs/troubleshooting"), "no link to a guide that is not there")
    }

    @Test func theExampleFilesAreServedAsText() async throws {
        let library = GuideLibrary(files: [
            "docs/quick-start.md":
                "# Quick start\n\n<!-- example: examples/curl/get-token.sh -->\n```sh\necho <b>\n```\n",
            "examples/curl/get-token.sh": "echo <b>\n",
        ])
        let guide = try #require(library.guide(named: "quick-start"))
        #expect(guide.body.markup.contains(#"<a href="/docs/examples/curl/get-token.sh">"#))
        try await ServerHarness.with(store: false) { harness in
            guard
                let path = GuideLibrary.embedded.files.keys.sorted().first(where: {
                    $0.hasPrefix("examples/") && !$0.hasSuffix(".md")
                })
            else { return }
            var visitor = DashboardBrowser(client: harness.client)
            let response = try await visitor.get("/docs/" + path)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.text == GuideLibrary.embedded.files[path])
        }
    }

    @Test func anErrorPageLinksTheCodesTroubleshootingSection() {
        let library = GuideLibrary(files: [
            "docs/troubleshooting.md": "# Troubleshooting\n\n## Codes\n\n### `invalid_token`\n\nSign in again.\n"
        ])
        #expect(
            ErrorHints.troubleshootingPath(for: "invalid_token", library: library)
                == "/docs/troubleshooting#invalid_token")
        #expect(ErrorHints.troubleshootingPath(for: "not_found", library: library) == nil)
        #expect(ErrorHints.troubleshootingPath(for: "invalid_token", library: GuideLibrary(files: [:])) == nil)
    }
}
