/// The guides' part of the stylesheet: a table of contents beside the text on a wide screen and above it on a
/// phone, code blocks that scroll sideways instead of widening the page, and the API reference's operations.
enum DocsStyles {
    static let css = #"""
        .docs.with-toc { display: grid; grid-template-columns: 250px minmax(0, 1fr); gap: 24px; align-items: start; }
        .toc { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow-y: auto; background: var(--card);
          border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; font-size: .9rem; }
        .toc h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted);
          margin: 0 0 8px; }
        .toc ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
        .toc ol ol { padding-left: 12px; margin-top: 4px; }
        .toc p { margin: 10px 0 0; padding-top: 8px; border-top: 1px solid var(--line); }
        .toc a, .toc a:hover, .toc a:focus { display: inline; padding: 0; border-radius: 0; background: none;
          text-decoration: none; }
        .toc a:hover { text-decoration: underline; }
        .toc a[aria-current] { font-weight: 700; }
        @media (max-width: 900px) {
          .docs.with-toc { grid-template-columns: minmax(0, 1fr); }
          .toc { position: static; max-height: none; }
        }
        article.guide { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
          padding: 4px 24px 24px; min-width: 0; overflow-wrap: break-word; }
        article.guide > :first-child { margin-top: 16px; }
        article.guide > h2:first-child, article.guide > section:first-child > h2:first-child { border-top: 0;
          padding-top: 0; }
        article.guide h2 { font-size: 1.3rem; margin: 28px 0 10px; padding-top: 12px; border-top: 1px solid var(--line); }
        article.guide h3 { font-size: 1.1rem; margin: 22px 0 8px; }
        article.guide h4 { font-size: 1rem; margin: 16px 0 6px; }
        article.guide :is(h2, h3, h4, article, section) { scroll-margin-top: 12px; }
        .self-link { margin-left: 4px; color: var(--muted); text-decoration: none; font-weight: 400; opacity: 0; }
        :is(h2, h3, h4):hover > .self-link, .self-link:focus { opacity: 1; }
        article.guide pre { background: #0f172a; color: #e5e7eb; padding: 12px 14px; border-radius: 8px; overflow-x: auto;
          line-height: 1.45; font-size: .875rem; margin: 8px 0 16px; }
        article.guide pre code { white-space: pre; overflow-wrap: normal; font-size: inherit; }
        article.guide :not(pre) > code { background: var(--bg); padding: 1px 4px; border-radius: 4px; }
        article.guide li + li { margin-top: 4px; }
        article.guide table { margin: 8px 0 16px; }
        article.guide hr { border: 0; border-top: 1px solid var(--line); margin: 24px 0; }
        figure.example { margin: 12px 0; }
        figure.example figcaption { font-size: .85rem; color: var(--muted); }
        figure.example pre { margin-top: 4px; }
        blockquote { margin: 12px 0; padding: 2px 14px; border-left: 4px solid var(--accent); background: #eff6ff;
          border-radius: 0 8px 8px 0; }
        .align-right { text-align: right; }
        .align-center { text-align: center; }
        .guide-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px;
          grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
        .guide-list .card { margin: 0; }
        .guide-list h2 a { text-decoration: none; }
        .guide-list h2 a:hover { text-decoration: underline; }
        article.operation, section.schema { margin: 12px 0 16px; }
        article.operation h3, section.schema h3 { display: flex; flex-wrap: wrap; align-items: center; gap: 8px;
          margin: 0 0 8px; }
        .method { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 700;
          font-size: .8rem; padding: 2px 8px; border-radius: 6px; color: #fff; background: var(--idle); }
        .method-get { background: #1d4ed8; }
        .method-post { background: #166534; }
        .method-put, .method-patch { background: #854d0e; }
        .method-delete { background: #991b1b; }
        code.path { overflow-wrap: normal; }
        table.fields code { white-space: nowrap; overflow-wrap: normal; }
        table.fields td:last-child { min-width: 14em; }
        table.fields th[scope=row] { text-transform: none; letter-spacing: 0; font-size: .9rem; color: var(--ink); }
        table.fields td { font-size: .9rem; }
        .required { color: var(--bad); }
        details summary { cursor: pointer; color: var(--accent); margin: 8px 0; }
        @media (max-width: 520px) {
          article.guide { padding: 2px 12px 16px; }
          article.operation, section.schema { padding: 10px; }
          .docs.with-toc { gap: 12px; }
        }
        """#
}
