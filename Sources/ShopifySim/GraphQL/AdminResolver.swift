import Foundation

/// Answers the Admin schema's fields from the store's state; mutations change it.
struct AdminResolver: FieldResolver {
    let state: ShopState
    /// The API version serving this request (the idempotency and compare-quantity rules depend on it).
    let version: String
    /// `extensions.search` entries for searches that dropped terms.
    var searchWarnings: [JSON] = []

    var requiresIdempotency: Bool { self.version >= "2026-04" }

    mutating func resolve(
        _ object: ObjectValue, field: String, arguments: [String: JSON], context: FieldContext
    ) throws(GraphQLError) -> Resolved {
        switch object.entity {
        case .queryRoot: return try self.query(field, arguments, context)
        case .mutationRoot: return try self.mutation(field, arguments, context)
        case .fields(let values): return values[field] ?? .null
        case .connection(let nodes, let cursors, let info):
            switch field {
            case "nodes": return .list(nodes.map { .object($0) })
            case "edges":
                return .list(
                    zip(cursors, nodes).map { cursor, node in
                        .object(
                            ObjectValue(
                                typeName: String(object.typeName.dropLast("Connection".count)) + "Edge",
                                entity: .edge(cursor: cursor, node: node)))
                    })
            case "pageInfo": return .object(ObjectValue(typeName: "PageInfo", entity: .pageInfo(info)))
            default: return .null
            }
        case .edge(let cursor, let node):
            return field == "cursor" ? .string(cursor) : .object(node)
        case .pageInfo(let info):
            switch field {
            case "hasNextPage": return .bool(info.hasNextPage)
            case "hasPreviousPage": return .bool(info.hasPreviousPage)
            case "startCursor": return .string(info.startCursor)
            default: return .string(info.endCursor)
            }
        default:
            return try self.objectField(object, field, arguments)
        }
    }

    // MARK: - Query root

    private mutating func query(
        _ field: String, _ arguments: [String: JSON], _ context: FieldContext
    ) throws(GraphQLError) -> Resolved {
        switch field {
        case "shop": return .object(ObjectValue(typeName: "Shop", entity: .shop))
        case "orders": return try self.orders(arguments, context)
        case "order", "node", "fulfillmentOrder", "productVariant", "inventoryItem", "webhookSubscription", "location":
            guard let id = arguments["id"]?.stringValue else {
                // `location` without an id is the shop's primary location.
                return field == "location" ? .object(self.location(self.state.locations[0].id)) : .null
            }
            guard let node = try self.node(id) else { return .null }
            let expected = [
                "order": "Order", "fulfillmentOrder": "FulfillmentOrder", "productVariant": "ProductVariant",
                "inventoryItem": "InventoryItem", "webhookSubscription": "WebhookSubscription", "location": "Location",
            ][field]
            if let expected, node.typeName != expected { return .null }
            return .object(node)
        case "nodes":
            var out: [Resolved] = []
            for id in arguments["ids"]?.arrayValue ?? [] {
                out.append(try self.node(id.stringValue ?? "").map { .object($0) } ?? .null)
            }
            return .list(out)
        case "locations":
            let include = arguments["includeInactive"]?.boolValue ?? false
            let locations = self.state.locations.filter { include || $0.isActive }
            return try Paginator.page(
                locations, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "LocationConnection", node: { self.location($0.id) })
        case "productVariants":
            let text = arguments["query"]?.stringValue
            let search = SearchQuery.parse(
                text, fields: ["sku", "product_id", "id", "title", "barcode"], dateFields: [])
            self.noteSearch(search, context: context, query: text)
            let variants = self.state.variantOrder.compactMap { self.state.variants[$0] }.filter { variant in
                search.matches { term in
                    switch term.field {
                    case "sku": return variant.sku == term.value
                    case "product_id":
                        return Int64(term.value) == variant.productId
                            || GlobalID.parse(term.value)?.id == variant.productId
                    case "id":
                        let number = GlobalID.parse(term.value)?.id ?? Int64(term.value) ?? -1
                        return SearchQuery.compare(variant.id, term.comparator, number)
                    case "title": return variant.title.lowercased().contains(term.value.lowercased())
                    case nil:
                        let title = self.state.products[variant.productId]?.title.lowercased() ?? ""
                        return title.contains(term.value.lowercased()) || variant.sku == term.value
                    default: return false
                    }
                }
            }
            return try Paginator.page(
                variants, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "ProductVariantConnection",
                node: { ObjectValue(typeName: "ProductVariant", entity: .variant($0.id)) })
        case "webhookSubscriptions":
            let topics = arguments["topics"]?.arrayValue?.compactMap(\.stringValue)
            let uri = arguments["uri"]?.stringValue
            let webhooks = self.state.webhooks.filter { webhook in
                (topics.map { $0.contains(webhook.topic) } ?? true) && (uri.map { $0 == webhook.uri } ?? true)
            }
            return try Paginator.page(
                webhooks, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "WebhookSubscriptionConnection",
                node: { ObjectValue(typeName: "WebhookSubscription", entity: .webhook($0)) })
        default:
            return .null
        }
    }

