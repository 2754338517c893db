import Testing

@testable import LogixServer

/// The guides' Markdown as the dashboard shows it: each test is a specification, Markdown in, markup out.
@Suite struct MarkdownRendererTests {
    /// `markdown` as written at `path`, with `pages` the repository files that have a page.
    static func html(
        _ markdown: String, at path: String = "docs/guide.md",
        pages: Set<String> = ["docs/guide.md", "docs/integration-guide.md", "docs/quick-start.md"]
    ) -> String {
        var renderer = MarkdownRenderer(links: GuideLinks(from: path, pages: pages))
        return renderer.render(MarkdownParser.blocks(markdown)).markup
    }

    static func heading(_ level: Int, _ anchor: String, _ inner: String) -> String {
        ##"<h\##(level) id="\##(anchor)">\##(inner) <a class="self-link" href="#\##(anchor)" aria-label="Link to this section">#</a></h\##(level)>"##
    }

    // MARK: - Headings

    @Test func headingsGetGitHubsAnchorsAndALinkToThemselves() {
        #expect(Self.html("## Webhooks: why late?") == Self.heading(2, "webhooks-why-late", "Webhooks: why late?"))
        #expect(
            Self.html("### `invalid_token`") == Self.heading(3, "invalid_token", "<code>invalid_token</code>"))
        #expect(
            Self.html("## 1. Watch it work: the demo")
                == Self.heading(2, "1-watch-it-work-the-demo", "1. Watch it work: the demo"))
        #expect(
            Self.html("#### Stock & variations ##") == Self.heading(4, "stock--variations", "Stock &amp; variations"))
    }

    @Test func aRepeatedHeadingGetsANumberedAnchor() {
        #expect(
            Self.html("## Steps\n\n## Steps\n\n### Steps")
                == [
                    Self.heading(2, "steps", "Steps"), Self.heading(2, "steps-1", "Steps"),
                    Self.heading(3, "steps-2", "Steps"),
                ].joined(separator: "\n"))
    }

    @Test func slugsFollowGitHub() {
        #expect(HeadingSlugs.slug("What's new? (v2)") == "whats-new-v2")
        #expect(HeadingSlugs.slug("`store_url_not_allowed`") == "store_url_not_allowed")
        #expect(HeadingSlugs.slug("Full → incremental") == "full--incremental")
        #expect(HeadingSlugs.slug("Café déjà vu") == "café-déjà-vu")
    }

    // MARK: - Text

    @Test func paragraphsWithInlineCodeEmphasisAndLinks() {
        #expect(
            Self.html("Use **bold**, *italic*, `a < b` and\n[webhooks](integration-guide.md#webhooks).")
                == #"<p>Use <strong>bold</strong>, <em>italic</em>, <code>a &lt; b</code> and"#
                + "\n" + #"<a href="/docs/integration-guide#webhooks">webhooks</a>.</p>"#)
    }

    @Test func underscoresInsideWordsAreNotEmphasis() {
        #expect(
            Self.html("invalid_token and store_url_not_allowed, but _this_")
                == "<p>invalid_token and store_url_not_allowed, but <em>this</em></p>")
        #expect(Self.html("2 * 3 * 4 and **a *b* c**") == "<p>2 * 3 * 4 and <strong>a <em>b</em> c</strong></p>")
        #expect(Self.html(#"\*not emphasis\* and `**code**`"#) == "<p>*not emphasis* and <code>**code**</code></p>")
    }

    @Test func scriptInTextIsShownNeverRun() {
        #expect(
            Self.html("Hello <script>alert(1)</script> & <b onclick=\"x()\">bye</b>")
                == "<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=&quot;x()&quot;&gt;bye&lt;/b&gt;</p>"
        )
        #expect(
            Self.html("<div>\n<script>alert(1)</script>\n</div>")
                == "<p>&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>")
        // Comments are dropped, as GitHub hides them.
        #expect(Self.html("<!-- a note for writers -->\nText") == "<p>Text</p>")
    }

    @Test func scriptInCodeIsShownNeverRun() {
        #expect(
            Self.html("```sh\necho '<script>alert(1)</script>' && ls\n```")
                == #"<pre tabindex="0"><code class="language-sh">echo &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; &amp;&amp; ls</code></pre>"#
        )
        #expect(Self.html("Run `<script>`.") == "<p>Run <code>&lt;script&gt;</code>.</p>")
    }

    @Test func entitiesAreTheirCharactersAndStillText() {
        #expect(
            Self.html("A &rarr; B &amp; C&#x21;&nbsp;&#60;script&#62;") == "<p>A → B &amp; C!\u{A0}&lt;script&gt;</p>")
        #expect(Self.html("&unknown; & &#0; `&rarr;`") == "<p>&amp;unknown; &amp; &amp;#0; <code>&amp;rarr;</code></p>")
    }

    // MARK: - Links

    @Test func linksBetweenGuidesAreTheDashboardsPages() {
        #expect(Self.html("[start](quick-start.md)") == #"<p><a href="/docs/quick-start">start</a></p>"#)
        #expect(Self.html("[here](#set-up)") == ##"<p><a href="#set-up">here</a></p>"##)
        #expect(
            Self.html("[ex](../examples/curl/get-token.sh)", pages: ["examples/curl/get-token.sh"])
                == #"<p><a href="/docs/examples/curl/get-token.sh">ex</a></p>"#)
    }

    @Test func repositoryPathsWithoutAPageAreText() {
        #expect(Self.html("See the [README](../README.md).") == "<p>See the README.</p>")
        #expect(Self.html("[missing](nothing.md#x)") == "<p>missing</p>")
        #expect(Self.html("[bad](javascript:alert(1))") == "<p>bad</p>")
        #expect(Self.html("[bad](data:text/html,x)") == "<p>bad</p>")
    }

    @Test func webAddressesOpenAsTheyAre() {
        #expect(
            Self.html(#"[Woo](https://woocommerce.com/document/ "docs") and <https://example.com/a?b=1&c=2>"#)
                == #"<p><a href="https://woocommerce.com/document/">Woo</a> and "#
                + #"<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a></p>"#)
        #expect(
            Self.html("Bare: https://example.com/x.")
                == #"<p>Bare: <a href="https://example.com/x">https://example.com/x</a>.</p>"#)
        #expect(
            Self.html(#"[x](https://e.com/"onmouseover="alert(1))"#)
                == #"<p><a href="https://e.com/&quot;onmouseover=&quot;alert(1)">x</a></p>"#)
    }

    // MARK: - Blocks

    @Test func listsNestByIndentation() {
        #expect(
            Self.html("- a\n  - b\n  - c\n- d")
                == "<ul>\n<li>a\n<ul>\n<li>b</li>\n<li>c</li>\n</ul></li>\n<li>d</li>\n</ul>")
        #expect(
            Self.html("3. three\n   goes on\nlazily\n4. four\n  - under four")
                == "<ol start=\"3\">\n<li>three\ngoes on\nlazily</li>\n<li>four\n<ul>\n<li>under four</li>\n</ul></li>\n</ol>"
        )
    }

    @Test func aListWithBlankLinesBetweenItemsHasParagraphs() {
        #expect(
            Self.html("- one\n\n- two\n\n  more of two")
                == "<ul>\n<li><p>one</p></li>\n<li><p>two</p>\n<p>more of two</p></li>\n</ul>")
    }

    @Test func codeInAListItemKeepsItsIndentation() {
        #expect(
            Self.html("1. Run:\n\n   ```sh\n   logix serve\n     --port 8080\n   ```\n2. Done")
                == "<ol>\n<li><p>Run:</p>\n<pre tabindex=\"0\"><code class=\"language-sh\">logix serve\n  --port 8080</code></pre></li>\n"
                + "<li><p>Done</p></li>\n</ol>")
    }

    @Test func anIncludedExampleIsCaptionedWithItsFile() {
        let markdown = "<!-- example: examples/curl/get-token.sh -->\n```sh\ncurl \"$LOGIX_URL\"\n```"
        #expect(
            Self.html(markdown, pages: ["examples/curl/get-token.sh"])
                == #"<figure class="example"><figcaption>Example: <a href="/docs/examples/curl/get-token.sh">"#
                + #"<code>examples/curl/get-token.sh</code></a></figcaption><pre tabindex="0"><code class="language-sh">"#
                + "curl &quot;$LOGIX_URL&quot;</code></pre></figure>")
        #expect(
            Self.html(markdown, pages: [])
                == #"<figure class="example"><figcaption>Example: <code>examples/curl/get-token.sh</code></figcaption>"#
                + #"<pre tabindex="0"><code class="language-sh">curl &quot;$LOGIX_URL&quot;</code></pre></figure>"#)
        // Not right above a block, the marker names nothing.
        #expect(
            Self.html("<!-- example: x.sh -->\n\n```sh\nls\n```")
                == #"<pre tabindex="0"><code class="language-sh">ls</code></pre>"#)
    }

    @Test func tablesWithAlignmentAndEscapedPipes() {
        #expect(
            Self.html("| Code | Status |\n|:---|---:|\n| `a\\|b` | **404** |\n| short |")
                == """
                <div class="table-wrap"><table>
                <thead><tr><th scope="col" class="align-left">Code</th><th scope="col" class="align-right">Status</th></tr></thead>
                <tbody><tr><td class="align-left"><code>a|b</code></td><td class="align-right"><strong>404</strong></td></tr>
                <tr><td class="align-left">short</td><td class="align-right"></td></tr></tbody>
                </table></div>
                """)
    }

    @Test func blockquotesRulesAndCodeWithoutLanguage() {
        #expect(
            Self.html("> **Note:** keys\n> are secret.\n\n---\n\n```\nplain <b>\n```")
                == "<blockquote>\n<p><strong>Note:</strong> keys\nare secret.</p>\n</blockquote>\n<hr>\n"
                + #"<pre tabindex="0"><code>plain &lt;b&gt;</code></pre>"#)
    }

    // MARK: - A guide

    @Test func aGuideTakesItsTitleFromItsHeadingAndItsSummaryFromItsFirstParagraph() {
        let guide = Guide(
            path: "docs/Quick-Start.md",
            markdown: "# Quick *start*\n\nFive minutes, see [the guide](integration-guide.md).\n\n## Set up\n\nText.\n",
            pages: ["docs/integration-guide.md"])
        #expect(guide.name == "quick-start")
        #expect(guide.title == "Quick start")
        #expect(guide.summary.markup == #"Five minutes, see <a href="/docs/integration-guide">the guide</a>."#)
        #expect(guide.headings == [MarkdownRenderer.Heading(level: 2, anchor: "set-up", text: "Set up")])
        #expect(!guide.body.markup.contains("<h1"), "the page's <h1> is the title")
    }
}
