import Crypto
import Foundation
import WooCommerce

/// Distinct WooCommerce `order.updated` deliveries, signed and headed as a store sends them, for loading a
/// receiver. Each body is a real WooCommerce 10 order as its webhook delivered it
/// (`../shared/woocommerce-samples/webhooks/65-webhook-delivery-order-updated-order384.json`, about 2.5 KB),
/// with its own order id, order key, dates, customer and line, so no two deliveries of a run (nor of two runs
/// started a second apart) are the same delivery to a receiver that deduplicates.
struct WooOrderDeliveries: Sendable {
    /// The webhook's secret: the signature is base64 HMAC-SHA256 of the raw body with it.
    let secret: String
    /// The store's home URL with a trailing slash (`X-WC-Webhook-Source`).
    let source: String
    /// The first order's id; delivery `n` is for order `firstOrderID + n`.
    let firstOrderID: Int
    /// The unix second of the first order's last change; delivery `n`'s is `n` seconds later.
    let firstSecond: Int
    let webhookID = 3

    /// Deliveries starting at an order id and a second taken from the clock, so a run never repeats an earlier one.
    init(secret: String, source: String, now: Date = Date()) {
        self.secret = secret
        self.source = source
        let second = Int(now.timeIntervalSince1970)
        // Ids past any store's real ones, different for every second the run could start in.
        self.firstOrderID = 10_000_000 + (second % 100_000) * 1_000_000
        self.firstSecond = second
    }

    /// One delivery: the request's `X-WC-Webhook-*` and other headers WooCommerce sends, and the raw body.
    func delivery(_ index: Int) -> (headers: [(name: String, value: String)], body: [UInt8]) {
        let body = Array(orderBody(index).utf8)
        let second = firstSecond + index
        let headers: [(name: String, value: String)] = [
            ("User-Agent", "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)"),
            ("Content-Type", "application/json"),
            ("X-WC-Webhook-Source", source),
            ("X-WC-Webhook-Topic", "order.updated"),
            ("X-WC-Webhook-Resource", "order"),
            ("X-WC-Webhook-Event", "updated"),
            ("X-WC-Webhook-Signature", WooWebhookSignature.sign(body: body, secret: secret)),
            ("X-WC-Webhook-ID", "\(webhookID)"),
            // As the store makes it: a hash of the webhook id and the second, shared by a second's deliveries.
            ("X-WC-Webhook-Delivery-ID", Self.hex(Insecure.MD5.hash(data: Data("\(webhookID)\(second)".utf8)))),
        ]
        return (headers, body)
    }

    private struct Customer {
        let first, last, street, city, postcode, country: String
    }

    private struct Product {
        let id: Int
        let name, sku: String
        let cents: Int
    }

    private static let customers = [
        Customer(
            first: "Zo\\u00eb", last: "M\\u00fcller", street: "Sch\\u00f6nhauser Allee 12", city: "Berlin",
            postcode: "10119", country: "DE"),
        Customer(
            first: "Jonas", last: "Weber", street: "Hauptstra\\u00dfe 5", city: "Hamburg", postcode: "20095",
            country: "DE"),
        Customer(
            first: "Ada", last: "Lovelace", street: "1 Bench Road", city: "London", postcode: "N1 1AA", country: "GB"),
        Customer(
            first: "L\\u00e9a", last: "Dubois", street: "8 rue de la Paix", city: "Paris", postcode: "75002",
            country: "FR"),
        Customer(
            first: "Sanne", last: "de Vries", street: "Prinsengracht 263", city: "Amsterdam", postcode: "1016 GV",
            country: "NL"),
    ]

    private static let products = [
        Product(id: 75, name: "Sencha Green Tea 100g", sku: "TEA-SEN-100", cents: 890),
        Product(id: 76, name: "Earl Grey 100g", sku: "TEA-EGR-100", cents: 750),
        Product(id: 80, name: "Rooibos Vanilla 250g", sku: "TEA-ROO-250", cents: 1_290),
        Product(id: 91, name: "Matcha Ceremonial 30g", sku: "TEA-MAT-030", cents: 2_450),
    ]

