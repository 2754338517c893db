import Foundation

/// An order as Shopify's webhooks send it: the REST resource — snake_case, numeric `id` beside
/// `admin_graphql_api_id`, times in the shop's offset, `tags` one comma-separated string, prices with two
/// decimals, statuses in lower case.
enum OrderWebhookPayload {
    static func body(_ order: ShopOrder, state: ShopState) -> JSON {
        let time = { (milliseconds: Int64?) -> JSON in
            milliseconds.map { .string(ShopFormat.shopTime($0, timeZone: state.timeZone)) } ?? .null
        }
        let money = { (value: Decimal) -> JSON in .string(ShopFormat.restMoney(value)) }
        let moneySet = { (value: Decimal) -> JSON in
            let amount: JSON = .object([
                ("amount", .string(ShopFormat.restMoney(value))), ("currency_code", .string(order.currency)),
            ])
            return .object([("shop_money", amount), ("presentment_money", amount)])
        }
        let fulfillment: JSON
        switch order.displayFulfillmentStatus {
        case "FULFILLED": fulfillment = .string("fulfilled")
        case "PARTIALLY_FULFILLED": fulfillment = .string("partial")
        default: fulfillment = .null
        }
        var pairs: [(String, JSON)] = [
            ("id", .int64(order.id)), ("admin_graphql_api_id", .string(GlobalID.make("Order", order.id))),
            ("name", .string(order.name)), ("order_number", .int(order.number)), ("number", .int(order.number - 1000)),
            ("email", .optionalString(order.email)), ("contact_email", .optionalString(order.email)),
            ("phone", .optionalString(order.phone)), ("created_at", time(order.createdAt)),
            ("updated_at", time(order.updatedAt)), ("processed_at", time(order.createdAt)),
            ("cancelled_at", time(order.cancelledAt)),
            ("cancel_reason", .optionalString(order.cancelReason?.lowercased())),
            ("closed_at", time(order.closedAt)), ("test", .bool(order.test)),
            ("financial_status", .string(order.financialStatus.lowercased())), ("fulfillment_status", fulfillment),
            ("currency", .string(order.currency)), ("presentment_currency", .string(order.currency)),
            ("total_price", money(order.total)), ("subtotal_price", money(order.subtotal)),
            ("total_price_set", moneySet(order.total)), ("subtotal_price_set", moneySet(order.subtotal)),
            ("total_shipping_price_set", moneySet(order.shippingTotal)), ("total_tax", .string("0.00")),
            ("tags", .string(order.tags.joined(separator: ", "))), ("note", .optionalString(order.note)),
        ]
        pairs.append(
            (
                "customer",
                order.customer.map { customer in
                    .object([
                        ("id", .int64(customer.id)),
                        ("admin_graphql_api_id", .string(GlobalID.make("Customer", customer.id))),
                        ("email", .string(customer.email)), ("first_name", .string(customer.firstName)),
                        ("last_name", .string(customer.lastName)),
                    ])
                } ?? .null
            ))
        pairs.append(("shipping_address", order.shippingAddress.map(self.address) ?? .null))
        pairs.append(("billing_address", order.billingAddress.map(self.address) ?? .null))
        pairs.append(
            (
                "line_items",
                .array(
                    order.lineItems.map { line in
                        .object([
                            ("id", .int64(line.id)),
                            ("admin_graphql_api_id", .string(GlobalID.make("LineItem", line.id))),
                            ("variant_id", line.variantId.map { .int64($0) } ?? .null),
                            ("product_id", line.productId.map { .int64($0) } ?? .null),
                            ("sku", .optionalString(line.sku)), ("name", .string(line.name)),
                            ("title", .string(line.title)),
                            ("variant_title", line.variantTitle.isEmpty ? .null : .string(line.variantTitle)),
                            ("quantity", .int(line.quantity)), ("current_quantity", .int(line.currentQuantity)),
                            ("fulfillable_quantity", .int(line.unfulfilledQuantity)),
                            (
                                "fulfillment_status",
                                line.fulfilledQuantity == 0
                                    ? .null : .string(line.unfulfilledQuantity == 0 ? "fulfilled" : "partial")
                            ),
                            ("price", money(line.price)), ("price_set", moneySet(line.price)),
                            ("requires_shipping", .bool(true)),
                        ])
                    })
            ))
        pairs.append(
            (
                "shipping_lines",
                .array(
                    order.shippingLines.map { line in
                        .object([
                            ("id", .int64(line.id)), ("title", .string(line.title)), ("code", .string(line.code)),
                            ("price", money(line.price)),
                        ])
                    })
            ))
        return .object(pairs)
    }

    static func address(_ address: ShopAddress) -> JSON {
        .object([
            ("first_name", .string(address.firstName)), ("last_name", .string(address.lastName)),
            ("name", .string(address.name)), ("company", .optionalString(address.company)),
            ("address1", .string(address.address1)), ("address2", .optionalString(address.address2)),
            ("city", .string(address.city)), ("province", .optionalString(address.province)),
            ("province_code", .optionalString(address.provinceCode)), ("zip", .string(address.zip)),
            ("country", .string(address.country)), ("country_code", .string(address.countryCode)),
            ("phone", .optionalString(address.phone)),
        ])
    }

    /// `orders/delete` carries only the id.
    static func deleted(_ id: Int64) -> JSON { .object([("id", .int64(id))]) }

    /// `app/uninstalled` carries the shop.
    static func shop(_ state: ShopState) -> JSON {
        .object([
            ("id", .int64(state.shopId)), ("name", .string(state.shopName)),
            ("email", .string("owner@\(state.domain)")),
            ("domain", .string(state.domain)), ("myshopify_domain", .string(state.domain)),
            ("currency", .string(state.currency)), ("iana_timezone", .string(state.timeZone.identifier)),
        ])
    }
}
