import Foundation

/// The mutations: fulfillments, tracking, inventory quantities, webhook subscriptions. Failures a merchant
/// could fix come back as `userErrors` (HTTP 200, the payload's object null), as on Shopify.
extension AdminResolver {
    static let maximumInputRows = 250
    static let inventoryReasons: Set<String> = [
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated", "movement_received",
        "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
        "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    ]

    static func userError(_ field: [String]?, _ message: String, code: String? = nil) -> Resolved {
        var values: [String: Resolved] = [
            "field": field.map { .list($0.map { .string($0) }) } ?? .null, "message": .string(message),
        ]
        if let code { values["code"] = .string(code) }
        let type = code == nil ? "UserError" : "InventorySetQuantitiesUserError"
        return .object(ObjectValue(typeName: type, entity: .fields(values)))
    }

    static func payload(_ type: String, _ values: [String: Resolved], errors: [Resolved] = []) -> Resolved {
        var values = values
        values["userErrors"] = .list(errors)
        return .object(ObjectValue(typeName: type, entity: .fields(values)))
    }

    mutating func mutation(
        _ field: String, _ arguments: [String: JSON], _ context: FieldContext
    ) throws(GraphQLError) -> Resolved {
        switch field {
        case "fulfillmentCreate": return self.fulfillmentCreate(arguments["fulfillment"] ?? .null)
        case "fulfillmentTrackingInfoUpdate": return self.trackingUpdate(arguments)
        case "inventorySetQuantities": return try self.inventorySetQuantities(arguments, context)
        case "webhookSubscriptionCreate": return self.webhookCreate(arguments)
        case "webhookSubscriptionDelete": return self.webhookDelete(arguments)
        default: return .null
        }
    }

    static func tracking(_ input: JSON?) -> [ShopTrackingInfo] {
        guard let input, !input.isNull else { return [] }
        let company = input["company"]?.stringValue
        if let numbers = input["numbers"]?.arrayValue?.compactMap(\.stringValue), !numbers.isEmpty {
            let urls = input["urls"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return numbers.enumerated().map { index, number in
                ShopTrackingInfo(
                    company: company, number: number, url: index < urls.count ? urls[index] : input["url"]?.stringValue)
            }
        }
        let number = input["number"]?.stringValue
        let url = input["url"]?.stringValue
        if company == nil, number == nil, url == nil { return [] }
        return [ShopTrackingInfo(company: company, number: number, url: url)]
    }

    private mutating func fulfillmentCreate(_ input: JSON) -> Resolved {
        let type = "FulfillmentCreatePayload"
        let groups = input["lineItemsByFulfillmentOrder"]?.arrayValue ?? []
        guard !groups.isEmpty else {
            return Self.payload(
                type, ["fulfillment": .null],
                errors: [Self.userError(["fulfillment"], "Line items by fulfillment order can't be blank.")])
        }
        var parts: [(ShopFulfillmentOrder, [(Int64, Int)])] = []
        for group in groups {
            let text = group["fulfillmentOrderId"]?.stringValue ?? ""
            guard case (let kind, let id)? = GlobalID.parse(text), kind == "FulfillmentOrder",
                let fulfillmentOrder = self.state.fulfillmentOrders[id]
            else {
                return Self.payload(
                    type, ["fulfillment": .null],
                    errors: [Self.userError(["fulfillment"], "Fulfillment order does not exist.")])
            }
            guard ["OPEN", "IN_PROGRESS"].contains(fulfillmentOrder.status), fulfillmentOrder.holds.isEmpty else {
                let status = fulfillmentOrder.holds.isEmpty ? fulfillmentOrder.status.lowercased() : "on_hold"
                return Self.payload(
                    type, ["fulfillment": .null],
                    errors: [
                        Self.userError(
                            ["fulfillment"], "Fulfillment order \(id) has an unfulfillable status= \(status).")
                    ])
            }
            if let first = parts.first?.0,
                first.orderId != fulfillmentOrder.orderId || first.locationId != fulfillmentOrder.locationId
            {
                return Self.payload(
                    type, ["fulfillment": .null],
                    errors: [
                        Self.userError(
                            ["fulfillment"],
                            "All fulfillment orders must belong to the same order and be assigned to the same location."
                        )
                    ])
            }
            var lines: [(Int64, Int)] = []
            if let requested = group["fulfillmentOrderLineItems"]?.arrayValue {
                for item in requested {
                    guard case (let lineKind, let lineId)? = GlobalID.parse(item["id"]?.stringValue ?? ""),
                        lineKind == "FulfillmentOrderLineItem",
                        let line = fulfillmentOrder.lines.first(where: { $0.id == lineId })
                    else {
                        return Self.payload(
                            type, ["fulfillment": .null],
                            errors: [Self.userError(["fulfillment"], "Invalid fulfillment order line item id.")])
                    }
                    let quantity = item["quantity"]?.intValue ?? 0
                    guard quantity > 0, quantity <= line.remainingQuantity else {
                        return Self.payload(
                            type, ["fulfillment": .null],
                            errors: [
                                Self.userError(
                                    ["fulfillment"], "Invalid fulfillment order line item quantity requested.")
                            ])
                    }
                    lines.append((lineId, quantity))
                }
            } else {
                lines = fulfillmentOrder.lines.map { ($0.id, $0.remainingQuantity) }
            }
            parts.append((fulfillmentOrder, lines))
        }
        guard
            let fulfillment = FulfillmentWriter(state: self.state).fulfill(
                parts, tracking: Self.tracking(input["trackingInfo"]), at: self.state.now, emitting: true)
        else {
            return Self.payload(
                type, ["fulfillment": .null],
                errors: [Self.userError(["fulfillment"], "Fulfillment must contain at least one line item.")])
        }
        return Self.payload(
            type, ["fulfillment": .object(ObjectValue(typeName: "Fulfillment", entity: .fulfillment(fulfillment.id)))])
    }

    private mutating func trackingUpdate(_ arguments: [String: JSON]) -> Resolved {
        let type = "FulfillmentTrackingInfoUpdatePayload"
        guard case (let kind, let id)? = GlobalID.parse(arguments["fulfillmentId"]?.stringValue ?? ""),
            kind == "Fulfillment",
            var fulfillment = self.state.fulfillments[id]
        else {
            return Self.payload(
                type, ["fulfillment": .null], errors: [Self.userError(["fulfillmentId"], "Fulfillment does not exist.")]
            )
        }
        fulfillment.tracking = Self.tracking(arguments["trackingInfoInput"])
        fulfillment.updatedAt = self.state.now
        self.state.fulfillments[id] = fulfillment
        let snapshot = fulfillment
        self.state.emit("fulfillments/update", resourceId: id) {
            .object([
                ("id", .int64(snapshot.id)),
                ("admin_graphql_api_id", .string(GlobalID.make("Fulfillment", snapshot.id))),
                ("order_id", .int64(snapshot.orderId)), ("status", .string("success")),
                ("tracking_company", .optionalString(snapshot.tracking.first?.company)),
                ("tracking_number", .optionalString(snapshot.tracking.first?.number)),
                ("tracking_numbers", .array(snapshot.tracking.compactMap(\.number).map { .string($0) })),
                ("tracking_url", .optionalString(snapshot.tracking.first?.url)),
                ("updated_at", .string(ShopFormat.shopTime(snapshot.updatedAt, timeZone: self.state.timeZone))),
            ])
        }
        return Self.payload(
            type, ["fulfillment": .object(ObjectValue(typeName: "Fulfillment", entity: .fulfillment(id)))])
    }

    private mutating func inventorySetQuantities(
        _ arguments: [String: JSON], _ context: FieldContext
    ) throws(GraphQLError) -> Resolved {
        let type = "InventorySetQuantitiesPayload"
        let input = arguments["input"] ?? .null
        let rows = input["quantities"]?.arrayValue ?? []
        guard rows.count <= Self.maximumInputRows else {
            throw GraphQLError(
                "The input array size of \(rows.count) is greater than the maximum allowed of \(Self.maximumInputRows).",
                code: "MAX_INPUT_SIZE_EXCEEDED", path: context.path + [.string("input"), .string("quantities")])
        }
        let key = context.directives["idempotent"]?["key"]?.stringValue
        if key == nil, self.requiresIdempotency {
            throw GraphQLError(
                "The @idempotent directive is required for this mutation.", code: "IDEMPOTENCY_KEY_REQUIRED",
                path: context.path)
        }
        let canonical = JSON.object(arguments.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).canonical
        if let key, let record = self.state.idempotency[key] {
            if record.arguments == canonical { return record.answer }
            return Self.payload(
                type, ["inventoryAdjustmentGroup": .null],
                errors: [
                    Self.userError(
                        nil, "The same idempotency key was used with different parameters.",
                        code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
                ])
        }
        let answer = self.applyInventory(input, rows: rows)
        if let key { self.state.idempotency[key] = IdempotencyRecord(arguments: canonical, answer: answer) }
        return answer
    }

    private mutating func applyInventory(_ input: JSON, rows: [JSON]) -> Resolved {
        let type = "InventorySetQuantitiesPayload"
        var errors: [Resolved] = []
        let name = input["name"]?.stringValue ?? ""
        if !["available", "on_hand"].contains(name) {
            errors.append(
                Self.userError(
                    ["input", "name"], "The quantity name must be either 'available' or 'on_hand'.",
                    code: "INVALID_NAME"))
        }
        let reason = input["reason"]?.stringValue ?? ""
        if !Self.inventoryReasons.contains(reason) {
            errors.append(
                Self.userError(["input", "reason"], "The specified reason is invalid.", code: "INVALID_REASON"))
        }
        let usesCompare = !self.requiresIdempotency
        let ignoreCompare = input["ignoreCompareQuantity"]?.boolValue ?? false
        var changes: [(LevelKey, Int, Int)] = []
        var seen: Set<LevelKey> = []
        for (index, row) in rows.enumerated() {
            let path = ["input", "quantities", String(index)]
            guard case (let itemKind, let itemId)? = GlobalID.parse(row["inventoryItemId"]?.stringValue ?? ""),
                itemKind == "InventoryItem", let variantId = self.state.variantByItem[itemId]
            else {
                errors.append(
                    Self.userError(
                        path + ["inventoryItemId"], "The specified inventory item could not be found.",
                        code: "INVALID_INVENTORY_ITEM"))
                continue
            }
            guard case (let locationKind, let locationId)? = GlobalID.parse(row["locationId"]?.stringValue ?? ""),
                locationKind == "Location", self.state.location(locationId) != nil
            else {
                errors.append(
                    Self.userError(
                        path + ["locationId"], "The specified location could not be found.", code: "INVALID_LOCATION"))
                continue
            }
            let key = LevelKey(itemId: itemId, locationId: locationId)
            guard let current = self.state.quantity(name == "on_hand" ? "on_hand" : "available", at: key) else {
                errors.append(
                    Self.userError(
                        path + ["locationId"], "The specified inventory item is not stocked at the location.",
                        code: "ITEM_NOT_STOCKED_AT_LOCATION"))
                continue
            }
            if self.state.variants[variantId]?.tracked == false {
                errors.append(
                    Self.userError(
                        path + ["inventoryItemId"], "The specified inventory item is not tracked.",
                        code: "NON_MUTABLE_INVENTORY_ITEM"))
                continue
            }
            guard seen.insert(key).inserted else {
                errors.append(
                    Self.userError(
                        path, "The combination of inventoryItemId and locationId must be unique.",
                        code: "INVALID_QUANTITY_DUPLICATE"))
                continue
            }
            let quantity = row["quantity"]?.intValue ?? 0
            if quantity > 1_000_000_000 {
                errors.append(
                    Self.userError(
                        path + ["quantity"], "The quantity can't be higher than 1,000,000,000.",
                        code: "INVALID_QUANTITY_TOO_HIGH"))
                continue
            }
            if usesCompare {
                // Before 2026-04: compareQuantity on each row, or ignoreCompareQuantity for the call.
                if let compare = row["compareQuantity"], !compare.isNull {
                    if compare.intValue != current {
                        errors.append(
                            Self.userError(
                                path + ["compareQuantity"], "The specified compare quantity is stale.",
                                code: "COMPARE_QUANTITY_STALE"))
                        continue
                    }
                } else if !ignoreCompare {
                    errors.append(
                        Self.userError(
                            path + ["compareQuantity"],
                            "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.",
                            code: "COMPARE_QUANTITY_REQUIRED"))
                    continue
                }
            } else if let expected = row["changeFromQuantity"], !expected.isNull, expected.intValue != current {
                errors.append(
                    Self.userError(
                        path + ["changeFromQuantity"],
                        "The specified changeFromQuantity (\(expected.intValue ?? 0)) does not match the current quantity.",
                        code: "CHANGE_FROM_QUANTITY_STALE"))
                continue
            }
            changes.append((key, current, quantity))
        }
        guard errors.isEmpty else { return Self.payload(type, ["inventoryAdjustmentGroup": .null], errors: errors) }
        var changeValues: [Resolved] = []
        for (key, current, quantity) in changes {
            // Setting on_hand moves the difference into available; the unavailable states stay.
            self.state.levels[key]!["available", default: 0] += quantity - current
            changeValues.append(
                .object(
                    ObjectValue(
                        typeName: "InventoryChange",
                        entity: .fields([
                            "name": .string(name), "delta": .int(quantity - current),
                            "quantityAfterChange": .int(quantity),
                            "item": .object(ObjectValue(typeName: "InventoryItem", entity: .inventoryItem(key.itemId))),
                            "location": .object(self.location(key.locationId)),
                        ]))))
            let available = self.state.quantity("available", at: key) ?? 0
            let now = self.state.now
            self.state.emit("inventory_levels/update", resourceId: key.itemId) {
                .object([
                    ("inventory_item_id", .int64(key.itemId)), ("location_id", .int64(key.locationId)),
                    ("available", .int(available)),
                    ("updated_at", .string(ShopFormat.shopTime(now, timeZone: self.state.timeZone))),
                    (
                        "admin_graphql_api_id",
                        .string("gid://shopify/InventoryLevel/\(key.itemId)?inventory_item_id=\(key.itemId)")
                    ),
                ])
            }
        }
        let group = ObjectValue(
            typeName: "InventoryAdjustmentGroup",
            entity: .fields([
                "id": .string(GlobalID.make("InventoryAdjustmentGroup", self.state.nextId("InventoryAdjustmentGroup"))),
                "reason": .string(reason), "referenceDocumentUri": .string(input["referenceDocumentUri"]?.stringValue),
                "createdAt": self.time(self.state.now), "changes": .list(changeValues),
            ]))
        return Self.payload(type, ["inventoryAdjustmentGroup": .object(group)])
    }

    private mutating func webhookCreate(_ arguments: [String: JSON]) -> Resolved {
        let type = "WebhookSubscriptionCreatePayload"
        let topic = arguments["topic"]?.stringValue ?? ""
        let input = arguments["webhookSubscription"] ?? .null
        let field = ["webhookSubscription", "callbackUrl"]
        guard let uri = input["uri"]?.stringValue ?? input["callbackUrl"]?.stringValue, !uri.isEmpty else {
            return Self.payload(
                type, ["webhookSubscription": .null], errors: [Self.userError(field, "Address can't be blank")])
        }
        guard let components = URLComponents(string: uri), ["http", "https"].contains(components.scheme ?? ""),
            components.host?.isEmpty == false
        else {
            return Self.payload(
                type, ["webhookSubscription": .null], errors: [Self.userError(field, "Address is invalid")])
        }
        guard !self.state.webhooks.contains(where: { $0.topic == topic && $0.uri == uri }) else {
            return Self.payload(
                type, ["webhookSubscription": .null],
                errors: [Self.userError(field, "Address for this topic has already been taken")])
        }
        let now = self.state.now
        let webhook = ShopWebhookSubscription(
            id: self.state.nextId("WebhookSubscription"), topic: topic, uri: uri,
            format: input["format"]?.stringValue ?? "JSON", createdAt: now, updatedAt: now)
        self.state.webhooks.append(webhook)
        return Self.payload(
            type,
            ["webhookSubscription": .object(ObjectValue(typeName: "WebhookSubscription", entity: .webhook(webhook)))])
    }

    private mutating func webhookDelete(_ arguments: [String: JSON]) -> Resolved {
        let type = "WebhookSubscriptionDeletePayload"
        let text = arguments["id"]?.stringValue ?? ""
        guard case (let kind, let id)? = GlobalID.parse(text), kind == "WebhookSubscription",
            let index = self.state.webhooks.firstIndex(where: { $0.id == id })
        else {
            return Self.payload(
                type, ["deletedWebhookSubscriptionId": .null],
                errors: [Self.userError(["id"], "Webhook subscription does not exist")])
        }
        self.state.webhooks.remove(at: index)
        return Self.payload(type, ["deletedWebhookSubscriptionId": .string(text)])
    }
}
