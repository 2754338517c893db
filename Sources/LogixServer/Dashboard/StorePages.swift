import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LogixCore
import Pacing
import Storage
import Sync
import WooCommerce

/// `/stores…`: every store with its health; connecting one; a store's page with its actions (test, sync,
/// webhooks, settings, delete) and its sync runs. Each handler decodes the form, calls one use case of
/// `Sync` — the same the API calls — and renders the outcome.
struct StorePages {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("stores", use: list)
        group.get("stores/new", use: newForm)
        group.post("stores", use: create)
        group.get("stores/:id", use: show)
        group.post("stores/:id/test", use: test)
        group.post("stores/:id/sync", use: sync)
        group.post("stores/:id/webhooks", use: webhooks)
        group.post("stores/:id/catalogue", use: catalogue)
        group.post("stores/:id/settings", use: settings)
        group.get("stores/:id/delete", use: confirmDelete)
        group.post("stores/:id/delete", use: delete)
        group.get("stores/:id/runs/:run", use: run)
        group.get("stores/:id/runs/:run/progress", use: progress)
    }

    // MARK: - List and connect

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        let details = try await services.integrations.overview(userID: identity.userID)
        let now = services.clock.now()
        var rows: [HTML] = []
        for detail in details {
            let health = StoreHealth(
                detail, breaker: await services.breakers.breaker(integrationID: detail.record.id), now: now)
            rows.append(
                """
                <tr><td><a href="/stores/\(detail.record.id)">\(detail.record.name)</a> \(DisplayFormat.platformTag(detail.record.platform))<br>
                <span class="hint">\(detail.record.storeURL)</span></td>
                <td>\(health.pill)<br><span class="hint">\(health.reason)</span></td>
                <td>\(DisplayFormat.ago(detail.health.lastSuccessAt ?? detail.record.lastSyncAt, now: now))</td>
                <td class="num">\(detail.outbox.pending)</td><td class="num">\(detail.outbox.dead)</td></tr>
                """)
        }
        let table: HTML =
            rows.isEmpty
            ? #"<p class="empty">No store yet. Connect the first one: a WooCommerce store with its address and a REST API key, or a Shopify shop with its address and an Admin API access token.</p>"#
            : """
            <div class="table-wrap"><table id="stores"><caption class="visually-hidden">Stores</caption>
            <thead><tr><th scope="col">Store</th><th scope="col">Health</th><th scope="col">Last sync</th>
            <th scope="col" class="num">Updates pending</th><th scope="col" class="num">Gave up</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let content: HTML = """
            <div class="actions"><a class="button" href="/stores/new">Connect a store</a></div>
            \(table)
            """
        return page("Stores", identity, notice: Notices.text(request), content)
    }

    /// The form of the platform `?platform=` names (WooCommerce without it), below links to the other platform's:
    /// plain links, so the choice works without JavaScript.
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        let form =
            request.uri.queryParameters["platform"] == Substring(ChannelPlatform.shopify.rawValue)
            ? Self.platformChoice(.shopify)
                + connectShopifyForm(values: Self.newShopifyValues, problem: nil, identity: identity)
            : Self.platformChoice(.wooCommerce) + connectForm(values: [:], problem: nil, identity: identity)
        return page("Connect a store", identity, form)
    }

    /// Connects the store of the form's platform: each platform's form names its own (`platform`), a form
    /// without one is WooCommerce's.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.identity()
        let form = try await FormData.read(request)
        if form["platform"] == ChannelPlatform.shopify.rawValue {
            return try await createShopify(form, identity: identity, request: request, context: context)
        }
        do {
            let stored = try await services.integrations.create(
                userID: identity.userID, storeURL: form["store_url"], consumerKey: form["consumer_key"],
                consumerSecret: form["consumer_secret"],
                settings: IntegrationSettingsChange(name: form["integration_name"] ?? ""))
            return HTMLResponse.seeOther("/stores/\(stored.id)?done=connected")
        } catch {
            let problem = Problem(error, logger: context.logger)
            if problem.status.code >= 500, problem.status != .badGateway { throw error }
            var values = form
            values.clear("consumer_secret")
            return try HTMLResponse(
                status: problem.status,
                html: Layout(title: "Connect a store", section: .stores, identity: identity, failure: problem.html)
                    .render(
                        Self.platformChoice(.wooCommerce)
                            + connectForm(values: values.firstValues, problem: problem, identity: identity))
            ).response(from: request, context: context)
        }
    }

    /// WooCommerce's form: the store's address and a REST API key pair.
    private func connectForm(values: [String: String], problem: Problem?, identity: DashboardIdentity) -> HTML {
        let fields = FormFields(values: values, problems: problem?.fields ?? [:])
        return """
            <div class="split">
            <div class="card">
            <form class="stack" method="post" action="/stores">\(Layout.csrfField(identity))
            \(fields.input("store_url", label: "Store address", type: "url", hint: "The shop's home page, e.g. https://shop.example.com", required: true))
            \(fields.input("consumer_key", label: "Consumer key", hint: "Starts with ck_", required: true, autocomplete: "off"))
            \(fields.input("consumer_secret", label: "Consumer secret", type: "password", hint: "Starts with cs_", required: true, autocomplete: "off"))
            \(fields.input("integration_name", label: "Name in Logix", hint: "How this store is called on every page", required: true))
            <div><button type="submit">Connect store</button></div>
            </form>
            </div>
            <aside class="card" aria-labelledby="keys-guide">
            <h2 id="keys-guide">Where WooCommerce makes keys</h2>
            <ol>
            <li>In the store's WordPress admin, open <b>WooCommerce → Settings → Advanced → REST API</b>.</li>
            <li>Choose <b>Add key</b>, describe it (“Logix”), pick a user who manages the shop, and set
            <b>Permissions</b> to <b>Read/Write</b> (Logix sends shipments and stock back).</li>
            <li>Press <b>Generate API key</b> and copy the consumer key and secret: WooCommerce shows the secret
            only once.</li>
            </ol>
            <p class="hint">Logix checks the keys against the store before saving them, and keeps them encrypted.
            A store on plain http is signed with OAuth 1.0a; https is strongly advised.</p>
            <p class="hint">Step by step, with the user the keys need and hosts that strip the Authorization header:
            <a href="/docs/quick-start#3-make-rest-api-keys-in-woocommerce">the quick start</a>.</p>
            </aside>
            </div>
            """
    }

    // MARK: - A store

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        return try await storePage(
            id: try context.id("id"), identity: identity, notice: Notices.text(request), failure: nil)
    }

    private func storePage(
        id: Int64, identity: DashboardIdentity, notice: String?, failure: Problem?,
        settingsValues: FormFields? = nil, status: HTTPResponse.Status = .ok, extra: HTML = .empty
    ) async throws -> HTMLResponse {
        let detail = try await services.integrations.detail(id: id, userID: identity.userID)
        let (runs, _) = try await services.orderSyncs.runs(
            userID: identity.userID, integrationID: id, page: 1, perPage: 10)
        let now = services.clock.now()
        let record = detail.record
        let health = StoreHealth(detail, breaker: await services.breakers.breaker(integrationID: id), now: now)
        let platform = ChannelPlatform(rawValue: record.platform)
        let shopify = platform == .shopify
        let webhooks: HTML
        if let checked = detail.health.webhooks {
            let topics = checked.topics.map { topic -> HTML in
                let active = StoreHealth.isActive(topic)
                let word =
                    active
                    ? (topic.action == .kept ? "active" : "active (\(topic.action.rawValue))") : topic.status.rawValue
                return
                    #"<li><code>\#(topic.topic)</code> <span class="pill \#(active ? "ok" : "warn")">\#(word)</span></li>"#
            }
            webhooks =
                "<ul>\(topics)</ul><p class=\"hint\">Checked \(DisplayFormat.ago(checked.checkedAt, now: now)).</p>"
        } else {
            webhooks = "<p class=\"hint\">Not checked yet. Register them to get orders within seconds.</p>"
        }
        let code = health.code.map { code -> HTML in
            let hint = ErrorHints.hint(for: code, platform: platform).map { hint -> HTML in
                #"<p class="hint">\#(hint)</p>"#
            }
            return "<dt>Error code</dt><dd><code>\(code)</code>\(hint)</dd>"
        }
        let breaker: String
        switch await services.breakers.breaker(integrationID: id).state {
        case .closed: breaker = "closed (sending normally)"
        case .open(let until): breaker = "open until \(DisplayFormat.time(until)) (the store kept failing)"
        case .halfOpen: breaker = "testing the store again"
        }
        let runRows = runs.map { run -> HTML in
            """
            <tr><td><a href="/stores/\(id)/runs/\(run.id)">#\(run.id)</a></td><td>\(run.mode)</td>
            <td><span class="pill \(Self.runClass(run.state))">\(run.state.rawValue)</span></td>
            <td>\(DisplayFormat.timeElement(run.startedAt))</td>
            <td class="num">\(run.counts.created)</td><td class="num">\(run.counts.updated)</td>
            <td class="num">\(run.counts.skipped)</td><td class="num">\(run.counts.failed)</td></tr>
            """
        }
        let runsTable: HTML =
            runRows.isEmpty
            ? #"<p class="empty">No sync has run yet.</p>"#
            : """
            <div class="table-wrap"><table id="runs"><thead><tr><th scope="col">Run</th><th scope="col">Mode</th>
            <th scope="col">State</th><th scope="col">Started</th><th scope="col" class="num">New</th>
            <th scope="col" class="num">Updated</th><th scope="col" class="num">Skipped</th>
            <th scope="col" class="num">Failed</th></tr></thead><tbody>\(runRows)</tbody></table></div>
            """
        let csrf = Layout.csrfField(identity)
        let content: HTML = """
            \(extra)
            <div class="grid">
            <section class="card \(health.level.rawValue)" id="health" aria-labelledby="health-title">
            <h2 id="health-title">Health: \(health.pill)</h2>
            <p>\(health.reason)</p>
            <dl class="facts">
            <dt>Platform</dt><dd>\(DisplayFormat.platformTag(record.platform))</dd>
            <dt>\(shopify ? "Shop" : "Store")</dt><dd>\(record.storeURL)</dd>
            <dt>Last successful sync</dt><dd>\(DisplayFormat.timeElement(detail.health.lastSuccessAt ?? record.lastSyncAt))</dd>
            <dt>Last error</dt><dd>\(detail.health.lastError.map { "\($0.message) (\(DisplayFormat.time($0.at)))" } ?? "none")</dd>
            \(code)
            <dt>Store updates</dt><dd>\(detail.outbox.pending) pending, \(detail.outbox.dead) gave up — <a href="/outbox?store=\(id)">see them</a></dd>
            <dt>Circuit breaker</dt><dd>\(breaker)</dd>
            <dt>Store pacing</dt><dd>\(Self.pacing(detail.pacing, record: record))</dd>
            <dt>\(shopify ? "Access token" : "Key")</dt><dd>…\(record.consumerKeyLast4)</dd>
            </dl>
            </section>
            <section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <form class="inline" method="post" action="/stores/\(id)/sync">\(csrf)
            <div class="field"><label for="mode">Sync</label>
            <select id="mode" name="mode"><option value="incremental">Changes since the last sync</option>
            <option value="full">Everything (full)</option></select></div>
            <button type="submit">Sync now</button></form>
            <div class="actions">
            <form method="post" action="/stores/\(id)/test">\(csrf)<button type="submit" class="secondary">Test connection</button></form>
            <form method="post" action="/stores/\(id)/webhooks">\(csrf)<button type="submit" class="secondary">Register webhooks</button></form>
            <form method="post" action="/stores/\(id)/catalogue">\(csrf)<button type="submit" class="secondary">Pull catalogue</button></form>
            </div>
            <h3>Webhooks</h3>
            \(webhooks)
            <p><a href="/orders?store=\(id)">Orders of this store</a> · <a href="/stores/\(id)/delete">Delete store…</a></p>
            </section>
            </div>
            <section class="card" aria-labelledby="runs-title"><h2 id="runs-title">Sync runs</h2>\(runsTable)</section>
            \(shopify
                ? shopifySettingsForm(record, identity: identity, fields: settingsValues)
                : settingsForm(record, identity: identity, fields: settingsValues))
            """
        return HTMLResponse(
            status: status,
            html: Layout(
                title: record.name, section: .stores, identity: identity, notice: notice,
                failure: failure.map { failure in
                    var failure = failure
                    failure.platform = platform
                    return failure.html
                }
            ).render(content))
    }

    /// The store's pacer in a line: what this server allows itself now, against the store's caps.
    static func pacing(_ pacing: StorePacer.Snapshot?, record: IntegrationRecord) -> String {
        let cap =
            "up to \(record.maxConcurrency) at once"
            + (record.maxRequestsPerSecond.map { ", \(StorePacing.describe($0)) a second" } ?? "")
        guard let pacing else { return "\(cap) (nothing sent yet)" }
        var line = "\(pacing.concurrency) requests at once now, \(cap)"
        if let rate = pacing.requestsPerSecond, rate < (record.maxRequestsPerSecond ?? .infinity) {
            line += String(format: "; %.1f a second, learned from the store's 429s", rate)
        }
        if pacing.decreases > 0 { line += "; slowed down \(pacing.decreases) times" }
        return line
    }

    static func runClass(_ state: SyncRun.State) -> String {
        switch state {
        case .running: "warn"
        case .succeeded: "ok"
        case .failed, .interrupted: "bad"
        case .abandoned: "idle"
        }
    }

    // MARK: - Actions

    @Sendable func test(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (identity, id) = (try context.identity(), try context.id("id"))
        do {
            let report = try await services.integrations.testConnection(id: id, userID: identity.userID)
            let (seconds, attoseconds) = report.latency.components
            let milliseconds = Int((Double(seconds) + Double(attoseconds) / 1e18) * 1000)
            var facts = ["Connected in \(milliseconds) ms"]
            if report.platform == .shopify {
                if let shop = report.details["shop_name"] { facts.append("shop \(shop)") }
                if let version = report.platformVersion ?? report.details["api_version"] {
                    facts.append("Admin API \(version)")
                }
            } else if let version = report.platformVersion {
                facts.append("WooCommerce \(version)")
            }
            if let wordpress = report.details["wordpress_version"] { facts.append("WordPress \(wordpress)") }
            if let currency = report.currency { facts.append("currency \(currency)") }
            if let canWrite = report.canWrite { facts.append(canWrite ? "keys can write" : "keys are read-only") }
            return try await storePage(
                id: id, identity: identity, notice: facts.joined(separator: " · ") + ".", failure: nil)
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status != .notFound else { throw error }
            return try await storePage(
                id: id, identity: identity, notice: nil, failure: problem, status: problem.status)
        }
    }

    @Sendable func sync(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id) = (try context.identity(), try context.id("id"))
        let form = try await FormData.read(request)
        do {
            let mode = try form["mode"].map { text -> OrderImportRequest.Mode in
                guard let mode = OrderImportRequest.Mode(rawValue: text) else {
                    throw Problem(
                        status: .unprocessableContent, code: "invalid_fields", message: "invalid fields: mode",
                        fields: ["mode": "one of full, incremental"])
                }
                return mode
            }
            let job = try await services.orderSyncs.start(
                userID: identity.userID, integrationID: id, mode: mode, statuses: nil, after: nil, before: nil)
            return HTMLResponse.seeOther("/stores/\(id)/runs/\(job.runID)")
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status != .notFound else { throw error }
            return try await storePage(
                id: id, identity: identity, notice: nil, failure: problem, status: problem.status
            )
            .response(from: request, context: context)
        }
    }

    @Sendable func webhooks(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (identity, id) = (try context.identity(), try context.id("id"))
        do {
            let registered = try await services.webhookRegistration.register(
                userID: identity.userID, integrationID: id, topics: nil)
            var notice = "Webhooks registered: \(registered.webhooks.map(\.topic).joined(separator: ", "))."
            if registered.backfill != nil { notice += " A sync fills the gap while they were missing." }
            return try await storePage(id: id, identity: identity, notice: notice, failure: nil)
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status != .notFound else { throw error }
            return try await storePage(
                id: id, identity: identity, notice: nil, failure: problem, status: problem.status)
        }
    }

    @Sendable func catalogue(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (identity, id) = (try context.identity(), try context.id("id"))
        do {
            let report = try await services.productSync.run(
                userID: identity.userID, integrationID: id, direction: "pull", skus: nil)
            var notice = "Catalogue pulled."
            if let pulled = report.pulled {
                notice =
                    "Catalogue pulled: \(pulled.products) products, \(pulled.variations) variations, "
                    + "\(pulled.mapped) SKUs mapped, \(pulled.withoutSKU) without a SKU"
                    + (pulled.duplicates.isEmpty ? "." : ", \(pulled.duplicates.count) SKUs used twice.")
            }
            return try await storePage(id: id, identity: identity, notice: notice, failure: nil)
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status != .notFound else { throw error }
            return try await storePage(
                id: id, identity: identity, notice: nil, failure: problem, status: problem.status)
        }
    }

    // MARK: - Settings

    /// The settings every platform has — name, active, automatic syncs, pacing — as the store has them, or as
    /// the user just sent them (`given`, after a refusal); returns the fields too, for the form's other problems.
    static func commonSettings(_ record: IntegrationRecord, fields given: FormFields?, paceHint: String)
        -> (fields: FormFields, html: HTML)
    {
        let fields =
            given
            ?? FormFields(
                values: [
                    "integration_name": record.name, "sync_interval_minutes": String(record.syncIntervalMinutes),
                    "max_concurrency": String(record.maxConcurrency),
                    "max_requests_per_second": record.maxRequestsPerSecond.map(StorePacing.describe) ?? "",
                ], problems: [:])
        let autoChecked: HTML = (given.map { $0.values["auto_sync"] != nil } ?? record.autoSync) ? " checked" : ""
        let active = given.map { $0.values["active"] != nil } ?? (record.status != .inactive)
        let activeChecked: HTML = active ? " checked" : ""
        let html: HTML = """
            \(fields.input("integration_name", label: "Name in Logix", required: true))
            <label class="check"><input type="checkbox" name="active" value="1"\(activeChecked)> Active (paused stores are not synced)</label>
            <label class="check"><input type="checkbox" name="auto_sync" value="1"\(autoChecked)> Sync automatically</label>
            \(fields.input("sync_interval_minutes", label: "Every (minutes)", type: "number", hint: "1 to 1440; webhooks bring most orders within seconds anyway"))
            \(fields.input("max_concurrency", label: "Requests to the store at once, at most", type: "number", hint: "1 to 32; Logix starts at 4 and adapts to how the store answers"))
            \(fields.input("max_requests_per_second", label: "Requests to the store a second, at most", hint: paceHint))
            """
        return (fields, html)
    }

    /// WooCommerce's settings: the common ones, how tracking shows in the store, and the status mapping both
    /// ways with the statuses to import.
    private func settingsForm(_ record: IntegrationRecord, identity: DashboardIdentity, fields given: FormFields?)
        -> HTML
    {
        let settings = try? IntegrationSettings(record)
        let mapping = settings?.statusMapping ?? .default
        let fulfillment = settings?.fulfillment ?? FulfillmentSettings()
        let (fields, common) = Self.commonSettings(
            record, fields: given,
            paceHint: "empty for no limit; for shared hosts that allow only a few (e.g. 3)")
        let imported = mapping.effectiveImportedStatuses
        let storeStatuses = mapping.knownStoreStatuses.map(\.rawValue).sorted()
        let inboundRows = storeStatuses.map { store -> HTML in
            let current = mapping.logixStatus(for: WooOrderStatus(rawValue: store))
            let options = ([nil] + OrderStatus.allCases.map { Optional($0) }).map { status -> HTML in
                let selected: HTML = status == current ? " selected" : ""
                return
                    #"<option value="\#(status?.rawValue ?? "")"\#(selected)>\#(status.map(DisplayFormat.status) ?? "— not mapped")</option>"#
            }
            let checked: HTML = imported.contains(WooOrderStatus(rawValue: store)) ? " checked" : ""
            return """
                <tr><th scope="row"><code>\(store)</code></th>
                <td><label class="visually-hidden" for="in_\(store)">Logix status for \(store)</label>
                <select id="in_\(store)" name="in_\(store)">\(options)</select></td>
                <td><label class="check"><input type="checkbox" name="import" value="\(store)"\(checked)> import</label></td></tr>
                """
        }
        let outboundRows = OrderStatus.allCases.map { status -> HTML in
            """
            <tr><th scope="row">\(DisplayFormat.status(status))</th>
            <td><label class="visually-hidden" for="out_\(status.rawValue)">Store status for \(DisplayFormat.status(status))</label>
            <input id="out_\(status.rawValue)" name="out_\(status.rawValue)" value="\(mapping.storeStatus(for: status).rawValue)"></td></tr>
            """
        }
        let noteOptions = FulfillmentSettings.TrackingNote.allCases.map { note -> HTML in
            let selected: HTML = note == fulfillment.trackingNote ? " selected" : ""
            let label =
                switch note {
                case .customer: "A note the customer sees (and is e-mailed)"
                case .private: "A private note for the shop"
                case .none: "No note"
                }
            return #"<option value="\#(note.rawValue)"\#(selected)>\#(label)</option>"#
        }
        let metaChecked: HTML = fulfillment.shipmentTrackingMeta ? " checked" : ""
        let mappingProblem = (fields.problems["status_mapping"] ?? fields.problems["import_statuses"]).map {
            problem -> HTML in #"<p class="field-error" id="mapping-error">\#(problem)</p>"#
        }
        return """
            <section class="card" aria-labelledby="settings-title"><h2 id="settings-title">Settings</h2>
            <form class="stack" method="post" action="/stores/\(record.id)/settings">\(Layout.csrfField(identity))
            \(common)
            <div class="field"><label for="tracking_note">Tracking in the store</label>
            <select id="tracking_note" name="tracking_note">\(noteOptions)</select></div>
            <label class="check"><input type="checkbox" name="shipment_tracking_meta" value="1"\(metaChecked)> Also write the Shipment Tracking extension's fields</label>
            <fieldset><legend>Store status → Logix status, and which are imported</legend>\(mappingProblem)
            <div class="table-wrap"><table><thead><tr><th scope="col">Store status</th><th scope="col">Logix status</th><th scope="col">Import</th></tr></thead>
            <tbody>\(inboundRows)</tbody></table></div>
            <div class="field"><label for="custom_status">Another store status (a plugin's custom status)</label>
            <input id="custom_status" name="custom_status" placeholder="e.g. awaiting-shipment"></div>
            <div class="field"><label for="custom_logix">…maps to</label><select id="custom_logix" name="custom_logix">\(OrderStatus.allCases.map { status -> HTML in #"<option value="\#(status.rawValue)">\#(DisplayFormat.status(status))</option>"# })</select></div>
            </fieldset>
            <fieldset><legend>Logix status → store status</legend>
            <div class="table-wrap"><table><tbody>\(outboundRows)</tbody></table></div></fieldset>
            <div><button type="submit">Save settings</button></div>
            </form></section>
            """
    }

    /// Saves a store's settings form: a Shopify store's (`platform`) holds the settings both platforms share,
    /// WooCommerce's the status mapping and tracking too.
    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id) = (try context.identity(), try context.id("id"))
        let form = try await FormData.read(request)
        let change =
            form["platform"] == ChannelPlatform.shopify.rawValue
            ? Self.shopifySettingsChange(form) : Self.wooCommerceSettingsChange(form)
        do {
            _ = try await services.integrations.update(id: id, userID: identity.userID, settings: change)
            return HTMLResponse.seeOther("/stores/\(id)?done=saved")
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status != .notFound else { throw error }
            return try await storePage(
                id: id, identity: identity, notice: nil, failure: problem,
                settingsValues: FormFields(values: form.firstValues, problems: problem.fields), status: problem.status
            ).response(from: request, context: context)
        }
    }

    /// The WooCommerce settings form as a change: the common settings, the status mapping (only what differs
    /// from the defaults), the statuses to import and how tracking shows in the store.
    static func wooCommerceSettingsChange(_ form: FormData) -> IntegrationSettingsChange {
        var inbound: [String: String] = [:]
        var outbound: [String: String] = [:]
        for (name, values) in form.fields {
            guard let value = values.first?.trimmingCharacters(in: .whitespaces) else { continue }
            if name.hasPrefix("in_") {
                let store = String(name.dropFirst(3))
                let defaultStatus = StatusMapping.defaultInbound[WooOrderStatus(rawValue: store)]?.rawValue
                if !value.isEmpty, value != defaultStatus { inbound[store] = value }
            } else if name.hasPrefix("out_"), let status = OrderStatus(rawValue: String(name.dropFirst(4))) {
                if !value.isEmpty, value != StatusMapping.defaultOutbound[status]?.rawValue {
                    outbound[status.rawValue] = value
                }
            }
        }
        var imported = form.values("import")
        if let custom = form["custom_status"], let logix = form["custom_logix"] {
            inbound[custom] = logix
            imported.append(custom)
        }
        return IntegrationSettingsChange(
            name: form["integration_name"] ?? "", autoSync: form.isChecked("auto_sync"),
            syncIntervalMinutes: form["sync_interval_minutes"].map { Int($0) ?? -1 },
            importStatuses: imported, inboundStatusMapping: inbound, outboundStatusMapping: outbound,
            trackingNote: form["tracking_note"], shipmentTrackingMeta: form.isChecked("shipment_tracking_meta"),
            status: form.isChecked("active") ? "active" : "inactive",
            maxConcurrency: form["max_concurrency"].map { Int($0) ?? -1 },
            maxRequestsPerSecond: form["max_requests_per_second"].map { $0.isEmpty ? 0 : Double($0) ?? -1 })
    }

    // MARK: - Delete

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (identity, id) = (try context.identity(), try context.id("id"))
        let record = try await services.integrations.find(id: id, userID: identity.userID)
        let content: HTML = """
            <div class="card">
            <p>Delete <b>\(record.name)</b> (\(record.storeURL))? Its orders, sync runs and queued store updates
            are deleted from Logix, and Logix removes its webhooks from the store. The store itself and its
            orders are not touched. This cannot be undone.</p>
            <div class="actions">
            <form method="post" action="/stores/\(id)/delete">\(Layout.csrfField(identity))
            <button type="submit" class="danger">Delete store</button></form>
            <a class="button secondary" href="/stores/\(id)">Keep it</a></div></div>
            """
        return page("Delete \(record.name)?", identity, content)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id) = (try context.identity(), try context.id("id"))
        _ = try await services.integrations.delete(id: id, userID: identity.userID)
        return HTMLResponse.seeOther("/stores?done=deleted")
    }

    // MARK: - Sync runs

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (identity, id, runID) = (try context.identity(), try context.id("id"), try context.id("run"))
        let record = try await services.integrations.find(id: id, userID: identity.userID)
        let (run, entries) = try await services.orderSyncs.run(
            userID: identity.userID, integrationID: id, runID: runID, entries: 500)
        let running = run.state == .running
        let now = services.clock.now()
        let elapsed = max(1, (run.finishedAt ?? now).timeIntervalSince(run.startedAt))
        let rate = Double(run.counts.total) / elapsed
        let progress: HTML =
            run.totalPages.map { total in
                #"<progress id="sync-progress" max="\#(max(total, 1))" value="\#(run.pagesDone)">\#(run.pagesDone) of \#(total) pages</progress>"#
            }
            ?? (running
                ? #"<progress id="sync-progress">working</progress>"#
                : #"<progress id="sync-progress" max="1" value="1">done</progress>"#)
        let entryRows = entries.map { entry -> HTML in
            """
            <tr><td>\(entry.externalID)</td><td>\(entry.disposition.rawValue)</td><td><code>\(entry.code)</code></td>
            <td>\(entry.message)</td></tr>
            """
        }
        let entryTable: HTML =
            entryRows.isEmpty
            ? #"<p class="empty">No order was skipped or failed.</p>"#
            : """
            <div class="table-wrap"><table id="run-entries"><thead><tr><th scope="col">Store order</th>
            <th scope="col">Outcome</th><th scope="col">Code</th><th scope="col">Reason</th></tr></thead>
            <tbody>\(entryRows)</tbody></table></div>
            """
        let refresh: HTML = running ? #"<noscript><meta http-equiv="refresh" content="3"></noscript>"# : .empty
        let errors = run.errors.map { error -> HTML in "<li>\(error)</li>" }
        let content: HTML = """
            \(refresh)
            <p><a href="/stores/\(id)">← \(record.name)</a></p>
            <section class="card" aria-labelledby="progress-title" data-progress-url="/stores/\(id)/runs/\(runID)/progress" data-running="\(running ? "true" : "false")">
            <h2 id="progress-title">Run #\(runID) (\(run.mode)): <span id="run-state" aria-live="polite">\(run.state.rawValue)</span></h2>
            \(progress)
            <div class="figures">
            <div class="figure"><b data-figure="pages_done">\(run.pagesDone)</b><span>pages</span></div>
            <div class="figure"><b data-figure="total">\(run.counts.total)</b><span>orders seen</span></div>
            <div class="figure"><b data-figure="created">\(run.counts.created)</b><span>new</span></div>
            <div class="figure"><b data-figure="updated">\(run.counts.updated)</b><span>updated</span></div>
            <div class="figure"><b data-figure="unchanged">\(run.counts.unchanged)</b><span>unchanged</span></div>
            <div class="figure"><b data-figure="flagged">\(run.counts.flagged)</b><span>flagged</span></div>
            <div class="figure"><b data-figure="skipped">\(run.counts.skipped)</b><span>skipped</span></div>
            <div class="figure"><b data-figure="failed">\(run.counts.failed)</b><span>failed</span></div>
            <div class="figure"><b data-figure="rate">\(String(format: "%.1f", rate))</b><span>orders/s</span></div>
            </div>
            <p class="hint">Started \(DisplayFormat.timeElement(run.startedAt))\(run.finishedAt.map { date -> HTML in ", finished " + DisplayFormat.timeElement(date) })</p>
            \(errors.isEmpty ? HTML.empty : "<ul class=\"form-error\">\(errors)</ul>")
            </section>
            <section class="card" aria-labelledby="entries-title"><h2 id="entries-title">Skipped and failed orders</h2>\(entryTable)</section>
            """
        return page("Sync run #\(runID)", identity, content)
    }

    /// The run's figures as JSON for the page's script (the same figures the page shows).
    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id, runID) = (try context.identity(), try context.id("id"), try context.id("run"))
        let (run, _) = try await services.orderSyncs.run(
            userID: identity.userID, integrationID: id, runID: runID, entries: 0)
        let elapsed = max(1, (run.finishedAt ?? services.clock.now()).timeIntervalSince(run.startedAt))
        let body = RunProgress(
            state: run.state.rawValue, pagesDone: run.pagesDone, totalPages: run.totalPages, total: run.counts.total,
            created: run.counts.created, updated: run.counts.updated, unchanged: run.counts.unchanged,
            flagged: run.counts.flagged, skipped: run.counts.skipped, failed: run.counts.failed,
            rate: String(format: "%.1f", Double(run.counts.total) / elapsed))
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct RunProgress: Encodable {
        var state: String
        var pagesDone: Int
        var totalPages: Int?
        var total, created, updated, unchanged, flagged, skipped, failed: Int
        var rate: String

        enum CodingKeys: String, CodingKey {
            case state
            case pagesDone = "pages_done"
            case totalPages = "total_pages"
            case total, created, updated, unchanged, flagged, skipped, failed, rate
        }
    }

    private func page(_ title: String, _ identity: DashboardIdentity, notice: String? = nil, _ content: HTML)
        -> HTMLResponse
    {
        HTMLResponse(
            html: Layout(title: title, section: .stores, identity: identity, notice: notice).render(content))
    }
}
