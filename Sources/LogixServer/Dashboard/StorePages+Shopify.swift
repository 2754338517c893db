import Foundation
import Hummingbird
import LogixCore
import Storage
import Sync

/// A Shopify shop on the store pages: choosing the platform, connecting a shop with its Admin API access token
/// and the app's API secret (``Integrations/createShopify(userID:shopDomain:accessToken:apiSecret:settings:verify:)``,
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

    /// Shopify's form: the shop's address, the custom app's Admin API access token and API secret, a name and
    /// how often to sync. The token and the secret are never put back into the page.
    func connectShopifyForm(values: [String: String], problem: Problem?, identity: DashboardIdentity) -> HTML {
        let fields = FormFields(values: values, problems: problem?.fields ?? [:])
        let autoChecked: HTML = values["auto_sync"] != nil ? " checked" : ""
        return """
            <div class="split">
            <div class="card">
            <form class="stack" method="post" action="/stores">\(Layout.csrfField(identity))
            <input type="hidden" name="platform" value="shopify">
            \(fields.input("shop_domain", label: "Shop address", hint: "The shop's permanent address, your-shop.myshopify.com (or just your-shop), not its own domain", required: true, autocomplete: "off"))
            \(fields.input("access_token", label: "Admin API access token", type: "password", hint: "Starts with shpat_", required: true, autocomplete: "off"))
            \(fields.input("api_secret", label: "API secret key", type: "password", hint: "The app's API secret key: Shopify signs its webhooks with it", required: true, autocomplete: "off"))
            \(fields.input("integration_name", label: "Name in Logix", hint: "How this shop is called on every page", required: true))
            <label class="check"><input type="checkbox" name="auto_sync" value="1"\(autoChecked)> Sync automatically</label>
            \(fields.input("sync_interval_minutes", label: "Every (minutes)", type: "number", hint: "1 to 1440; webhooks bring most orders within seconds anyway"))
            <div><button type="submit">Connect shop</button></div>
            </form>
            </div>
            <aside class="card" aria-labelledby="token-guide">
            <h2 id="token-guide">Where Shopify shows the token and the secret</h2>
            <ol>
            <li>In the Shopify admin, open <b>Settings → Apps and sales channels → Develop apps</b> and open the
            shop's custom app for Logix.</li>
            <li>Under <b>Configuration</b>, give its Admin API the scopes <code>read_orders</code>,
            <code>write_merchant_managed_fulfillment_orders</code>, <code>read_products</code>,
            <code>write_inventory</code> and <code>read_locations</code>, and install the app.</li>
            <li>Under <b>API credentials</b>, reveal and copy the <b>Admin API access token</b> (<code>shpat_…</code>:
            Shopify shows it only once) and the <b>API secret key</b>.</li>
            </ol>
            <p class="hint">The shop address is the one ending in <code>.myshopify.com</code> that
            <b>Settings → Domains</b> lists, even when customers know the shop by a domain of its own.</p>
            <p class="hint">Logix checks the token against the shop before saving it, and keeps the token and the
            secret encrypted; the secret proves that a webhook comes from Shopify.</p>
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
                userID: identity.userID, shopDomain: form["shop_domain"], accessToken: form["access_token"],
                apiSecret: form["api_secret"],
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
        // TODO(lead, issue 15): Shopify's own settings go here, once IntegrationSettingsChange has them — the
        // location stock is counted at (`location_id`), the Admin API version (`api_version`) and whether test
        // orders are imported (`import_test_orders`); `shopifySettingsChange` reads them back.
        let shopifyOwn = HTML.empty
        let rows = ShopifyStatusMapping.defaultInbound.sorted { $0.key < $1.key }.map { store, logix -> HTML in
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
            paid and fulfilled, and maps it as below (the same for every shop).</p>
            <div class="table-wrap"><table id="shopify-statuses"><thead><tr><th scope="col">Shopify</th>
            <th scope="col">Logix status</th></tr></thead><tbody>\(rows)</tbody></table></div>
            </section>
            """
    }

    /// A shop's settings form as a change: only the settings both platforms share (a shop has no WooCommerce
    /// status mapping or tracking settings to send).
    static func shopifySettingsChange(_ form: FormData) -> IntegrationSettingsChange {
        // TODO(lead, issue 15): Shopify's own settings (location_id, api_version, import_test_orders) are read
        // here, once IntegrationSettingsChange has them.
        IntegrationSettingsChange(
            name: form["integration_name"] ?? "", autoSync: form.isChecked("auto_sync"),
            syncIntervalMinutes: form["sync_interval_minutes"].map { Int($0) ?? -1 },
            status: form.isChecked("active") ? "active" : "inactive",
            maxConcurrency: form["max_concurrency"].map { Int($0) ?? -1 },
            maxRequestsPerSecond: form["max_requests_per_second"].map { $0.isEmpty ? 0 : Double($0) ?? -1 })
    }
}
