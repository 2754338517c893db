import Foundation
import Hummingbird
import Logging
import Storage
import Sync

/// `/outbox`: the store updates Logix queued (status, notes, tracking, stock) that are still pending or that
/// gave up, with the store's error; retry one, or every dead one of a store.
struct OutboxPages {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("outbox", use: list)
        group.post("outbox/retry-dead", use: retryDead)
        group.post("outbox/:id/retry", use: retry)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        let query = request.uri.queryParameters
        let state = query["state"].map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? "dead"
        let store = query["store"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let page = max(1, query["page"].flatMap { Int($0) } ?? 1)
        let stores = try await services.integrations.overview(userID: identity.userID)
        let names = Dictionary(uniqueKeysWithValues: stores.map { ($0.record.id, $0.record.name) })
        let (items, total) = try await services.storeUpdates.list(
            userID: identity.userID, state: state, integrationID: store, page: page, perPage: 50)
        let csrf = Layout.csrfField(identity)
        let rows = items.map { item -> HTML in
            let retry: HTML =
                item.state == .dead
                ? """
                <form method="post" action="/outbox/\(item.id)/retry">\(csrf)<button type="submit" class="secondary">Retry</button></form>
                """ : .empty
            let stateClass = item.state == .dead ? "bad" : item.state == .pending ? "warn" : "ok"
            return """
                <tr id="outbox-\(item.id)"><td>\(item.id)</td><td>\(names[item.integrationID] ?? "store \(item.integrationID)")</td>
                <td>\(Self.kind(item))\(item.externalOrderID.map { external -> HTML in #"<br><a href="/stores/\#(item.integrationID)/orders/\#(external)">the order</a>"# })</td><td><span class="pill \(stateClass)">\(item.state.rawValue)</span></td>
                <td class="num">\(item.attempts)</td>
                <td>\(item.lastError ?? item.detail ?? "")</td>
                <td>\(DisplayFormat.timeElement(item.updatedAt))</td><td>\(retry)</td></tr>
                """
        }
        let storeOptions = stores.map { detail -> HTML in
            let selected: HTML = store == String(detail.record.id) ? " selected" : ""
            return #"<option value="\#(detail.record.id)"\#(selected)>\#(detail.record.name)</option>"#
        }
        let stateOptions = ["dead", "pending", "done"].map { value -> HTML in
            let selected: HTML = value == state ? " selected" : ""
            let label = value == "dead" ? "Gave up (dead)" : value == "pending" ? "Pending" : "Sent"
            return #"<option value="\#(value)"\#(selected)>\#(label)</option>"#
        }
        let retryAll = stores.filter { $0.outbox.dead > 0 && (store == nil || store == String($0.record.id)) }
            .map { detail -> HTML in
                """
                <form method="post" action="/outbox/retry-dead">\(csrf)<input type="hidden" name="store" value="\(detail.record.id)">
                <button type="submit">Retry all dead of \(detail.record.name) (\(detail.outbox.dead))</button></form>
                """
            }
        let table: HTML =
            rows.isEmpty
            ? #"<p class="empty">Nothing here: every store update in this view went through.</p>"#
            : """
            <div class="table-wrap"><table id="outbox"><thead><tr><th scope="col">#</th><th scope="col">Store</th>
            <th scope="col">Update</th><th scope="col">State</th><th scope="col" class="num">Attempts</th>
            <th scope="col">Last error</th><th scope="col">Changed</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let content: HTML = """
            <form class="inline card" method="get" action="/outbox">
            <div class="field"><label for="store">Store</label><select id="store" name="store"><option value="">All stores</option>\(storeOptions)</select></div>
            <div class="field"><label for="state">State</label><select id="state" name="state">\(stateOptions)</select></div>
            <button type="submit" class="secondary">Show</button></form>
            <div class="actions">\(retryAll)</div>
            \(table)
            \(Pager(page: page, perPage: 50, total: total, request: request).html)
            """
        return HTMLResponse(
            html: Layout(title: "Outbox", section: .outbox, identity: identity, notice: Notices.text(request))
                .render(content))
    }

    /// What the update does, in words.
    static func kind(_ item: OutboxItem) -> String {
        switch item.kind {
        case .orderUpdate: "Order status" + (item.externalOrderID.map { " of store order \($0)" } ?? "")
        case .orderNote: "Order note" + (item.externalOrderID.map { " on store order \($0)" } ?? "")
        case .fulfillment: "Fulfillment" + (item.externalOrderID.map { " of store order \($0)" } ?? "")
        case .stock: "Stock" + (item.dedupeKey.map { " (\($0.replacingOccurrences(of: "stock:", with: "")))" } ?? "")
        }
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, id) = (try context.identity(), try context.id("id"))
        _ = try await services.storeUpdates.retry(userID: identity.userID, itemID: id)
        return HTMLResponse.seeOther("/outbox?done=retried")
    }

    @Sendable func retryDead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.identity()
        let form = try await FormData.read(request)
        guard let store = form["store"].flatMap(Int64.init) else {
            throw Problem(status: .unprocessableContent, code: "invalid_fields", message: "choose a store")
        }
        _ = try await services.storeUpdates.retryDead(userID: identity.userID, integrationID: store)
        return HTMLResponse.seeOther("/outbox?store=\(store)&done=retried-all")
    }
}
