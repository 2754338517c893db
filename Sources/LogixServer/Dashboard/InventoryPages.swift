import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync

/// `/inventory`: each SKU the user's stores map, with on hand, reserved and available, the stores that sell
/// it and how they track it; setting on hand pushes the new figure to those stores.
struct InventoryPages {
    let services: ServerServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("inventory", use: list)
        group.post("inventory", use: setOnHand)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await page(request, context: context, failure: nil, values: [:])
    }

    private func page(
        _ request: Request, context: AppRequestContext, failure: Problem?, values: [String: String]
    ) async throws -> HTMLResponse {
        let identity = try context.identity()
        let page = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
        let search = request.uri.queryParameters["search"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let (items, total) = try await services.inventory.levels(
            userID: identity.userID, page: page, perPage: 100, search: search)
        let rows = items.map { item -> HTML in
            let level = item.level
            let storeList = item.stores.map { store -> HTML in
                let how: HTML =
                    if store.duplicated {
                        #" <span class="pill bad">used twice in this store: not pushed</span>"#
                    } else {
                        switch store.stockManagement {
                        case .managed: .empty
                        case .unmanaged: #" <span class="pill warn">stock not managed: not pushed</span>"#
                        case .parent: #" <span class="pill idle">stock on the parent product</span>"#
                        }
                    }
                return
                    "<li>\(store.name)\(how)</li>"
            }
            let available = level.available
            return """
                <tr><th scope="row"><code>\(level.sku)</code></th><td class="num">\(level.onHand)\(level.onHand < 0 ? #"<br><span class="hint">more shipped than counted: count it</span>"# as HTML : .empty)</td>
                <td class="num">\(level.reserved)</td>
                <td class="num"><span class="pill \(available > 0 ? "ok" : "bad")">\(available)</span></td>
                <td><ul>\(storeList)</ul></td></tr>
                """
        }
        let fields = FormFields(values: values, problems: failure?.fields ?? [:])
        let table: HTML =
            rows.isEmpty
            ? #"<p class="empty">No SKU yet: pull a store's catalogue (on its page) to map its SKUs.</p>"#
            : """
            <div class="table-wrap"><table id="inventory"><thead><tr><th scope="col">SKU</th>
            <th scope="col" class="num">On hand</th><th scope="col" class="num">Reserved</th>
            <th scope="col" class="num">Available</th><th scope="col">Stores</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let content: HTML = """
            <section class="card" aria-labelledby="set-title"><h2 id="set-title">Count a SKU</h2>
            <form class="inline" method="post" action="/inventory">\(Layout.csrfField(identity))
            \(fields.input("sku", label: "SKU", required: true))
            \(fields.input("on_hand", label: "On hand", type: "number", required: true))
            <button type="submit">Set on hand</button></form>
            <p class="hint">Available = on hand − reserved by open orders. The stores that sell the SKU get the
            available figure; a store that does not manage the SKU's stock is skipped.</p></section>
            <form class="inline" method="get" action="/inventory" role="search">
            <div class="field"><label for="search">Find a SKU</label>
            <input id="search" name="search" type="search" value="\(search ?? "")"></div>
            <button type="submit" class="secondary">Find</button></form>
            \(table)
            \(Pager(page: page, perPage: 100, total: total, request: request).html)
            """
        return HTMLResponse(
            status: failure?.status ?? .ok,
            html: Layout(
                title: "Inventory", section: .inventory, identity: identity, notice: Notices.text(request),
                failure: failure?.html
            ).render(content))
    }

    @Sendable func setOnHand(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.identity()
        let form = try await FormData.read(request)
        let sku = form["sku"] ?? ""
        do {
            let onHand = try form["on_hand"].map { text -> Int in
                guard let number = Int(text) else {
                    throw Problem(
                        status: .unprocessableContent, code: "invalid_fields", message: "invalid fields: on_hand",
                        fields: ["on_hand": "must be a whole number"])
                }
                return number
            }
            _ = try await services.inventory.setOnHand(onHand, sku: sku, userID: identity.userID)
            return HTMLResponse.seeOther("/inventory?done=stock-set")
        } catch {
            let problem = error as? Problem ?? Problem(error, logger: context.logger)
            if problem.status.code >= 500 { throw error }
            return try await page(request, context: context, failure: problem, values: form.firstValues)
                .response(from: request, context: context)
        }
    }
}
