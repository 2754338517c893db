import HTTPTypes
import Hummingbird

/// `/customers`, `/webhooks` and `/system_status`.
extension SimRoutes {
    func addCustomerRoutes(to router: Router<SimRequestContext>) {
        let store = self.store
        let apiRoot = self.apiRoot
        router.get("/wp-json/wc/v3/customers") { _, context -> Response in
            let paging = try Paging(context.query)
            try context.require(.list)
            let page = try await store.listCustomers(context.query)
            let render = await store.renderContext
            return SimRoutes.list(page, paging: paging, context: context, base: apiRoot + "/customers") {
                CustomerEncoder.write($0, to: &$1, context: render)
            }
        }
        router.get("/wp-json/wc/v3/customers/:id") { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.view)
            guard let customer = await store.customer(id) else { throw WooSimError.invalidCustomerID }
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                CustomerEncoder.write(customer, to: &$0, context: render)
            }
        }
    }

    func addWebhookRoutes(to router: Router<SimRequestContext>) {
        let store = self.store
        let apiRoot = self.apiRoot
        let dispatcher = self.dispatcher
        router.get("/wp-json/wc/v3/webhooks") { _, context -> Response in
            let paging = try Paging(context.query)
            try context.require(.list)
            var webhooks = await store.allWebhooks
            if let status = context.query["status"], status != "all" {
                webhooks = webhooks.filter { $0.status == status }
            }
            let range = paging.range(total: webhooks.count)
            let page = ListPage(total: webhooks.count, items: Array(webhooks[range]))
            let render = await store.renderContext
            return SimRoutes.list(page, paging: paging, context: context, base: apiRoot + "/webhooks") {
                WebhookEncoder.write($0, to: &$1, context: render)
            }
        }
        router.post("/wp-json/wc/v3/webhooks") { _, context -> Response in
            let body = try context.json()
            try context.require(.create)
            let webhook = try await store.createWebhook(fromAPI: body)
            // WooCommerce pings the delivery URL during the create call.
            if await dispatcher.ping(webhook) { await store.markPinged(webhookId: webhook.id) }
            let render = await store.renderContext
            return SimRoutes.object(
                status: 201, fields: context.fields, headers: [.location: "\(apiRoot)/webhooks/\(webhook.id)"]
            ) { WebhookEncoder.write(webhook, to: &$0, context: render) }
        }
        router.get("/wp-json/wc/v3/webhooks/:id") { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.view)
            guard let webhook = await store.webhook(id) else { throw WooSimError.invalidWebhookID }
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) { WebhookEncoder.write(webhook, to: &$0, context: render) }
        }
        let update: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            let id = try SimRoutes.id(context)
            let body = try context.json()
            try context.require(.edit)
            let webhook = try await store.updateWebhook(id, fromAPI: body)
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) { WebhookEncoder.write(webhook, to: &$0, context: render) }
        }
        router.put("/wp-json/wc/v3/webhooks/:id", use: update)
        router.post("/wp-json/wc/v3/webhooks/:id", use: update)
        router.patch("/wp-json/wc/v3/webhooks/:id", use: update)
        router.delete("/wp-json/wc/v3/webhooks/:id") { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.delete)
            guard await store.webhook(id) != nil else { throw WooSimError.invalidWebhookID }
            guard SimRoutes.flag(context.query, "force") else { throw WooSimError.webhookTrashNotSupported }
            let webhook = try await store.deleteWebhook(id)
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) { WebhookEncoder.write(webhook, to: &$0, context: render) }
        }
    }

    func addSystemStatusRoutes(to router: Router<SimRequestContext>) {
        let homeURL = self.homeURL
        router.get("/wp-json/wc/v3/system_status") { _, context -> Response in
            try context.require(.view)
            return SimRoutes.object(fields: context.fields) { SimRoutes.systemStatus(homeURL: homeURL, to: &$0) }
        }
    }

    static func systemStatus(homeURL: String, to w: inout JSONWriter) {
        w.beginObject()
        if w.field("environment") {
            w.beginObject()
            for (key, value) in [
                ("home_url", homeURL), ("site_url", homeURL), ("store_id", "5f0c1b9e-woos-im00-0000-000000000001"),
                ("version", "10.0.2"), ("log_directory", "/srv/store/www/wp-content/uploads/wc-logs/"),
            ] {
                w.key(key)
                w.string(value)
            }
            w.key("log_directory_writable")
            w.bool(true)
            w.key("wp_version")
            w.string("6.8.8")
            w.key("wp_multisite")
            w.bool(false)
            w.key("wp_memory_limit")
            w.int(536_870_912)
            w.key("wp_debug_mode")
            w.bool(false)
            w.key("wp_cron")
            w.bool(true)
            w.key("language")
            w.string("en_US")
            w.key("external_object_cache")
            w.null()
            w.key("server_info")
            w.string("nginx/1.22.1")
            w.key("php_version")
            w.string("8.2.36")
            w.key("mysql_version")
            w.string("10.11.19")
            w.key("default_timezone")
            w.string("UTC")
            w.endObject()
        }
        if w.field("database") {
            w.raw("{\"wc_database_version\":\"10.0.2\",\"database_prefix\":\"wp_\"}")
        }
        if w.field("active_plugins") {
            w.raw(
                "[{\"plugin\":\"woocommerce/woocommerce.php\",\"name\":\"WooCommerce\",\"version\":\"10.0.2\","
                    + "\"version_latest\":\"10.0.2\",\"url\":\"https://woocommerce.com/\",\"author_name\":\"Automattic\","
                    + "\"author_url\":\"https://woocommerce.com\",\"network_activated\":false}]")
        }
        if w.field("inactive_plugins") { w.raw("[]") }
        if w.field("dropins_mu_plugins") { w.raw("{\"dropins\":[],\"mu_plugins\":[]}") }
        if w.field("theme") { w.raw("{\"name\":\"Storefront\",\"version\":\"4.6.1\",\"is_child_theme\":false}") }
        if w.field("settings") {
            w.beginObject()
            w.key("api_enabled")
            w.bool(false)
            w.key("force_ssl")
            w.bool(false)
            w.key("currency")
            w.string("EUR")
            w.key("currency_symbol")
            w.string("&euro;")
            w.key("currency_position")
            w.string("right_space")
            w.key("thousand_separator")
            w.string(",")
            w.key("decimal_separator")
            w.string(".")
            w.key("number_of_decimals")
            w.int(2)
            w.key("geolocation_enabled")
            w.bool(false)
            w.key("woocommerce_com_connected")
            w.string("no")
            w.key("order_datastore")
            w.string("Automattic\\WooCommerce\\Internal\\DataStores\\Orders\\OrdersTableDataStore")
            w.key("HPOS_enabled")
            w.bool(true)
            w.key("HPOS_sync_enabled")
            w.bool(false)
            w.key("enabled_features")
            w.stringArray(["analytics", "order_attribution", "custom_order_tables"])
            w.endObject()
        }
        if w.field("security") { w.raw("{\"secure_connection\":true,\"hide_errors\":true}") }
        if w.field("pages") { w.raw("[]") }
        if w.field("post_type_counts") { w.raw("[]") }
        if w.field("logging") { w.raw("{\"logging_enabled\":true,\"default_handler\":\"file\"}") }
        w.endObject()
    }
}
