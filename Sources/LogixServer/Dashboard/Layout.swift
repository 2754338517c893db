/// The chrome around every dashboard page: the head (only this server's own stylesheet and script), the
/// navigation, the signed-in user with the sign-out form, and the page's notices.
struct Layout {
    /// The sections of the navigation; the current one is marked for assistive technology and the eye.
    enum Section: String, CaseIterable {
        case overview, stores, orders, outbox, inventory, docs

        var title: String {
            switch self {
            case .overview: "Overview"
            case .stores: "Stores"
            case .orders: "Orders"
            case .outbox: "Outbox"
            case .inventory: "Inventory"
            case .docs: "Docs"
            }
        }

        var path: String { self == .overview ? "/" : "/\(rawValue)" }
    }

    var title: String
    var section: Section?
    var identity: DashboardIdentity?
    /// A success message, announced politely.
    var notice: String?
    /// A failure message for the page as a whole, announced at once.
    var failure: HTML?

    func render(_ content: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Logix</title>
        <link rel="stylesheet" href="\(Assets.stylesheetPath)">
        <link rel="icon" href="\(Assets.logoPath)" type="image/svg+xml">
        <script src="\(Assets.scriptPath)" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        \(header)
        <main id="main">
        <h1>\(title)</h1>
        \(notices)
        \(content)
        </main>
        <footer><span>Logix connector</span> · <a href="/docs">Guides</a> · <a href="/docs/api">API reference</a> · \
        <a href="/openapi.json">OpenAPI document</a></footer>
        </body>
        </html>
        """
    }

    private var header: HTML {
        guard let identity else {
            // Signed out, the guides are still open: someone who cannot sign in needs troubleshooting most.
            let docs: HTML = section == .docs ? #" aria-current="page""# : ""
            return """
                <header class="top"><a class="brand" href="/"><img src="\(Assets.logoPath)" alt="" width="28" \
                height="28"> Logix</a>
                <nav aria-label="Main"><ul><li><a href="/docs"\(docs)>Docs</a></li>\
                <li><a href="/sign-in">Sign in</a></li></ul></nav></header>
                """
        }
        let links = Section.allCases.map { item -> HTML in
            let current: HTML = item == section ? #" aria-current="page""# : ""
            return #"<li><a href="\#(item.path)"\#(current)>\#(item.title)</a></li>"#
        }
        return """
            <header class="top">
            <a class="brand" href="/"><img src="\(Assets.logoPath)" alt="" width="28" height="28"> Logix</a>
            <nav aria-label="Main"><ul>\(links)</ul></nav>
            <form class="signout" method="post" action="/sign-out">\(Self.csrfField(identity))
            <span class="who">\(identity.email)</span> <button type="submit" class="link">Sign out</button></form>
            </header>
            """
    }

    private var notices: HTML {
        var html = HTML.empty
        if let notice { html = html + #"<p class="notice" role="status">\#(notice)</p>"# }
        if let failure { html = html + #"<div class="form-error" role="alert">\#(failure)</div>"# }
        return html
    }

    /// The hidden field every form of a session carries (see ``SessionMiddleware``).
    static func csrfField(_ identity: DashboardIdentity) -> HTML {
        #"<input type="hidden" name="csrf_token" value="\#(identity.csrfToken)">"#
    }
}