    private mutating func noteSearch(_ search: SearchQuery, context: FieldContext, query: String?) {
        if let entry = search.extensionEntry(path: context.path, query: query ?? "") {
            self.searchWarnings.append(entry)
        }
    }

    private mutating func orders(_ arguments: [String: JSON], _ context: FieldContext) throws(GraphQLError) -> Resolved
    {
        let text = arguments["query"]?.stringValue
        let search = SearchQuery.parse(text, fields: ShopOrder.searchFields, dateFields: ShopOrder.searchDateFields)
        self.noteSearch(search, context: context, query: text)
        let sortKey = arguments["sortKey"]?.stringValue ?? "PROCESSED_AT"
        let value: (ShopOrder) -> Int64 = { order in
            switch sortKey {
            case "UPDATED_AT": return order.updatedAt
            case "ID": return order.id
            case "NAME": return Int64(order.number)
            case "TOTAL_PRICE": return Int64(truncating: (order.total * 100) as NSDecimalNumber)
            default: return order.createdAt
            }
        }
        let orders = self.state.orders.values.filter { order in search.matches { order.matches($0) } }
            .map { (Paginator.Key(value: value($0), id: $0.id), $0.id) }
            .sorted { $0.0 < $1.0 }
        return try Paginator.page(
            orders, key: { $0.0 }, arguments: arguments, connection: "OrderConnection",
            node: { ObjectValue(typeName: "Order", entity: .order($0.1)) })
    }

    func location(_ id: Int64) -> ObjectValue { ObjectValue(typeName: "Location", entity: .location(id)) }

    /// The object a global id names, or nil; a malformed id is an error, as on Shopify.
    func node(_ text: String) throws(GraphQLError) -> ObjectValue? {
        guard case (let type, let id)? = GlobalID.parse(text) else {
            throw GraphQLError("Invalid global id '\(text)'", code: "argumentLiteralsIncompatible")
        }
        switch type {
        case "Order":
            return self.state.orders[id] == nil ? nil : ObjectValue(typeName: type, entity: .order(id))
        case "Product":
            return self.state.products[id] == nil ? nil : ObjectValue(typeName: type, entity: .product(id))
        case "ProductVariant":
            return self.state.variants[id] == nil ? nil : ObjectValue(typeName: type, entity: .variant(id))
        case "InventoryItem":
            return self.state.variantByItem[id] == nil ? nil : ObjectValue(typeName: type, entity: .inventoryItem(id))
        case "Location":
            return self.state.location(id) == nil ? nil : self.location(id)
        case "FulfillmentOrder":
            return self.state.fulfillmentOrders[id] == nil
                ? nil : ObjectValue(typeName: type, entity: .fulfillmentOrder(id))
        case "Fulfillment":
            return self.state.fulfillments[id] == nil ? nil : ObjectValue(typeName: type, entity: .fulfillment(id))
        case "Refund":
            return self.state.refunds[id] == nil ? nil : ObjectValue(typeName: type, entity: .refund(id))
        case "WebhookSubscription":
            return self.state.webhooks.first { $0.id == id }.map { ObjectValue(typeName: type, entity: .webhook($0)) }
        default:
            return nil
        }
    }
}
