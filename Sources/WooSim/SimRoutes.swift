import HTTPTypes
import Hummingbird

/// The store's HTTP surface: WooCommerce's `/wp-json/wc/v3` routes and the sim's `/__sim` control API.
/// Each resource adds its routes in its own `SimRoutes+….swift` file.
struct SimRoutes: Sendable {
    let store: SimStore
    let faults: FaultInjector
    let workers = StoreWorkers()
    var hold = RequestHold()
    let counter: RequestCounter
    let dispatcher: WebhookDispatcher
    let homeURL: String
    let isTLS: Bool

    var apiRoot: String { self.homeURL + "/wp-json/wc/v3" }

    func makeRouter(
        authenticator: SimAuthenticator, frontage: WooSimFrontage = .wooCommerce
    ) -> Router<SimRequestContext> {
        let router = Router(context: SimRequestContext.self)
        // Order matters: middleware applies to routes added after it (and to the not-found responder).
        router.add(middleware: SimErrorMiddleware())
        router.add(
            middleware: SimFaultMiddleware(
                faults: self.faults, workers: self.workers, counter: self.counter, hold: self.hold))
        router.add(middleware: SimFrontageMiddleware(frontage: frontage))
        router.add(middleware: SimAuthMiddleware(authenticator: authenticator))
        self.addIndexRoutes(to: router)
        self.addOrderRoutes(to: router)
        self.addProductRoutes(to: router)
        self.addCustomerRoutes(to: router)
        self.addWebhookRoutes(to: router)
        self.addSystemStatusRoutes(to: router)
        self.addControlRoutes(to: router)
        return router
    }

    /// A numeric path parameter; WordPress routes use `(?P<id>[\d]+)`, so anything else matches no route.
    static func id(_ context: SimRequestContext, _ name: String = "id") throws(WooSimError) -> Int {
        guard let text = context.parameters.get(name), let id = Int(text), id >= 0 else { throw WooSimError.noRoute }
        return id
    }

    /// `?force=true` as WordPress reads booleans.
    static func flag(_ query: PHPParameters, _ name: String) -> Bool {
        guard let value = query[name] else { return false }
        return !["", "0", "false"].contains(value.lowercased())
    }

    /// Writes one object and wraps it in a response.
    static func object(
        status: Int = 200, fields: Set<String>?, headers: HTTPFields = [:], _ write: (inout JSONWriter) -> Void
    ) -> Response {
        var writer = JSONWriter(capacity: 8192, fields: fields, filterDepth: 1)
        write(&writer)
        return SimResponse.json(writer, status: status, headers: headers)
    }

    /// Writes a page of items and answers with WordPress's paging headers.
    static func list<Item>(
        _ page: ListPage<Item>, paging: Paging, context: SimRequestContext, base: String,
        _ write: (Item, inout JSONWriter) -> Void
    ) -> Response {
        var writer = JSONWriter(capacity: 4096 + page.items.count * 3072, fields: context.fields, filterDepth: 2)
        writer.beginArray()
        for item in page.items { write(item, &writer) }
        writer.endArray()
        return SimResponse.list(
            writer, total: page.total, itemCount: page.items.count, paging: paging, query: context.query, base: base)
    }

    // MARK: - Index

    private func addIndexRoutes(to router: Router<SimRequestContext>) {
        let homeURL = self.homeURL
        router.get("/wp-json") { _, _ -> Response in
            var writer = JSONWriter(capacity: 512)
            writer.beginObject()
            writer.key("name")
            writer.string("WooSim Store")
            writer.key("description")
            writer.string("A simulated WooCommerce store")
            writer.key("url")
            writer.string(homeURL)
            writer.key("home")
            writer.string(homeURL)
            writer.key("namespaces")
            writer.stringArray(["wc/v3"])
            writer.endObject()
            return SimResponse.json(writer)
        }
        router.get("/wp-json/wc/v3") { _, _ -> Response in
            SimResponse.json(SimRoutes.routeIndex(homeURL: homeURL))
        }
    }

    static let indexedRoutes: [(path: String, methods: [String])] = [
        ("/wc/v3", ["GET"]), ("/wc/v3/orders", ["GET", "POST"]),
        ("/wc/v3/orders/(?P<id>[\\d]+)", ["GET", "POST", "PUT", "PATCH", "DELETE"]),
        ("/wc/v3/orders/(?P<order_id>[\\d]+)/notes", ["GET", "POST"]),
        ("/wc/v3/orders/(?P<order_id>[\\d]+)/notes/(?P<id>[\\d]+)", ["GET", "DELETE"]),
        ("/wc/v3/orders/(?P<order_id>[\\d]+)/refunds", ["GET"]), ("/wc/v3/products", ["GET", "POST"]),
        ("/wc/v3/products/batch", ["POST", "PUT", "PATCH"]),
        ("/wc/v3/products/(?P<id>[\\d]+)", ["GET", "POST", "PUT", "PATCH", "DELETE"]),
        ("/wc/v3/products/(?P<product_id>[\\d]+)/variations", ["GET", "POST"]),
        ("/wc/v3/products/(?P<product_id>[\\d]+)/variations/batch", ["POST", "PUT", "PATCH"]),
        (
            "/wc/v3/products/(?P<product_id>[\\d]+)/variations/(?P<id>[\\d]+)",
            ["GET", "POST", "PUT", "PATCH", "DELETE"]
        ),
        ("/wc/v3/customers", ["GET"]), ("/wc/v3/customers/(?P<id>[\\d]+)", ["GET"]),
        ("/wc/v3/webhooks", ["GET", "POST"]),
        ("/wc/v3/webhooks/(?P<id>[\\d]+)", ["GET", "POST", "PUT", "PATCH", "DELETE"]),
        ("/wc/v3/system_status", ["GET"]),
    ]

    static func routeIndex(homeURL: String) -> JSONWriter {
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key("namespace")
        writer.string("wc/v3")
        writer.key("routes")
        writer.beginObject()
        for route in SimRoutes.indexedRoutes {
            writer.key(route.path)
            writer.beginObject()
            writer.key("namespace")
            writer.string("wc/v3")
            writer.key("methods")
            writer.stringArray(route.methods)
            writer.key("endpoints")
            writer.beginArray()
            writer.beginObject()
            writer.key("methods")
            writer.stringArray(route.methods)
            writer.key("args")
            writer.raw("{}")
            writer.endObject()
            writer.endArray()
            writer.endObject()
        }
        writer.endObject()
        writer.key("_links")
        writer.beginObject()
        writer.key("up")
        writer.beginArray()
        writer.beginObject()
        writer.key("href")
        writer.string(homeURL + "/wp-json/")
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.endObject()
        return writer
    }
}
