/// The part of Shopify's Admin GraphQL schema (2026-04) the sim serves: what a logistics connector reads
/// and writes. Anything else is an unknown field, as it would be on a type that lacks it.
enum AdminSchema {
    static let webhookTopics = [
        "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_PAID", "ORDERS_CANCELLED", "ORDERS_FULFILLED",
        "ORDERS_PARTIALLY_FULFILLED", "ORDERS_EDITED", "ORDERS_DELETE", "REFUNDS_CREATE", "FULFILLMENTS_CREATE",
        "FULFILLMENTS_UPDATE", "INVENTORY_LEVELS_UPDATE", "APP_UNINSTALLED", "BULK_OPERATIONS_FINISH",
    ]

    static let schema: GraphQLSchema = {
        typealias S = SchemaBuilder
        var b = SchemaBuilder()
        b.types["Node"] = .interface(fields: ["id": S.field("id", "ID!")])
        b.enumeration("CurrencyCode", ["EUR", "USD", "GBP", "CAD", "CHF"])
        b.enumeration("OrderSortKeys", ["UPDATED_AT", "CREATED_AT", "PROCESSED_AT", "ID", "NAME", "TOTAL_PRICE"])
        b.enumeration("OrderCancelReason", ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "STAFF", "OTHER"])
        b.enumeration(
            "OrderDisplayFinancialStatus",
            ["PENDING", "AUTHORIZED", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "VOIDED", "PAID", "REFUNDED", "EXPIRED"])
        b.enumeration(
            "OrderDisplayFulfillmentStatus",
            [
                "UNFULFILLED", "PARTIALLY_FULFILLED", "FULFILLED", "RESTOCKED", "PENDING_FULFILLMENT", "OPEN",
                "IN_PROGRESS", "ON_HOLD", "SCHEDULED", "REQUEST_DECLINED",
            ])
        b.enumeration(
            "FulfillmentOrderStatus",
            ["OPEN", "IN_PROGRESS", "CANCELLED", "INCOMPLETE", "CLOSED", "SCHEDULED", "ON_HOLD"])
        b.enumeration(
            "FulfillmentOrderRequestStatus",
            [
                "UNSUBMITTED", "SUBMITTED", "ACCEPTED", "REJECTED", "CANCELLATION_REQUESTED", "CANCELLATION_ACCEPTED",
                "CANCELLATION_REJECTED", "CLOSED",
            ])
        b.enumeration(
            "FulfillmentHoldReason",
            [
                "AWAITING_PAYMENT", "HIGH_RISK_OF_FRAUD", "INCORRECT_ADDRESS", "INVENTORY_OUT_OF_STOCK", "OTHER",
                "AWAITING_RETURN_ITEMS", "UNKNOWN_DELIVERY_DATE",
            ])
        b.enumeration("FulfillmentStatus", ["SUCCESS", "CANCELLED", "ERROR", "FAILURE", "OPEN", "PENDING"])
        b.enumeration("ProductVariantSortKeys", ["ID", "SKU", "TITLE", "POSITION", "RELEVANCE"])
        b.enumeration("WebhookSubscriptionTopic", AdminSchema.webhookTopics)
        b.enumeration("WebhookSubscriptionFormat", ["JSON", "XML"])
        b.enumeration(
            "InventorySetQuantitiesUserErrorCode",
            [
                "INVALID_INVENTORY_ITEM", "INVALID_LOCATION", "INVALID_QUANTITY_NEGATIVE", "INVALID_QUANTITY_TOO_HIGH",
                "INVALID_REASON", "INVALID_REFERENCE_DOCUMENT", "INVALID_NAME", "ITEM_NOT_STOCKED_AT_LOCATION",
                "NON_MUTABLE_INVENTORY_ITEM", "CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_REQUIRED",
                "COMPARE_QUANTITY_STALE", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", "IDEMPOTENCY_CONCURRENT_REQUEST",
                "INVALID_QUANTITY_DUPLICATE",
            ])

