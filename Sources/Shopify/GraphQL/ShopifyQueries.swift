/// The GraphQL documents the client sends: exactly the subset Logix needs, valid against Admin 2026-04.
enum ShopifyQueries {
    static let shop = """
        query Shop { shop { id name myshopifyDomain currencyCode ianaTimezone } }
        """

    /// The fields of one order (section 3 of the fact sheet); `$lines` sizes the first page of line items.
    static let orderFields = """
        id legacyResourceId name createdAt updatedAt cancelledAt cancelReason closedAt test email phone note tags \
        displayFinancialStatus displayFulfillmentStatus currencyCode \
        totalPriceSet { shopMoney { amount currencyCode } } \
        customer { id firstName lastName } \
        shippingAddress { name company address1 address2 city province provinceCode zip country countryCodeV2 phone } \
        shippingLines(first: 5) { nodes { title code originalPriceSet { shopMoney { amount } } } } \
        lineItems(first: $lines) { pageInfo { hasNextPage endCursor } nodes { \(lineItemFields) } }
        """

    static let lineItemFields = """
        id sku name quantity currentQuantity unfulfilledQuantity variant { id sku } product { id } \
        originalUnitPriceSet { shopMoney { amount currencyCode } }
        """

    static let ordersChanged = """
        query OrdersChanged($first: Int!, $after: String, $query: String, $lines: Int!) { \
        orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { \
        pageInfo { hasNextPage endCursor } nodes { \(orderFields) } } }
        """

    static let ordersByID = """
        query OrdersByID($ids: [ID!]!, $lines: Int!) { nodes(ids: $ids) { ... on Order { \(orderFields) } } }
        """

    static let order = """
        query Order($id: ID!, $lines: Int!) { order(id: $id) { \(orderFields) } }
        """

    static let orderLineItems = """
        query OrderLineItems($id: ID!, $first: Int!, $after: String) { order(id: $id) { \
        lineItems(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { \(lineItemFields) } } } }
        """

    static let fulfillmentOrders = """
        query FulfillmentOrders($id: ID!, $first: Int!, $after: String, $lines: Int!) { order(id: $id) { \
        fulfillmentOrders(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { \
        id status requestStatus assignedLocation { location { id } } fulfillmentHolds { reason } \
        lineItems(first: $lines) { nodes { id totalQuantity remainingQuantity lineItem { id sku } } } } } } }
        """

    static let fulfillmentFields = "fulfillment { id status trackingInfo { company number url } }"

    static let fulfillmentCreate = """
        mutation FulfillmentCreate($fulfillment: FulfillmentInput!) { \
        fulfillmentCreate(fulfillment: $fulfillment) { \(fulfillmentFields) userErrors { field message } } }
        """

    static let fulfillmentTrackingInfoUpdate = """
        mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, \
        $notifyCustomer: Boolean) { fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, \
        trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) { \
        \(fulfillmentFields) userErrors { field message } } }
        """

    static let locations = """
        query Locations($first: Int!) { locations(first: $first) { nodes { id name isActive } } }
        """

    static let productVariants = """
        query ProductVariants($first: Int!, $after: String, $query: String) { \
        productVariants(first: $first, after: $after, query: $query) { pageInfo { hasNextPage endCursor } \
        nodes { id sku title product { id title } inventoryItem { id tracked } } } }
        """

    /// The key is part of the text: Shopify's examples pass it as a literal, and a replay must be byte-identical.
    static func inventorySetQuantities(idempotencyKey: String) -> String {
        """
        mutation InventorySetQuantities($input: InventorySetQuantitiesInput!) { \
        inventorySetQuantities(input: $input) @idempotent(key: "\(idempotencyKey)") { userErrors { code field message } } }
        """
    }

    static let webhookSubscriptions = """
        query WebhookSubscriptions($first: Int!, $after: String) { webhookSubscriptions(first: $first, after: $after) { \
        nodes { id topic uri } pageInfo { hasNextPage endCursor } } }
        """

    static let webhookSubscriptionCreate = """
        mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, \
        $webhookSubscription: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, \
        webhookSubscription: $webhookSubscription) { webhookSubscription { id topic uri } userErrors { field message } } }
        """

    static let webhookSubscriptionDelete = """
        mutation WebhookSubscriptionDelete($id: ID!) { webhookSubscriptionDelete(id: $id) { \
        deletedWebhookSubscriptionId userErrors { field message } } }
        """
}