    /// The order body: the recorded one, field for field, with this delivery's values.
    private func orderBody(_ index: Int) -> String {
        let id = firstOrderID + index
        let customer = Self.customers[index % Self.customers.count]
        let product = Self.products[(index / Self.customers.count) % Self.products.count]
        let quantity = 1 + index % 3
        let subtotal = product.cents * quantity
        let tax = (subtotal * 7 + 50) / 100  // the store's reduced rate, rounded to the cent
        let modified = firstSecond + index
        let created = modified - 60
        // The store's time zone is Europe/Berlin: local dates an hour ahead of the GMT ones (in winter).
        let (createdGMT, modifiedGMT) = (Self.date(created), Self.date(modified))
        let (createdLocal, modifiedLocal) = (Self.date(created + 3600), Self.date(modified + 3600))
        let key = "wc_order_" + Self.hex(SHA256.hash(data: Data("\(id)".utf8))).prefix(13)
        let lineID = id * 4
        let (money, subtotalText, taxText) = (Self.money, Self.money(subtotal), Self.money(tax))
        let price = Double(product.cents) / 100
        return """
            {"id":\(id),"parent_id":0,"status":"processing","currency":"EUR","version":"10.0.2",\
            "prices_include_tax":false,"date_created":"\(createdLocal)","date_modified":"\(modifiedLocal)",\
            "discount_total":"0.00","discount_tax":"0.00","shipping_total":"0.00","shipping_tax":"0.00",\
            "cart_tax":"\(taxText)","total":"\(money(subtotal + tax))","total_tax":"\(taxText)","customer_id":0,\
            "order_key":"\(key)","billing":{"first_name":"\(customer.first)","last_name":"\(customer.last)",\
            "company":"","address_1":"\(customer.street)","address_2":"","city":"\(customer.city)","state":"",\
            "postcode":"\(customer.postcode)","country":"\(customer.country)",\
            "email":"customer\(id)@example.test","phone":""},"shipping":{"first_name":"","last_name":"",\
            "company":"","address_1":"","address_2":"","city":"","state":"","postcode":"","country":"","phone":""},\
            "payment_method":"bacs","payment_method_title":"Direct bank transfer","transaction_id":"",\
            "customer_ip_address":"","customer_user_agent":"","created_via":"checkout","customer_note":"",\
            "date_completed":null,"date_paid":"\(createdLocal)","cart_hash":"","number":"\(id)","meta_data":[],\
            "line_items":[{"id":\(lineID),"name":"\(product.name)","product_id":\(product.id),"variation_id":0,\
            "quantity":\(quantity),"tax_class":"reduced-rate","subtotal":"\(subtotalText)",\
            "subtotal_tax":"\(taxText)","total":"\(subtotalText)","total_tax":"\(taxText)",\
            "taxes":[{"id":2,"total":"\(taxText)","subtotal":"\(taxText)"}],"meta_data":[{"id":\(lineID + 2),\
            "key":"_reduced_stock","value":"\(quantity)","display_key":"_reduced_stock",\
            "display_value":"\(quantity)"}],"sku":"\(product.sku)","price":\(price),"image":{"id":"","src":""},\
            "parent_name":null}],"tax_lines":[{"id":\(lineID + 1),"rate_code":"DE-MWST. ERM\\u00e4\\u00dfIGT-1",\
            "rate_id":2,"label":"MwSt. erm\\u00e4\\u00dfigt","compound":false,"tax_total":"\(taxText)",\
            "shipping_tax_total":"0.00","rate_percent":7,"meta_data":[]}],"shipping_lines":[],"fee_lines":[],\
            "coupon_lines":[],"refunds":[],"payment_url":"https:\\/\\/shop.example.test\\/checkout\\/order-pay\\/\
            \(id)\\/?pay_for_order=true&key=\(key)","is_editable":false,"needs_payment":false,\
            "needs_processing":true,"date_created_gmt":"\(createdGMT)","date_modified_gmt":"\(modifiedGMT)",\
            "date_completed_gmt":null,"date_paid_gmt":"\(createdGMT)","currency_symbol":"\\u20ac",\
            "_links":{"self":[{"href":"https:\\/\\/shop.example.test\\/wp-json\\/wc\\/v3\\/orders\\/\(id)",\
            "targetHints":{"allow":["GET","POST","PUT","PATCH","DELETE"]}}],\
            "collection":[{"href":"https:\\/\\/shop.example.test\\/wp-json\\/wc\\/v3\\/orders"}],\
            "email_templates":[{"embeddable":true,\
            "href":"https:\\/\\/shop.example.test\\/wp-json\\/wc\\/v3\\/orders\\/\(id)\\/actions\\/email_templates"}]}}
            """
    }

    /// `2026-11-24T22:02:18`: WooCommerce's dates, without a zone.
    private static func date(_ second: Int) -> String {
        String(Date(timeIntervalSince1970: TimeInterval(second)).ISO8601Format().dropLast())
    }

    private static func money(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Lower-case hex, written by hand: `String(format:)` per byte was a third of the generator's CPU.
    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
