/// Writes orders, order notes and refunds exactly as WooCommerce 10 shapes them (field order included).
enum OrderEncoder {
    static func write(_ order: SimOrder, to w: inout JSONWriter, context: RenderContext) {
        let time = context.time
        w.beginObject()
        if w.field("id") { w.int(order.id) }
        if w.field("parent_id") { w.int(0) }
        if w.field("status") { w.string(order.status) }
        if w.field("currency") { w.string("EUR") }
        if w.field("version") { w.string("10.0.2") }
        if w.field("prices_include_tax") { w.bool(false) }
        if w.field("date_created") { w.date(time.local(order.dateCreated)) }
        if w.field("date_modified") { w.date(time.local(order.dateModified)) }
        if w.field("discount_total") { w.money(order.discountTotal) }
        if w.field("discount_tax") { w.money(order.discountTax) }
        if w.field("shipping_total") { w.money(order.shippingTotal) }
        if w.field("shipping_tax") { w.money(order.shippingTax) }
        if w.field("cart_tax") { w.money(order.cartTax) }
        if w.field("total") { w.money(order.total) }
        if w.field("total_tax") { w.money(order.totalTax) }
        if w.field("customer_id") { w.int(order.customerId) }
        if w.field("order_key") { w.string(order.orderKey) }
        if w.field("billing") { w.address(order.billing, withEmail: true) }
        if w.field("shipping") { w.address(order.shipping, withEmail: false) }
        if w.field("payment_method") { w.string(order.paymentMethod) }
        if w.field("payment_method_title") { w.string(order.paymentMethodTitle) }
        if w.field("transaction_id") { w.string(order.transactionId) }
        if w.field("customer_ip_address") { w.string(order.customerIPAddress) }
        if w.field("customer_user_agent") { w.string(order.customerUserAgent) }
        if w.field("created_via") { w.string(order.createdVia) }
        if w.field("customer_note") { w.string(order.customerNote) }
        if w.field("date_completed") { w.date(context.localDate(order.dateCompleted)) }
        if w.field("date_paid") { w.date(context.localDate(order.datePaid)) }
        if w.field("cart_hash") { w.string("") }
        if w.field("number") { w.string(String(order.id)) }
        if w.field("meta_data") { w.meta(order.meta) }
        if w.field("line_items") {
            w.beginArray()
            for line in order.lineItems { self.write(line, to: &w, context: context) }
            w.endArray()
        }
        if w.field("tax_lines") {
            w.beginArray()
            for line in order.taxLines {
                w.beginObject()
                w.key("id")
                w.int(line.id)
                w.key("rate_code")
                w.string(line.rate.code)
                w.key("rate_id")
                w.int(line.rate.id)
                w.key("label")
                w.string(line.rate.label)
                w.key("compound")
                w.bool(false)
                w.key("tax_total")
                w.money(line.taxTotal)
                w.key("shipping_tax_total")
                w.money(line.shippingTaxTotal)
                w.key("rate_percent")
                w.int(line.rate.percent)
                w.key("meta_data")
                w.raw("[]")
                w.endObject()
            }
            w.endArray()
        }
        if w.field("shipping_lines") {
            w.beginArray()
            for line in order.shippingLines {
                w.beginObject()
                w.key("id")
                w.int(line.id)
                w.key("method_title")
                w.string(line.methodTitle)
                w.key("method_id")
                w.string(line.methodId)
                w.key("instance_id")
                w.string(line.instanceId)
                w.key("total")
                w.money(line.total)
                w.key("total_tax")
                w.money(line.totalTax)
                w.key("taxes")
                w.taxShares(line.taxes)
                w.key("tax_status")
                w.string("taxable")
                w.key("meta_data")
                w.raw("[]")
                w.endObject()
            }
            w.endArray()
        }
        if w.field("fee_lines") {
            w.beginArray()
            for line in order.feeLines {
                w.beginObject()
                w.key("id")
                w.int(line.id)
                w.key("name")
                w.string(line.name)
                w.key("tax_class")
                w.string("")
                w.key("tax_status")
                w.string(line.taxStatus)
                w.key("amount")
                w.string("")
                w.key("total")
                w.money(line.total)
                w.key("total_tax")
                w.money(line.totalTax)
                w.key("taxes")
                w.taxShares(line.taxes)
                w.key("meta_data")
                w.raw("[]")
                w.endObject()
            }
            w.endArray()
        }
        if w.field("coupon_lines") {
            w.beginArray()
            for line in order.couponLines {
                let info = "[\(line.couponId),\"\(line.code)\",\"\(line.discountType)\",\(line.nominalAmount)]"
                w.beginObject()
                w.key("id")
                w.int(line.id)
                w.key("code")
                w.string(line.code)
                w.key("discount")
                w.trimmedMoney(line.discount)
                w.key("discount_tax")
                w.trimmedMoney(line.discountTax)
                w.key("meta_data")
                w.beginArray()
                w.beginObject()
                w.key("id")
                w.int(line.metaId)
                w.key("key")
                w.string("coupon_info")
                w.key("value")
                w.string(info)
                w.key("display_key")
                w.string("coupon_info")
                w.key("display_value")
                w.string(info)
                w.endObject()
                w.endArray()
                w.key("discount_type")
                w.string(line.discountType)
                w.key("nominal_amount")
                w.int(line.nominalAmount)
                w.key("free_shipping")
                w.bool(false)
                w.endObject()
            }
            w.endArray()
        }
        if w.field("refunds") {
            w.beginArray()
            for refund in order.refunds {
                w.beginObject()
                w.key("id")
                w.int(refund.id)
                w.key("reason")
                w.string(refund.reason)
                w.key("total")
                w.money(-refund.amount)
                w.endObject()
            }
            w.endArray()
        }
        if w.field("payment_url") {
            w.string("\(context.homeURL)/checkout/order-pay/\(order.id)/?pay_for_order=true&key=\(order.orderKey)")
        }
        if w.field("is_editable") { w.bool(order.isEditable) }
        if w.field("needs_payment") { w.bool(order.needsPayment) }
        if w.field("needs_processing") { w.bool(true) }
        if w.field("date_created_gmt") { w.date(order.dateCreated) }
        if w.field("date_modified_gmt") { w.date(order.dateModified) }
        if w.field("date_completed_gmt") { w.date(order.dateCompleted) }
        if w.field("date_paid_gmt") { w.date(order.datePaid) }
        if w.field("currency_symbol") { w.string("€") }
        if w.field("_links") {
            var extra: [(name: String, href: String, embeddable: Bool)] = [
                ("email_templates", "\(context.apiRoot)/orders/\(order.id)/actions/email_templates", true)
            ]
            if order.customerId != 0 {
                extra.append(("customer", "\(context.apiRoot)/customers/\(order.customerId)", false))
            }
            w.links(
                selfHref: "\(context.apiRoot)/orders/\(order.id)", allow: JSONWriter.allowAll,
                collection: "\(context.apiRoot)/orders", extra: extra)
        }
        w.endObject()
    }