        b.object(
            "QueryRoot",
            [
                S.field("shop", "Shop!"),
                S.connection(
                    "orders", of: "Order",
                    [S.arg("query", "String"), S.arg("sortKey", "OrderSortKeys", .string("PROCESSED_AT"))]),
                S.field("order", "Order", [S.arg("id", "ID!")]),
                S.field("node", "Node", [S.arg("id", "ID!")]),
                S.field("nodes", "[Node]!", [S.arg("ids", "[ID!]!")]),
                S.field("fulfillmentOrder", "FulfillmentOrder", [S.arg("id", "ID!")]),
                S.field("location", "Location", [S.arg("id", "ID")]),
                S.connection(
                    "locations", of: "Location",
                    [S.arg("query", "String"), S.arg("includeInactive", "Boolean", .bool(false))]),
                S.connection(
                    "productVariants", of: "ProductVariant",
                    [S.arg("query", "String"), S.arg("sortKey", "ProductVariantSortKeys", .string("ID"))]),
                S.field("productVariant", "ProductVariant", [S.arg("id", "ID!")]),
                S.field("inventoryItem", "InventoryItem", [S.arg("id", "ID!")]),
                S.connection(
                    "webhookSubscriptions", of: "WebhookSubscription",
                    [S.arg("topics", "[WebhookSubscriptionTopic!]"), S.arg("uri", "String")]),
                S.field("webhookSubscription", "WebhookSubscription", [S.arg("id", "ID!")]),
            ])
        b.object(
            "Mutation",
            [
                S.field(
                    "fulfillmentCreate", "FulfillmentCreatePayload",
                    [S.arg("fulfillment", "FulfillmentInput!"), S.arg("message", "String")]),
                S.field(
                    "fulfillmentTrackingInfoUpdate", "FulfillmentTrackingInfoUpdatePayload",
                    [
                        S.arg("fulfillmentId", "ID!"), S.arg("trackingInfoInput", "FulfillmentTrackingInput!"),
                        S.arg("notifyCustomer", "Boolean"),
                    ]),
                S.field(
                    "inventorySetQuantities", "InventorySetQuantitiesPayload",
                    [S.arg("input", "InventorySetQuantitiesInput!")]),
                S.field(
                    "webhookSubscriptionCreate", "WebhookSubscriptionCreatePayload",
                    [
                        S.arg("topic", "WebhookSubscriptionTopic!"),
                        S.arg("webhookSubscription", "WebhookSubscriptionInput!"),
                    ]
                ),
                S.field("webhookSubscriptionDelete", "WebhookSubscriptionDeletePayload", [S.arg("id", "ID!")]),
            ])

