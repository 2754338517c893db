import Foundation
import Hummingbird
import LogixCore
import Storage
import Sync

/// A Shopify shop on the store pages: choosing the platform, connecting a shop with its app's client id (or an
/// older custom app's access token) and secret (``Integrations/createShopify(userID:shopDomain:accessToken:clientID:apiSecret:settings:verify:)``,
/// the use case the API calls), and the settings that apply to a shop.
extension StorePages {
    /// What a new Shopify form starts with: automatic syncs every 15 minutes, as the API's defaults.
    static let newShopifyValues = ["auto_sync": "1", "sync_interval_minutes": "15"]

    /// The choice of platform above a connect form: two links, the current one marked, so that no script is
    /// needed and each form has its own address to share.
    static func platformChoice(_ current: ChannelPlatform) -> HTML {
        let choices: [(ChannelPlatform, String, String)] = [
            (.wooCommerce, "WooCommerce", "/stores/new"), (.shopify, "Shopify", "/stores/new?platform=shopify"),
        ]
        let links = choices.map { platform, name, href -> HTML in
            let marked: HTML = platform == current ? #" aria-current="page""# : ""
            return #"<li><a href="\#(href)"\#(marked)>\#(name)</a></li>"#
        }
        return """
            <nav class="platforms" aria-labelledby="platform-choice">
            <p id="platform-choice">Which platform is the store on?</p>
            <ul>\(links)</ul></nav>
            """
    }

    /// Shopify's form: the shop's address, the app's client id (a Dev Dashboard app) or access token (an older
    /// custom app), its secret, a name and how often to sync. The token and the secret are never put back into
    /// the page.
    func connectShopifyForm(values: [String: String], problem: Problem?, identity: DashboardIdentity) -> HTML {
        let fields = FormFields(values: values, problems: problem?.fields ?? [:])
        let autoChecked: HTML = values["auto_sync"] != nil ? " checked" : ""
        return """
            <div class="split">
            <div class="card">
            <form class="stack" method="post" action="/stores">\(Layout.csrfField(identity))
            <input type="hidden" name="platform" value="shopify">
            \(fields.input("shop_domain", label: "Shop address", hint: "The shop's permanent address, your-shop.myshopify.com (or just your-shop), not its own domain", required: true, autocomplete: "off"))
            \(fields.input("client_id", label: "Client ID", hint: "An app made in Shopify's Dev Dashboard (every app made since 2026): Logix asks the shop for tokens with it and the secret", autocomplete: "off"))
            \(fields.input("access_token", label: "Or: Admin API access token", type: "password", hint: "Only for a custom app made in the shop's admin before 2026; starts with shpat_", autocomplete: "off"))
            \(fields.input("api_secret", label: "Client secret (API secret key)", type: "password", hint: "The app's secret: Shopify signs its webhooks with it", required: true, autocomplete: "off"))
            \(fields.input("integration_name", label: "Name in Logix", hint: "How this shop is called on every page", required: true))
            <label class="check"><input type="checkbox" name="auto_sync" value="1"\(autoChecked)> Sync automatically</label>
            \(fields.input("sync_interval_minutes", label: "Every (minutes)", type: "number", hint: "1 to 1440; webhooks bring most orders within seconds anyway"))
            <div><button type="submit">Connect shop</button></div>
            </form>
            </div>
            <aside class="card" aria-labelledby="token-guide">
            <h2 id="token-guide">Where Shopify shows the client ID and secret</h2>
            <ol>
            <li>In Shopify's <b>Dev Dashboard</b>, create an app (or open the one for Logix) and, on its version,
            select the Admin API scopes <code>read_orders</code>,
            <code>write_merchant_managed_fulfillment_orders</code>, <code>read_products</code>,
            <code>write_inventory</code> and <code>read_locations</code>.</li>
            <li>Install the app on the shop.</li>
            <li>Under the app's <b>Settings</b>, copy the <b>Client ID</b> and the <b>Secret</b>.</li>
            </ol>
            <p class="hint">A custom app made in the shop's admin before 2026 has a static <b>Admin API access
            token</b> (<code>shpat_…</code>, under <b>API credentials</b>) and an <b>API secret key</b>: give
            those instead.</p>
            <p class="hint">The shop address is the one ending in <code>.myshopify.com</code> that
            <b>Settings → Domains</b> lists, even when customers know the shop by a domain of its own.</p>
            <p class="hint">Logix checks the credentials against the shop before saving them, and keeps them
            encrypted; the secret proves that a webhook comes from Shopify.</p>
            <p class="hint">Step by step: <a href="/docs/quick-start#a-shopify-shop">the quick start</a>.</p>
            </aside>
            </div>
            """
    }

