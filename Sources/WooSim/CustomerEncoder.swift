/// Writes customers as `GET /customers` does.
enum CustomerEncoder {
    static func write(_ customer: SimCustomer, to w: inout JSONWriter, context: RenderContext) {
        w.beginObject()
        if w.field("id") { w.int(customer.id) }
        if w.field("date_created") { w.date(context.time.local(customer.dateCreated)) }
        if w.field("date_created_gmt") { w.date(customer.dateCreated) }
        if w.field("date_modified") { w.date(context.time.local(customer.dateModified)) }
        if w.field("date_modified_gmt") { w.date(customer.dateModified) }
        if w.field("email") { w.string(customer.email) }
        if w.field("first_name") { w.string(customer.firstName) }
        if w.field("last_name") { w.string(customer.lastName) }
        if w.field("role") { w.string("customer") }
        if w.field("username") { w.string(customer.username) }
        if w.field("billing") { w.address(customer.billing, withEmail: true, customerOrder: true) }
        if w.field("shipping") { w.address(customer.shipping, withEmail: false, customerOrder: true) }
        if w.field("is_paying_customer") { w.bool(customer.isPayingCustomer) }
        if w.field("avatar_url") {
            w.string("https://secure.gravatar.com/avatar/\(customer.avatarHash)?s=96&d=mm&r=g")
        }
        if w.field("meta_data") { w.raw("[]") }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/customers/\(customer.id)", allow: JSONWriter.allowAll,
                collection: "\(context.apiRoot)/customers")
        }
        w.endObject()
    }
}

/// Writes webhooks as `GET /webhooks` does (never the secret).
enum WebhookEncoder {
    static func write(_ webhook: SimWebhook, to w: inout JSONWriter, context: RenderContext) {
        w.beginObject()
        if w.field("id") { w.int(webhook.id) }
        if w.field("name") { w.string(webhook.name) }
        if w.field("status") { w.string(webhook.status) }
        if w.field("topic") { w.string(webhook.topic) }
        if w.field("resource") { w.string(webhook.resource) }
        if w.field("event") { w.string(webhook.event) }
        if w.field("hooks") { w.stringArray(webhook.hooks) }
        if w.field("delivery_url") { w.string(webhook.deliveryURL) }
        if w.field("date_created") { w.date(context.time.local(webhook.dateCreated)) }
        if w.field("date_created_gmt") { w.date(webhook.dateCreated) }
        if w.field("date_modified") { w.date(context.localDate(webhook.dateModified)) }
        if w.field("date_modified_gmt") { w.date(webhook.dateModified) }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/webhooks/\(webhook.id)", allow: JSONWriter.allowAll,
                collection: "\(context.apiRoot)/webhooks")
        }
        w.endObject()
    }
}
