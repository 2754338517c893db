/// Bodies shaped like the fact sheet's examples (§3, §5, §7), written by hand from it: no real shop was
/// recorded. Ids pass 2^53 on purpose.
enum RecordedBodies {
    static let order = #"""
        {"id":"gid://shopify/Order/9007199254740993","legacyResourceId":"9007199254740993","name":"#1001",
         "createdAt":"2026-12-01T09:00:00Z","updatedAt":"2026-12-01T10:15:30Z","cancelledAt":null,"cancelReason":null,
         "closedAt":null,"test":false,"email":"ann@example.com","phone":null,"note":"leave at the door",
         "tags":["wholesale","vip"],"displayFinancialStatus":"PAID","displayFulfillmentStatus":"UNFULFILLED",
         "currencyCode":"EUR","totalPriceSet":{"shopMoney":{"amount":"679.0","currencyCode":"EUR"}},
         "customer":{"id":"gid://shopify/Customer/5","firstName":"Ann","lastName":"Lee"},
         "shippingAddress":{"name":"Ann Lee","company":null,"address1":"Main St 1","address2":null,"city":"Berlin",
           "province":null,"provinceCode":null,"zip":"10115","country":"Germany","countryCodeV2":"DE","phone":null},
         "shippingLines":{"nodes":[{"title":"Standard","code":"STD","originalPriceSet":{"shopMoney":{"amount":"4.90"}}}]},
         "lineItems":{"pageInfo":{"hasNextPage":true,"endCursor":"eyJsYXN0X2lkIjoyfQ=="},"nodes":[
           {"id":"gid://shopify/LineItem/11","sku":"ABC-1","name":"Shirt - M","quantity":3,"currentQuantity":2,
            "unfulfilledQuantity":2,"variant":{"id":"gid://shopify/ProductVariant/21","sku":"ABC-1"},
            "product":{"id":"gid://shopify/Product/31"},
            "originalUnitPriceSet":{"shopMoney":{"amount":"29.99","currencyCode":"EUR"}}},
           {"id":"gid://shopify/LineItem/12","sku":"","name":"Gift card","quantity":1,"currentQuantity":1,
            "unfulfilledQuantity":1,"variant":null,"product":null,
            "originalUnitPriceSet":{"shopMoney":{"amount":"619.03","currencyCode":"EUR"}}}]}}
        """#

    static func orders(_ nodes: [String], hasNextPage: Bool, endCursor: String?) -> String {
        #"{"orders":{"pageInfo":{"hasNextPage":\#(hasNextPage),"endCursor":\#(endCursor.map { "\"\($0)\"" } ?? "null")},"nodes":[\#(nodes.joined(separator: ","))]}}"#
    }

    static let shop = #"""
        {"shop":{"id":"gid://shopify/Shop/1","name":"Logix Demo","myshopifyDomain":"logix-demo.myshopify.com",
         "currencyCode":"EUR","ianaTimezone":"Europe/Berlin"}}
        """#

    static let fulfillmentOrders = #"""
        {"order":{"fulfillmentOrders":{"pageInfo":{"hasNextPage":false,"endCursor":"c1"},"nodes":[
          {"id":"gid://shopify/FulfillmentOrder/1","status":"OPEN","requestStatus":"UNSUBMITTED",
           "assignedLocation":{"location":{"id":"gid://shopify/Location/7"}},"fulfillmentHolds":[],
           "lineItems":{"nodes":[{"id":"gid://shopify/FulfillmentOrderLineItem/7","totalQuantity":2,
             "remainingQuantity":2,"lineItem":{"id":"gid://shopify/LineItem/11","sku":"ABC-1"}}]}},
          {"id":"gid://shopify/FulfillmentOrder/2","status":"ON_HOLD","requestStatus":"UNSUBMITTED",
           "assignedLocation":{"location":{"id":"gid://shopify/Location/8"}},
           "fulfillmentHolds":[{"reason":"AWAITING_PAYMENT"}],"lineItems":{"nodes":[]}}]}}}
        """#

    static let fulfillmentCreated = #"""
        {"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/99","status":"SUCCESS",
         "trackingInfo":[{"company":"UPS","number":"1Z9","url":"https://ups.example/1Z9"}]},"userErrors":[]}}
        """#

    static let fulfillmentClosed = #"""
        {"fulfillmentCreate":{"fulfillment":null,"userErrors":[{"field":["fulfillment","lineItemsByFulfillmentOrder"],
         "message":"Fulfillment order 1 has an unfulfillable status= closed."}]}}
        """#

    static let inventorySet = #"{"inventorySetQuantities":{"userErrors":[]}}"#

    static let inventoryStale = #"""
        {"inventorySetQuantities":{"userErrors":[{"code":"CHANGE_FROM_QUANTITY_STALE",
         "field":["input","quantities","0","changeFromQuantity"],"message":"The quantity has changed."}]}}
        """#

    /// The fact sheet's §7 sample, its id replaced by one past 2^53 in the line items.
    static let webhookOrder = #"""
        {"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","name":"#9999",
         "email":"jon@example.com","created_at":"2021-12-31T19:00:00-05:00","updated_at":"2021-12-31T19:00:05-05:00",
         "cancelled_at":null,"cancel_reason":null,"closed_at":null,"financial_status":"paid","fulfillment_status":null,
         "test":true,"tags":"tag1, tag2 ,,","currency":"USD","total_price":"398.00",
         "total_price_set":{"shop_money":{"amount":"398.00","currency_code":"USD"}},
         "line_items":[{"id":9007199254740993,"variant_id":9007199254740995,"sku":"IPOD2008PINK","quantity":2,
           "current_quantity":1,"fulfillable_quantity":1,"price":"199.00"},
          {"id":866550311766439020,"variant_id":null,"sku":null,"quantity":1,"current_quantity":1,
           "fulfillable_quantity":1,"price":"0.00"}],
         "shipping_address":{"first_name":"Steve","last_name":"Shipper","address1":"123 Shipping Street",
           "city":"Shippington","province":"Kentucky","province_code":"KY","zip":"40003","country":"United States",
           "country_code":"US","phone":"555-555-SHIP"}}
        """#
}