    private static func write(_ line: SimOrder.LineItem, to w: inout JSONWriter, context: RenderContext) {
        w.beginObject()
        w.key("id")
        w.int(line.id)
        w.key("name")
        w.string(line.name)
        w.key("product_id")
        w.int(line.productId)
        w.key("variation_id")
        w.int(line.variationId)
        w.key("quantity")
        w.int(line.quantity)
        w.key("tax_class")
        w.string(line.taxClass)
        w.key("subtotal")
        w.money(line.subtotal)
        w.key("subtotal_tax")
        w.money(line.subtotalTax)
        w.key("total")
        w.money(line.total)
        w.key("total_tax")
        w.money(line.totalTax)
        w.key("taxes")
        w.taxShares(line.taxes)
        w.key("meta_data")
        w.beginArray()
        for meta in line.meta {
            w.beginObject()
            w.key("id")
            w.int(meta.id)
            w.key("key")
            w.string(meta.key)
            w.key("value")
            w.string(meta.value)
            w.key("display_key")
            w.string(meta.displayKey)
            w.key("display_value")
            w.string(meta.displayValue)
            w.endObject()
        }
        w.endArray()
        w.key("sku")
        w.string(context.sku(of: line.variationId != 0 ? line.variationId : line.productId))
        w.key("price")
        // WooCommerce divides the line total by the quantity in PHP floats: 74.70 / 3 = 24.900000000000002.
        w.double(line.quantity == 0 ? 0 : (Double(line.total) / 100) / Double(line.quantity))
        w.key("image")
        w.beginObject()
        w.key("id")
        if line.variationId != 0 { w.int(0) } else { w.string("") }
        w.key("src")
        w.string("")
        w.endObject()
        w.key("parent_name")
        w.string(line.parentName)
        w.endObject()
    }

    static func write(note: SimOrderNote, orderId: Int, to w: inout JSONWriter, context: RenderContext) {
        w.beginObject()
        if w.field("id") { w.int(note.id) }
        if w.field("author") { w.string(note.author) }
        if w.field("date_created") { w.date(context.time.local(note.date)) }
        if w.field("date_created_gmt") { w.date(note.date) }
        if w.field("note") { w.string(note.note) }
        if w.field("customer_note") { w.bool(note.isCustomerNote) }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/orders/\(orderId)/notes/\(note.id)", allow: ["GET", "DELETE"],
                collection: "\(context.apiRoot)/orders/\(orderId)/notes",
                extra: [("up", "\(context.apiRoot)/orders/\(orderId)", false)])
        }
        w.endObject()
    }

    static func write(refund: SimOrder.Refund, orderId: Int, to w: inout JSONWriter, context: RenderContext) {
        w.beginObject()
        if w.field("id") { w.int(refund.id) }
        if w.field("date_created") { w.date(context.time.local(refund.date)) }
        if w.field("date_created_gmt") { w.date(refund.date) }
        if w.field("amount") { w.money(refund.amount) }
        if w.field("reason") { w.string(refund.reason) }
        if w.field("refunded_by") { w.int(1) }
        if w.field("refunded_payment") { w.bool(false) }
        if w.field("meta_data") { w.raw("[]") }
        if w.field("line_items") {
            w.beginArray()
            for line in refund.lines { write(line, to: &w, context: context) }
            w.endArray()
        }
        if w.field("shipping_lines") { w.raw("[]") }
        if w.field("tax_lines") { w.raw("[]") }
        if w.field("fee_lines") { w.raw("[]") }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/orders/\(orderId)/refunds/\(refund.id)", allow: ["GET", "DELETE"],
                collection: "\(context.apiRoot)/orders/\(orderId)/refunds",
                extra: [("up", "\(context.apiRoot)/orders/\(orderId)", false)])
        }
        w.endObject()
    }
}