        b.object(
            "Shop",
            [
                S.field("id", "ID!"), S.field("name", "String!"), S.field("myshopifyDomain", "String!"),
                S.field("email", "String!"), S.field("currencyCode", "CurrencyCode!"),
                S.field("ianaTimezone", "String!"), S.field("timezoneOffset", "String!"),
            ])
        b.object(
            "PageInfo",
            [
                S.field("hasNextPage", "Boolean!"), S.field("hasPreviousPage", "Boolean!"),
                S.field("startCursor", "String"), S.field("endCursor", "String"),
            ])
        b.object("MoneyV2", [S.field("amount", "Decimal!"), S.field("currencyCode", "CurrencyCode!")])
        b.object("MoneyBag", [S.field("shopMoney", "MoneyV2!"), S.field("presentmentMoney", "MoneyV2!")])
        b.object(
            "MailingAddress",
            [
                S.field("id", "ID!"), S.field("name", "String"), S.field("firstName", "String"),
                S.field("lastName", "String"), S.field("company", "String"), S.field("address1", "String"),
                S.field("address2", "String"), S.field("city", "String"), S.field("province", "String"),
                S.field("provinceCode", "String"), S.field("zip", "String"), S.field("country", "String"),
                S.field("countryCodeV2", "String"), S.field("phone", "String"),
            ])
        b.node(
            "Customer",
            [
                S.field("firstName", "String"), S.field("lastName", "String"), S.field("displayName", "String!"),
                S.field("legacyResourceId", "UnsignedInt64!"),
            ])
        b.node(
            "Order",
            [
                S.field("legacyResourceId", "UnsignedInt64!"), S.field("name", "String!"),
                S.field("createdAt", "DateTime!"), S.field("updatedAt", "DateTime!"),
                S.field("processedAt", "DateTime!"), S.field("cancelledAt", "DateTime"),
                S.field("cancelReason", "OrderCancelReason"), S.field("closedAt", "DateTime"),
                S.field("closed", "Boolean!"), S.field("test", "Boolean!"), S.field("email", "String"),
                S.field("phone", "String"), S.field("note", "String"), S.field("tags", "[String!]!"),
                S.field("displayFinancialStatus", "OrderDisplayFinancialStatus"),
                S.field("displayFulfillmentStatus", "OrderDisplayFulfillmentStatus!"),
                S.field("currencyCode", "CurrencyCode!"), S.field("totalPriceSet", "MoneyBag!"),
                S.field("subtotalPriceSet", "MoneyBag"), S.field("totalShippingPriceSet", "MoneyBag!"),
                S.field("customer", "Customer"), S.field("shippingAddress", "MailingAddress"),
                S.field("billingAddress", "MailingAddress"),
                S.connection("shippingLines", of: "ShippingLine"),
                S.connection("lineItems", of: "LineItem"),
                S.connection(
                    "fulfillmentOrders", of: "FulfillmentOrder",
                    [S.arg("displayable", "Boolean", .bool(false)), S.arg("query", "String")]),
                S.field("fulfillments", "[Fulfillment!]!", [S.arg("first", "Int")]),
                S.field("refunds", "[Refund!]!", [S.arg("first", "Int")]),
            ])
        b.enumeration("RefundLineItemRestockType", ["NO_RESTOCK", "CANCEL", "RETURN", "LEGACY_RESTOCK"])
        b.node(
            "Refund",
            [
                S.field("createdAt", "DateTime"), S.field("note", "String"),
                S.field("legacyResourceId", "UnsignedInt64!"), S.connection("refundLineItems", of: "RefundLineItem"),
            ])
        b.node(
            "RefundLineItem",
            [
                S.field("quantity", "Int!"), S.field("restockType", "RefundLineItemRestockType!"),
                S.field("restocked", "Boolean!"), S.field("lineItem", "LineItem!"),
            ])
        b.node(
            "ShippingLine",
            [S.field("title", "String!"), S.field("code", "String"), S.field("originalPriceSet", "MoneyBag!")])
        b.node(
            "LineItem",
            [
                S.field("sku", "String"), S.field("name", "String!"), S.field("title", "String!"),
                S.field("quantity", "Int!"), S.field("currentQuantity", "Int!"),
                S.field("unfulfilledQuantity", "Int!"), S.field("variant", "ProductVariant"),
                S.field("product", "Product"), S.field("originalUnitPriceSet", "MoneyBag!"),
            ])
        b.node(
            "Product",
            [
                S.field("title", "String!"), S.field("handle", "String!"),
                S.field("legacyResourceId", "UnsignedInt64!"),
            ])
        b.node(
            "ProductVariant",
            [
                S.field("sku", "String"), S.field("title", "String!"), S.field("displayName", "String!"),
                S.field("price", "Money!"), S.field("legacyResourceId", "UnsignedInt64!"),
                S.field("product", "Product!"), S.field("inventoryItem", "InventoryItem!"),
            ])
        b.node(
            "InventoryItem",
            [
                S.field("sku", "String"), S.field("tracked", "Boolean!"),
                S.field("legacyResourceId", "UnsignedInt64!"), S.field("duplicateSkuCount", "Int!"),
                S.connection("inventoryLevels", of: "InventoryLevel"),
                S.field("inventoryLevel", "InventoryLevel", [S.arg("locationId", "ID!")]),
            ])
        b.node(
            "InventoryLevel",
            [
                S.field("location", "Location!"), S.field("item", "InventoryItem!"),
                S.field("quantities", "[InventoryQuantity!]!", [S.arg("names", "[String!]!")]),
            ])
        b.object("InventoryQuantity", [S.field("name", "String!"), S.field("quantity", "Int!")])
        b.node(
            "Location",
            [
                S.field("name", "String!"), S.field("isActive", "Boolean!"),
                S.field("legacyResourceId", "UnsignedInt64!"),
            ])
        b.node(
            "FulfillmentOrder",
            [
                S.field("status", "FulfillmentOrderStatus!"),
                S.field("requestStatus", "FulfillmentOrderRequestStatus!"),
                S.field("assignedLocation", "FulfillmentOrderAssignedLocation!"),
                S.field("fulfillmentHolds", "[FulfillmentHold!]!"), S.field("orderId", "ID!"),
                S.field("order", "Order!"), S.field("createdAt", "DateTime!"), S.field("updatedAt", "DateTime!"),
                S.connection("lineItems", of: "FulfillmentOrderLineItem"),
            ])
        b.object(
            "FulfillmentOrderAssignedLocation",
            [S.field("location", "Location"), S.field("name", "String!")])
        b.node("FulfillmentHold", [S.field("reason", "FulfillmentHoldReason!"), S.field("reasonNotes", "String")])
        b.node(
            "FulfillmentOrderLineItem",
            [
                S.field("totalQuantity", "Int!"), S.field("remainingQuantity", "Int!"), S.field("sku", "String!"),
                S.field("lineItem", "LineItem!"),
            ])
        b.node(
            "Fulfillment",
            [
                S.field("status", "FulfillmentStatus!"), S.field("name", "String!"),
                S.field("createdAt", "DateTime!"), S.field("updatedAt", "DateTime!"),
                S.field("legacyResourceId", "UnsignedInt64!"),
                S.field("trackingInfo", "[FulfillmentTrackingInfo!]!", [S.arg("first", "Int")]),
            ])
        b.object(
            "FulfillmentTrackingInfo",
            [S.field("company", "String"), S.field("number", "String"), S.field("url", "URL")])
        b.node(
            "WebhookSubscription",
            [
                S.field("topic", "WebhookSubscriptionTopic!"), S.field("uri", "String!"),
                S.field("format", "WebhookSubscriptionFormat!"), S.field("createdAt", "DateTime!"),
                S.field("updatedAt", "DateTime!"),
            ])
        b.object(
            "InventoryAdjustmentGroup",
            [
                S.field("id", "ID!"), S.field("reason", "String!"), S.field("referenceDocumentUri", "String"),
                S.field("createdAt", "DateTime!"), S.field("changes", "[InventoryChange!]!"),
            ])
        b.object(
            "InventoryChange",
            [
                S.field("name", "String!"), S.field("delta", "Int!"), S.field("quantityAfterChange", "Int"),
                S.field("item", "InventoryItem"), S.field("location", "Location"),
            ])