    /// Connects a Shopify shop from its form; a refusal shows the form again with what the user typed (never the
    /// token or the secret) and the problem next to its field.
    func createShopify(
        _ form: FormData, identity: DashboardIdentity, request: Request, context: AppRequestContext
    ) async throws -> Response {
        do {
            let stored = try await services.integrations.createShopify(
                userID: identity.userID, shopDomain: form["shop_domain"],
                accessToken: form["access_token"].flatMap { $0.isEmpty ? nil : $0 },
                clientID: form["client_id"].flatMap { $0.isEmpty ? nil : $0 }, apiSecret: form["api_secret"],
                settings: IntegrationSettingsChange(
                    name: form["integration_name"] ?? "", autoSync: form.isChecked("auto_sync"),
                    syncIntervalMinutes: form["sync_interval_minutes"].map { Int($0) ?? -1 }))
            return HTMLResponse.seeOther("/stores/\(stored.id)?done=connected")
        } catch {
            var problem = Problem(error, logger: context.logger)
            if problem.status.code >= 500, problem.status != .badGateway { throw error }
            problem.platform = .shopify
            // The address rules name the field as WooCommerce's form does; on this form it is the shop's address.
            if let address = problem.fields.removeValue(forKey: "store_url") {
                problem.fields["shop_domain"] = problem.fields["shop_domain"] ?? address
            }
            var values = form
            values.clear("access_token")
            values.clear("api_secret")
            return try HTMLResponse(
                status: problem.status,
                html: Layout(title: "Connect a store", section: .stores, identity: identity, failure: problem.html)
                    .render(
                        Self.platformChoice(.shopify)
                            + connectShopifyForm(values: values.firstValues, problem: problem, identity: identity))
            ).response(from: request, context: context)
        }
    }

    // MARK: - Settings

    /// A shop's settings: the common ones, and Shopify's status table as it applies (Shopify has no status to
    /// map back, and no tracking note or meta: a shipment is a fulfillment with its tracking).
    func shopifySettingsForm(_ record: IntegrationRecord, identity: DashboardIdentity, fields given: FormFields?)
        -> HTML
    {
        let (_, common) = Self.commonSettings(
            record, fields: given, paceHint: "empty for no limit; Logix keeps within Shopify's query cost budget anyway"
        )
        let channel = ChannelSettings(record)
        let own = FormFields(
            values: given?.values
                ?? ["location_id": channel.locationID.map(String.init) ?? "", "api_version": channel.apiVersion ?? ""],
            problems: given?.problems ?? [:])
        let testChecked: HTML =
            (given.map { $0.values["import_test_orders"] != nil } ?? channel.importsTestOrders) ? " checked" : ""
        let shopifyOwn: HTML = """
            \(own.input("location_id", label: "Location for stock", hint: "The number (or gid://shopify/Location/…) of the location whose available quantities Logix sets; empty for the shop's first active location"))
            \(own.input("api_version", label: "Admin API version", hint: "Empty for \(ChannelSettings().shopifyAPIVersion); Test connection shows the version the shop served"))
            <label class="check"><input type="checkbox" name="import_test_orders" value="1"\(testChecked)> Import test orders (Shopify's test gateway)</label>
            """
        let table = ShopifyStatusMapping(overrides: channel.statusOverrides).inbound
        let rows = table.sorted { $0.key < $1.key }.map { store, logix -> HTML in
            #"<tr><th scope="row"><code>\#(store)</code></th><td>\#(DisplayFormat.statusPill(logix))</td></tr>"#
        }
        return """
            <section class="card" aria-labelledby="settings-title"><h2 id="settings-title">Settings</h2>
            <form class="stack" method="post" action="/stores/\(record.id)/settings">\(Layout.csrfField(identity))
            <input type="hidden" name="platform" value="shopify">
            \(common)
            \(shopifyOwn)
            <div><button type="submit">Save settings</button></div>
            </form>
            <h3>Shopify status → Logix status</h3>
            <p class="hint">Shopify has no single order status: Logix names one from whether the order is cancelled,
            paid and fulfilled, and maps it as below (change a row with <code>status_mapping.inbound</code> in
            <code>PATCH /api/v1/shopify/integrations/\(record.id)</code>).</p>
            <div class="table-wrap"><table id="shopify-statuses"><thead><tr><th scope="col">Shopify</th>
            <th scope="col">Logix status</th></tr></thead><tbody>\(rows)</tbody></table></div>
            </section>
            """
    }

    /// A shop's settings form as a change: the settings both platforms share and Shopify's own (a shop has no
    /// WooCommerce status mapping or tracking settings to send).
    static func shopifySettingsChange(_ form: FormData) -> IntegrationSettingsChange {
        IntegrationSettingsChange(
            name: form["integration_name"] ?? "", autoSync: form.isChecked("auto_sync"),
            syncIntervalMinutes: form["sync_interval_minutes"].map { Int($0) ?? -1 },
            status: form.isChecked("active") ? "active" : "inactive",
            maxConcurrency: form["max_concurrency"].map { Int($0) ?? -1 },
            maxRequestsPerSecond: form["max_requests_per_second"].map { $0.isEmpty ? 0 : Double($0) ?? -1 },
            locationID: form["location_id"] ?? "", apiVersion: form["api_version"] ?? "",
            importTestOrders: form.isChecked("import_test_orders"))
    }
}
