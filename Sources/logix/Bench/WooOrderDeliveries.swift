import ArgumentParser
import Crypto
import Foundation
import NIOCore
import WooCommerce

/// Distinct WooCommerce `order.updated` deliveries, signed and headed as a store sends them, for loading a
/// receiver. Each body is a real WooCommerce 10 order as its webhook delivered it
/// (`../shared/woocommerce-samples/webhooks/65-webhook-delivery-order-updated-order384.json`, about 2.5 KB),
/// with its own order id, order key, dates, customer and line, so no two deliveries of a run (nor of two runs
/// started a second apart) are the same delivery to a receiver that deduplicates.
///
/// A delivery is written by copying one of 60 prepared bodies (one per customer, product and quantity) and
/// writing its own id, key and dates over fixed-width marks: the generator shares the machine with the receiver
/// it measures, and building each body by string interpolation cost it about as much CPU as `wrk` spends on a
/// whole request. ``readableBody(_:)`` says what a body is; the prepared ones are checked against it when made.
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
    private let key: SymmetricKey
    private let templates: [BodyTemplate]

    /// Deliveries starting at an order id and a second taken from the clock, so a run never repeats an earlier one.
    init(secret: String, source: String, now: Date = Date()) throws {
        self.secret = secret
        self.source = source
        self.key = SymmetricKey(data: Data(secret.utf8))
        let second = Int(now.timeIntervalSince1970)
        // Ids past any store's real ones, different for every second the run could start in, and all of twelve
        // digits (their line ids too), so they fit the prepared bodies' marks.
        self.firstOrderID = 100_000_000_000 + (second % 100_000) * 1_000_000
        self.firstSecond = second
        var templates: [BodyTemplate] = []
        for variant in 0..<Self.variants {
            templates.append(try BodyTemplate(Self.body(variant: variant, values: .marks)))
        }
        self.templates = templates
        for index in [0, 1, 59, 61, 1_234] {
            var written = ByteBuffer()
            _ = write(index, into: &written)
            guard String(buffer: written) == readableBody(index) else {
                throw ValidationError("the prepared body of delivery \(index) differs from the order it stands for")
            }
        }
    }

    /// The headers every delivery carries, as WooCommerce sends them; ``write(_:into:)`` gives the rest.
    var headers: [(name: String, value: String)] {
        [
            ("User-Agent", "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)"),
            ("Content-Type", "application/json"),
            ("X-WC-Webhook-Source", source),
            ("X-WC-Webhook-Topic", "order.updated"),
            ("X-WC-Webhook-Resource", "order"),
            ("X-WC-Webhook-Event", "updated"),
            ("X-WC-Webhook-ID", "\(webhookID)"),
        ]
    }

    /// Writes delivery `index`'s raw body into `buffer`; returns its signature and delivery id headers.
    func write(_ index: Int, into buffer: inout ByteBuffer) -> (signature: String, deliveryID: String) {
        let values = Values(index: index, firstOrderID: firstOrderID, firstSecond: firstSecond)
        let start = buffer.writerIndex
        templates[index % Self.variants].write(values, into: &buffer)
        // The readable bytes begin at the reader index; the body, at `start`.
        let signature = buffer.withUnsafeReadableBytes { bytes in
            let body = UnsafeRawBufferPointer(rebasing: bytes[(start - buffer.readerIndex)...])
            return Data(HMAC<SHA256>.authenticationCode(for: body, using: key)).base64EncodedString()
        }
        // As the store makes it: a hash of the webhook id and the second, shared by a second's deliveries.
        let deliveryID = Self.hex(Insecure.MD5.hash(data: Data("\(webhookID)\(values.modified)".utf8)))
        return (signature, deliveryID)
    }

    /// Delivery `index`'s body, written out field by field: what ``write(_:into:)`` writes, in readable form.
    func readableBody(_ index: Int) -> String {
        Self.body(
            variant: index % Self.variants,
            values: .text(Values(index: index, firstOrderID: firstOrderID, firstSecond: firstSecond)))
    }

    /// One delivery's own values.
    struct Values {
        let id: Int
        let modified: Int
        var created: Int { modified - 60 }
        var lineID: Int { id * 4 }
        /// WooCommerce's order key: `wc_order_` and 13 characters; here taken from a hash of the id.
        var key: String { String(WooOrderDeliveries.hex(SHA256.hash(data: Data("\(id)".utf8))).prefix(13)) }

        init(index: Int, firstOrderID: Int, firstSecond: Int) {
            id = firstOrderID + index
            modified = firstSecond + index
        }
    }

    /// The text a body has in place of each of a delivery's values: the values themselves, or the marks a
    /// ``BodyTemplate`` finds and writes over.
    private enum Fill {
        case text(Values)
        case marks

        func value(_ field: BodyTemplate.Field) -> String {
            switch self {
            case .marks: return BodyTemplate.mark(field)
            case .text(let values): return BodyTemplate.text(field, of: values)
            }
        }
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

    /// Customer, product and quantity repeat together every 60 deliveries.
    private static let variants = 60

    /// The order body: the recorded one, field for field, with variant `variant`'s customer, product and
    /// quantity, and a delivery's values (or marks in their place).
    private static func body(variant: Int, values: Fill) -> String {
        let customer = customers[variant % customers.count]
        let product = products[(variant / customers.count) % products.count]
        let quantity = 1 + variant % 3
        let subtotal = product.cents * quantity
        let tax = (subtotal * 7 + 50) / 100  // the store's reduced rate, rounded to the cent
        let id = values.value(.id)
        let (createdGMT, modifiedGMT) = (values.value(.createdGMT), values.value(.modifiedGMT))
        let (createdLocal, modifiedLocal) = (values.value(.createdLocal), values.value(.modifiedLocal))
        let key = "wc_order_" + values.value(.key)
        let (lineID, taxLineID, metaID) = (values.value(.lineID), values.value(.taxLineID), values.value(.metaID))
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
            "taxes":[{"id":2,"total":"\(taxText)","subtotal":"\(taxText)"}],"meta_data":[{"id":\(metaID),\
            "key":"_reduced_stock","value":"\(quantity)","display_key":"_reduced_stock",\
            "display_value":"\(quantity)"}],"sku":"\(product.sku)","price":\(price),"image":{"id":"","src":""},\
            "parent_name":null}],"tax_lines":[{"id":\(taxLineID),"rate_code":"DE-MWST. ERM\\u00e4\\u00dfIGT-1",\
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

    private static func money(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Lower-case hex, written by hand: `String(format:)` per byte was a third of the generator's CPU.
    fileprivate static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