        b.object("UserError", [S.field("field", "[String!]"), S.field("message", "String!")])
        b.object(
            "InventorySetQuantitiesUserError",
            [
                S.field("field", "[String!]"), S.field("message", "String!"),
                S.field("code", "InventorySetQuantitiesUserErrorCode"),
            ])
        b.object(
            "FulfillmentCreatePayload",
            [S.field("fulfillment", "Fulfillment"), S.field("userErrors", "[UserError!]!")])
        b.object(
            "FulfillmentTrackingInfoUpdatePayload",
            [S.field("fulfillment", "Fulfillment"), S.field("userErrors", "[UserError!]!")])
        b.object(
            "InventorySetQuantitiesPayload",
            [
                S.field("inventoryAdjustmentGroup", "InventoryAdjustmentGroup"),
                S.field("userErrors", "[InventorySetQuantitiesUserError!]!"),
            ])
        b.object(
            "WebhookSubscriptionCreatePayload",
            [S.field("webhookSubscription", "WebhookSubscription"), S.field("userErrors", "[UserError!]!")])
        b.object(
            "WebhookSubscriptionDeletePayload",
            [S.field("deletedWebhookSubscriptionId", "ID"), S.field("userErrors", "[UserError!]!")])

        b.input(
            "FulfillmentInput",
            [
                S.arg("notifyCustomer", "Boolean", .bool(false)), S.arg("trackingInfo", "FulfillmentTrackingInput"),
                S.arg("lineItemsByFulfillmentOrder", "[FulfillmentOrderLineItemsInput!]!"),
                S.arg("originAddress", "FulfillmentOriginAddressInput"),
            ])
        b.input(
            "FulfillmentOriginAddressInput",
            [
                S.arg("address1", "String"), S.arg("address2", "String"), S.arg("city", "String"),
                S.arg("countryCode", "String!"), S.arg("provinceCode", "String"), S.arg("zip", "String"),
            ])
        b.input(
            "FulfillmentOrderLineItemsInput",
            [
                S.arg("fulfillmentOrderId", "ID!"),
                S.arg("fulfillmentOrderLineItems", "[FulfillmentOrderLineItemInput!]"),
            ])
        b.input("FulfillmentOrderLineItemInput", [S.arg("id", "ID!"), S.arg("quantity", "Int!")])
        b.input(
            "FulfillmentTrackingInput",
            [
                S.arg("company", "String"), S.arg("number", "String"), S.arg("url", "URL"),
                S.arg("numbers", "[String!]"), S.arg("urls", "[URL!]"),
            ])
        b.input(
            "InventorySetQuantitiesInput",
            [
                S.arg("name", "String!"), S.arg("reason", "String!"), S.arg("referenceDocumentUri", "String"),
                S.arg("quantities", "[InventoryQuantityInput!]!"), S.arg("ignoreCompareQuantity", "Boolean"),
            ])
        b.input(
            "InventoryQuantityInput",
            [
                S.arg("inventoryItemId", "ID!"), S.arg("locationId", "ID!"), S.arg("quantity", "Int!"),
                S.arg("changeFromQuantity", "Int"), S.arg("compareQuantity", "Int"),
            ])
        b.input(
            "WebhookSubscriptionInput",
            [
                S.arg("uri", "String"), S.arg("callbackUrl", "URL"),
                S.arg("format", "WebhookSubscriptionFormat", .string("JSON")), S.arg("includeFields", "[String!]"),
                S.arg("filter", "String"),
            ])
        return GraphQLSchema(types: b.types, queryType: "QueryRoot", mutationType: "Mutation")
    }()

    /// Directives a document may use, with their arguments.
    static let directives: [String: [InputValueDefinition]] = [
        "include": [SchemaBuilder.arg("if", "Boolean!")], "skip": [SchemaBuilder.arg("if", "Boolean!")],
        "idempotent": [SchemaBuilder.arg("key", "String!")],
    ]
}
