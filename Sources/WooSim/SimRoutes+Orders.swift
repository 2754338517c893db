import HTTPTypes
import Hummingbird

/// `/orders`, `/orders/{id}`, `/orders/{id}/notes`, `/orders/{id}/refunds`, `/orders/batch`.
extension SimRoutes {
    func addOrderRoutes(to router: Router<SimRequestContext>) {
        let store = self.store
        let apiRoot = self.apiRoot
        let base = "/wp-json/wc/v3/orders"

        router.get(RouterPath(base)) { _, context -> Response in
            let query = try OrderQuery(context.query, time: store.time)
            try context.require(.list)
            let page = await store.listOrders(query)
            let render = await store.renderContext
            context.renderedOrders.add(page.items.count, fields: context.fields)
            return SimRoutes.list(page, paging: query.paging, context: context, base: apiRoot + "/orders") {
                OrderEncoder.write($0, to: &$1, context: render)
            }
        }
        router.post(RouterPath(base)) { _, context -> Response in
            let body = try context.json()
            try context.require(.create)
            let order = try await store.createOrder(fromAPI: body)
            let render = await store.renderContext
            context.renderedOrders.add(1, fields: context.fields)
            return SimRoutes.object(
                status: 201, fields: context.fields,
                headers: [.location: "\(apiRoot)/orders/\(order.id)"]
            ) { OrderEncoder.write(order, to: &$0, context: render) }
        }
        // Only the empty batch, `{}`: clients send it to learn whether their key may write (a read key meets
        // 401 "does not have write permissions" before the route runs). WooCommerce answers it `[]`.
        let batch: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            let body = try context.json()
            try context.require(.batch)
            guard body["create"] == nil, body["update"] == nil, body["delete"] == nil else {
                throw WooSimError(
                    code: "woosim_not_simulated", message: "Only an empty orders batch is simulated.", status: 501)
            }
            return SimResponse.json(Array("[]".utf8), status: 200)
        }
        router.post(RouterPath(base + "/batch"), use: batch)
        router.put(RouterPath(base + "/batch"), use: batch)
        router.patch(RouterPath(base + "/batch"), use: batch)
        router.get(RouterPath(base + "/:id")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.view)
            guard let order = await store.order(id) else { throw WooSimError.invalidOrderID(status: 404) }
            let render = await store.renderContext
            context.renderedOrders.add(1, fields: context.fields)
            return SimRoutes.object(fields: context.fields) { OrderEncoder.write(order, to: &$0, context: render) }
        }
        let update: @Sendable (Request, SimRequestContext) async throws -> Response = { _, context in
            let id = try SimRoutes.id(context)
            let body = try context.json()
            if let status = body["status"] {
                guard let value = status.string, OrderQuery.editStatuses.contains(value) else {
                    throw WooSimError.notInEnum("status", label: "status", values: OrderQuery.editStatuses)
                }
            }
            try context.require(.edit)
            let order = try await store.updateOrder(id, fromAPI: body)
            let render = await store.renderContext
            context.renderedOrders.add(1, fields: context.fields)
            return SimRoutes.object(fields: context.fields) { OrderEncoder.write(order, to: &$0, context: render) }
        }
        router.put(RouterPath(base + "/:id"), use: update)
        router.post(RouterPath(base + "/:id"), use: update)
        router.patch(RouterPath(base + "/:id"), use: update)
        router.delete(RouterPath(base + "/:id")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            try context.require(.delete)
            let order = try await store.deleteOrder(id, force: SimRoutes.flag(context.query, "force"))
            let render = await store.renderContext
            context.renderedOrders.add(1, fields: context.fields)
            return SimRoutes.object(fields: context.fields) { OrderEncoder.write(order, to: &$0, context: render) }
        }

        router.get(RouterPath(base + "/:id/notes")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            let type = context.query["type"] ?? "any"
            guard ["any", "customer", "internal"].contains(type) else {
                throw WooSimError.notInEnum("type", label: "type", values: ["any", "customer", "internal"])
            }
            try context.require(.list)
            guard let notes = await store.notes(orderId: id) else { throw WooSimError.invalidOrderIDForNotes }
            let filtered = notes.filter {
                type == "any" || (type == "customer" ? $0.isCustomerNote : !$0.isCustomerNote)
            }
            let render = await store.renderContext
            var writer = JSONWriter(capacity: 1024 + filtered.count * 512, fields: context.fields, filterDepth: 2)
            writer.beginArray()
            for note in filtered { OrderEncoder.write(note: note, orderId: id, to: &writer, context: render) }
            writer.endArray()
            return SimResponse.json(writer)
        }
        router.post(RouterPath(base + "/:id/notes")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            let body = try context.json()
            guard let text = body["note"]?.string else { throw WooSimError.missingParameter("note") }
            try context.require(.create)
            let note = try await store.addNote(
                orderId: id, note: text, isCustomerNote: body["customer_note"]?.bool ?? false,
                addedByUser: body["added_by_user"]?.bool ?? false)
            let render = await store.renderContext
            return SimRoutes.object(
                status: 201, fields: context.fields, headers: [.location: "\(apiRoot)/orders/\(id)/notes/\(note.id)"]
            ) { OrderEncoder.write(note: note, orderId: id, to: &$0, context: render) }
        }
        router.get(RouterPath(base + "/:id/notes/:note")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            let noteId = try SimRoutes.id(context, "note")
            try context.require(.view)
            guard let notes = await store.notes(orderId: id) else { throw WooSimError.invalidOrderIDForNotes }
            guard let note = notes.first(where: { $0.id == noteId }) else { throw WooSimError.invalidNoteID }
            let render = await store.renderContext
            return SimRoutes.object(fields: context.fields) {
                OrderEncoder.write(note: note, orderId: id, to: &$0, context: render)
            }
        }
        router.get(RouterPath(base + "/:id/refunds")) { _, context -> Response in
            let id = try SimRoutes.id(context)
            let paging = try Paging(context.query)
            try context.require(.list)
            guard let order = await store.order(id) else { throw WooSimError.invalidOrderIDForNotes }
            let render = await store.renderContext
            let range = paging.range(total: order.refunds.count)
            let page = ListPage(total: order.refunds.count, items: Array(order.refunds[range]))
            return SimRoutes.list(page, paging: paging, context: context, base: "\(apiRoot)/orders/\(id)/refunds") {
                OrderEncoder.write(refund: $0, orderId: id, to: &$1, context: render)
            }
        }
    }
}
