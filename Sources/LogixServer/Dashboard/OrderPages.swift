import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync

/// `/orders…`: find an order (by store, status, review flag, or a number, e-mail or name), read it whole —
/// customer, lines, totals, its timeline, review flags, the store updates queued for it — and record what
/// the warehouse did, by the same rules as the API's `POST /orders/{id}/fulfillment`.
struct OrderPages {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orders", use: list)
        group.get("orders/:id", use: show)
        group.post("orders/:id/fulfillment", use: fulfill)
        group.get("stores/:id/orders/:external", use: storeOrder)
    }

    /// A store's order by the store's own id (as store updates name it): sent on to its page.
    @Sendable func storeOrder(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, store, external) = (try context.identity(), try context.id("id"), try context.id("external"))
        let order = try await services.orders.find(externalID: external, integrationID: store, userID: identity.userID)
        return HTMLResponse.seeOther("/orders/\(order.id ?? 0)")
    }

    static let perPage = 50

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        let query = request.uri.queryParameters
        func text(_ name: String) -> String? {
            query[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap {
                $0.isEmpty ? nil : $0
            }
        }
        let search = text("search")
        let store = text("store").flatMap(Int64.init)
        let status = text("status").flatMap(OrderStatus.init(rawValue:))
        let review: Bool? = text("review").map { $0 == "flagged" }
        let page = max(1, text("page").flatMap(Int.init) ?? 1)
        // Names only: the stores' health and backlog are not needed here.
        let stores = try await services.integrations.list(userID: identity.userID, page: 1, perPage: .max).items
        let names = Dictionary(uniqueKeysWithValues: stores.map { ($0.id, $0.name) })
        let (orders, total) = try await services.orders.list(
            userID: identity.userID, integrationID: store, status: status, flaggedForReview: review, search: search,
            page: page, perPage: Self.perPage)
        let rows = orders.map { order -> HTML in
            let flag: HTML = order.review != nil ? #" <span class="pill warn">review</span>"# : .empty
            return """
                <tr><td><a href="/orders/\(order.id ?? 0)">#\(order.number)</a>\(flag)</td>
                <td>\(names[order.integrationID] ?? "")</td><td>\(order.customer.name)<br><span class="hint">\(order.customer.email)</span></td>
                <td>\(DisplayFormat.statusPill(order.status))</td>
                <td class="num">\(DisplayFormat.money(order.total, order.currency))</td>
                <td>\(DisplayFormat.timeElement(order.placedAt ?? order.createdAt))</td></tr>
                """
        }
        let storeOptions = stores.map { record -> HTML in
            let selected: HTML = store == record.id ? " selected" : ""
            return #"<option value="\#(record.id)"\#(selected)>\#(record.name)</option>"#
        }
        let statusOptions = OrderStatus.allCases.map { value -> HTML in
            let selected: HTML = value == status ? " selected" : ""
            return #"<option value="\#(value.rawValue)"\#(selected)>\#(DisplayFormat.status(value))</option>"#
        }
        let reviewOptions = [("", "Any"), ("flagged", "Flagged for review"), ("clear", "Not flagged")].map {
            value, label -> HTML in
            let selected: HTML = (text("review") ?? "") == value ? " selected" : ""
            return #"<option value="\#(value)"\#(selected)>\#(label)</option>"#
        }
        let table: HTML =
            rows.isEmpty
            ? #"<p class="empty">No order matches. Clear the filters, or sync a store.</p>"#
            : """
            <div class="table-wrap"><table id="orders"><thead><tr><th scope="col">Order</th><th scope="col">Store</th>
            <th scope="col">Customer</th><th scope="col">Status</th><th scope="col" class="num">Total</th>
            <th scope="col">Placed</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let content: HTML = """
            <form class="inline card" method="get" action="/orders" role="search">
            <div class="field"><label for="search">Number, e-mail or name</label>
            <input id="search" name="search" type="search" value="\(search ?? "")"></div>
            <div class="field"><label for="store">Store</label><select id="store" name="store"><option value="">All stores</option>\(storeOptions)</select></div>
            <div class="field"><label for="status">Status</label><select id="status" name="status"><option value="">Any status</option>\(statusOptions)</select></div>
            <div class="field"><label for="review">Review</label><select id="review" name="review">\(reviewOptions)</select></div>
            <button type="submit">Find</button></form>
            \(table)
            \(Pager(page: page, perPage: Self.perPage, total: total, request: request).html)
            """
        return HTMLResponse(
            html: Layout(title: "Orders", section: .orders, identity: identity).render(content))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await orderPage(
            id: try context.id("id"), identity: try context.identity(), notice: Notices.text(request), failure: nil)
    }

    private func orderPage(
        id: Int64, identity: DashboardIdentity, notice: String?, failure: Problem?, values: [String: String] = [:]
    ) async throws -> HTMLResponse {
        let order = try await services.orders.find(id: id, userID: identity.userID)
        let store = try await services.integrations.find(id: order.integrationID, userID: identity.userID)
        let timeline = try await services.orders.timeline(id: id, userID: identity.userID)
        let updates = try await services.storeUpdates.list(userID: identity.userID, orderID: id)
        let lines = order.lines.enumerated().map { index, line -> HTML in
            let refunded: HTML = line.refundedQuantity > 0 ? " (\(line.refundedQuantity) refunded)" : ""
            return """
                <tr><td><code>\(line.sku ?? "—")</code></td><td>\(line.name)</td>
                <td class="num">\(line.quantity)\(refunded)</td>
                <td class="num">\(DisplayFormat.money(line.unitPrice, order.currency))</td></tr>
                """
        }
        let events = timeline.map { event -> HTML in
            """
            <li><time datetime="\(ISO8601DateFormatter().string(from: event.at))">\(DisplayFormat.time(event.at))</time>
            \(Self.describe(event))</li>
            """
        }
        let review: HTML =
            order.review.map { flag -> HTML in
                let changes = flag.changes.map { change -> HTML in
                    "<tr><th scope=\"row\">\(change.field)</th><td><del>\(change.old)</del></td><td><ins>\(change.new)</ins></td></tr>"
                }
                return """
                    <section class="card warn" aria-labelledby="review-title"><h2 id="review-title">Flagged for review: \(flag.reason.rawValue)</h2>
                    <p>The store changed this order after the warehouse started on it. Check the changes below with the warehouse.</p>
                    <div class="table-wrap"><table><thead><tr><th scope="col">Field</th><th scope="col">Was</th><th scope="col">Now</th></tr></thead>
                    <tbody>\(changes)</tbody></table></div></section>
                    """
            } ?? .empty
        let updateRows = updates.map { item -> HTML in
            let stateClass = item.state == .dead ? "bad" : item.state == .pending ? "warn" : "ok"
            let retry: HTML =
                item.state == .dead
                ? """
                <form method="post" action="/outbox/\(item.id)/retry">\(Layout.csrfField(identity))<button type="submit" class="secondary">Retry</button></form>
                """ : .empty
            return """
                <tr><td>\(OutboxPages.kind(item))</td><td><span class="pill \(stateClass)">\(item.state.rawValue)</span></td>
                <td class="num">\(item.attempts)</td><td>\(item.lastError ?? item.detail ?? "")</td><td>\(retry)</td></tr>
                """
        }
        let updatesTable: HTML =
            updateRows.isEmpty
            ? #"<p class="empty">No store update was needed for this order yet.</p>"#
            : """
            <div class="table-wrap"><table><thead><tr><th scope="col">Update</th><th scope="col">State</th>
            <th scope="col" class="num">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
            <tbody>\(updateRows)</tbody></table></div>
            """
        let content: HTML = """
            <p>\(DisplayFormat.statusPill(order.status)) in <a href="/stores/\(store.id)">\(store.name)</a> · store order \(order.externalID) (store status <code>\(order.storeStatus)</code>)</p>
            \(review)
            <div class="grid">
            <section class="card" aria-labelledby="customer-title"><h2 id="customer-title">Customer</h2>
            <dl class="facts"><dt>Name</dt><dd>\(order.customer.name)</dd><dt>E-mail</dt><dd>\(order.customer.email)</dd>
            <dt>Phone</dt><dd>\(order.customer.phone.isEmpty ? "—" : order.customer.phone)</dd>
            <dt>Ship to</dt><dd>\(Self.address(order.shippingAddress))</dd>
            <dt>Bill to</dt><dd>\(Self.address(order.billingAddress))</dd>
            <dt>Shipping</dt><dd>\(order.shippingMethod ?? "—")</dd></dl>
            \(order.customerNote.isEmpty ? HTML.empty : "<p><b>Note from the customer:</b> \(order.customerNote)</p>")
            </section>
            <section class="card" aria-labelledby="timeline-title"><h2 id="timeline-title">Timeline</h2>
            <ol class="timeline" id="timeline">\(events)</ol></section>
            </div>
            <section class="card" aria-labelledby="lines-title"><h2 id="lines-title">Lines</h2>
            <div class="table-wrap"><table id="lines"><thead><tr><th scope="col">SKU</th><th scope="col">Item</th>
            <th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th></tr></thead><tbody>\(lines)</tbody>
            <tfoot>
            <tr><th scope="row" colspan="3">Subtotal</th><td class="num">\(DisplayFormat.money(order.subtotal, order.currency))</td></tr>
            <tr><th scope="row" colspan="3">Shipping</th><td class="num">\(DisplayFormat.money(order.shippingTotal, order.currency))</td></tr>
            <tr><th scope="row" colspan="3">Tax</th><td class="num">\(DisplayFormat.money(order.taxTotal, order.currency))</td></tr>
            <tr><th scope="row" colspan="3">Discount</th><td class="num">−\(DisplayFormat.money(order.discountTotal, order.currency))</td></tr>
            <tr><th scope="row" colspan="3">Total</th><td class="num"><b>\(DisplayFormat.money(order.total, order.currency))</b></td></tr>
            \(order.refundedTotal > 0 ? "<tr><th scope=\"row\" colspan=\"3\">Refunded</th><td class=\"num\">\(DisplayFormat.money(order.refundedTotal, order.currency))</td></tr>" as HTML : .empty)
            </tfoot></table></div></section>
            \(fulfillmentForms(order, identity: identity, values: values, problems: failure?.fields ?? [:]))
            <section class="card" aria-labelledby="updates-title"><h2 id="updates-title">Store updates</h2>
            <div id="store-updates">\(updatesTable)</div></section>
            """
        return HTMLResponse(
            status: failure?.status ?? .ok,
            html: Layout(
                title: "Order #\(order.number)", section: .orders, identity: identity, notice: notice,
                failure: failure?.html
            ).render(content))
    }

    /// The warehouse's steps as forms. Every step is offered; one the order cannot take is refused with the
    /// API's own `illegal_transition` message, which names where the order stands.
    private func fulfillmentForms(
        _ order: Order, identity: DashboardIdentity, values: [String: String], problems: [String: String]
    ) -> HTML {
        let action = "/orders/\(order.id ?? 0)/fulfillment"
        let csrf = Layout.csrfField(identity)
        let fields = FormFields(values: values, problems: problems)
        let lineInputs = order.lines.enumerated().compactMap { index, line -> HTML? in
            guard let sku = line.sku else { return nil }
            return """
                <div class="field"><label for="qty_\(index)">\(sku) (of \(line.quantity))</label>
                <input id="qty_\(index)" name="qty_\(index)" type="number" min="0" max="\(line.quantity)" value="\(values["qty_\(index)"] ?? "")"></div>
                """
        }
        func step(_ event: String, _ label: String) -> HTML {
            #"<form method="post" action="\#(action)">\#(csrf)<input type="hidden" name="event" value="\#(event)"><button type="submit">\#(label)</button></form>"#
        }
        let next: String =
            switch order.status {
            case .ready: "Next: pick it."
            case .picking: "Next: pack it."
            case .packed: "Next: ship it (below), in one parcel or several."
            case .shipped: "Next: mark it delivered, or ship the rest if a parcel is still to go."
            case .delivered: "Delivered: nothing left to do."
            case .cancelled, .refunded, .failed: "This order is closed."
            case .awaitingPayment, .onHold: "Waiting for the store: not ready for the warehouse yet."
            }
        return """
            <section class="card" aria-labelledby="fulfil-title"><h2 id="fulfil-title">Warehouse</h2>
            <p id="next-step">\(next)</p>
            <div class="actions">\(step("picked", "Mark picked"))\(step("packed", "Mark packed"))\(step("delivered", "Mark delivered"))</div>
            <div class="grid">
            <form class="stack" method="post" action="\(action)" aria-labelledby="ship-title">\(csrf)
            <h3 id="ship-title">Ship</h3><input type="hidden" name="event" value="shipped">
            \(fields.input("carrier", label: "Carrier", hint: "e.g. DHL, UPS, PostNL"))
            \(fields.input("tracking_number", label: "Tracking number"))
            \(fields.input("tracking_url", label: "Tracking link (optional)", type: "url"))
            <fieldset><legend>Units in this parcel (leave blank to ship everything left)</legend>\(lineInputs)</fieldset>
            \(problems.keys.filter { $0.hasPrefix("lines") }.sorted().map { key -> HTML in #"<p class="field-error" role="alert">\#(problems[key] ?? "")</p>"# })
            <div><button type="submit">Record shipment</button></div></form>
            <form class="stack" method="post" action="\(action)" aria-labelledby="cancel-title">\(csrf)
            <h3 id="cancel-title">Cancel</h3><input type="hidden" name="event" value="cancelled">
            \(fields.input("reason", label: "Reason", hint: "Sent to the store as a private note"))
            <div><button type="submit" class="danger">Cancel order</button></div></form>
            </div></section>
            """
    }

    @Sendable func fulfill(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id) = (try context.identity(), try context.id("id"))
        // Another user's order is a 404 whatever the form says, as in the API.
        let order = try await services.orders.find(id: id, userID: identity.userID)
        let form = try await FormData.read(request)
        var lines: [FulfillmentRequest.Line] = []
        for (index, line) in order.lines.enumerated() {
            guard let text = form["qty_\(index)"] else { continue }
            guard let quantity = Int(text) else {
                lines.append(FulfillmentRequest.Line(sku: line.sku, quantity: nil))
                continue
            }
            if quantity > 0 { lines.append(FulfillmentRequest.Line(sku: line.sku, quantity: quantity)) }
        }
        let fulfillment = FulfillmentRequest(
            event: form["event"], carrier: form["carrier"], trackingNumber: form["tracking_number"],
            trackingURL: form["tracking_url"], lines: lines, reason: form["reason"])
        do {
            let event = try fulfillment.checked()
            _ = try await services.fulfillments.record(event, orderID: id, userID: identity.userID)
            return HTMLResponse.seeOther("/orders/\(id)?done=recorded")
        } catch {
            let problem = Problem(error, logger: context.logger)
            guard problem.status.code < 500, problem.status != .notFound else { throw error }
            return try await orderPage(
                id: id, identity: identity, notice: nil, failure: problem, values: form.firstValues
            ).response(from: request, context: context)
        }
    }

    static func address(_ address: PostalAddress) -> HTML {
        let name = [address.firstName, address.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        let parts = [
            name, address.company, address.address1, address.address2,
            [address.postcode, address.city].filter { !$0.isEmpty }.joined(separator: " "), address.state,
            address.country,
        ].filter { !$0.isEmpty }
        guard !parts.isEmpty else { return "—" }
        return HTML(joining: parts.map { part -> HTML in "\(part)" }, separator: "<br>")
    }

    /// One event of the timeline in words.
    static func describe(_ event: OrderEvent) -> HTML {
        let origin = event.origin.map { origin -> HTML in #" <span class="hint">(\#(origin))</span>"# }
        let detail: HTML = event.detail.isEmpty ? .empty : " — \(event.detail)"
        switch event.kind {
        case .received:
            return "Received\(detail)\(origin)"
        case .statusChanged:
            let from = event.fromStatus.map(DisplayFormat.status) ?? "?"
            let to = event.toStatus.map(DisplayFormat.status) ?? "?"
            return "\(from) → <b>\(to)</b>\(detail)\(origin)"
        case .shipped:
            return "<b>Shipped</b>\(detail)\(origin)"
        case .flagged:
            return "<b>Flagged for review</b>\(detail)\(origin)"
        }
    }
}
