/// What encoders need besides the resource: URLs, the store's time zone and a snapshot of the catalog
/// (line items show the product's current SKU; variations show their parent's name and stock).
struct RenderContext: Sendable {
    let homeURL: String
    let time: StoreTime
    let products: [Int: SimProduct]

    var apiRoot: String { self.homeURL + "/wp-json/wc/v3" }

    /// The SKU WooCommerce shows for a product or variation id (`view` context: a variation without its own
    /// SKU shows its parent's), or nil when the product no longer exists.
    func sku(of id: Int) -> String? {
        guard id != 0, let product = self.products[id] else { return nil }
        if product.sku.isEmpty, product.kind == .variation, let parent = self.products[product.parentId] {
            return parent.sku
        }
        return product.sku
    }

    /// Writes `"date_x": local, …` pairs as WooCommerce does: local time without offset.
    func localDate(_ seconds: Int64?) -> Int64? {
        seconds.map { self.time.local($0) }
    }
}

extension JSONWriter {
    /// `{"self": [{"href": …, "targetHints": {"allow": […]}}], "collection": [{"href": …}], …}`.
    mutating func links(
        selfHref: String, allow: [String], collection: String,
        extra: [(name: String, href: String, embeddable: Bool)] = []
    ) {
        self.beginObject()
        self.key("self")
        self.beginArray()
        self.beginObject()
        self.key("href")
        self.string(selfHref)
        self.key("targetHints")
        self.beginObject()
        self.key("allow")
        self.stringArray(allow)
        self.endObject()
        self.endObject()
        self.endArray()
        self.key("collection")
        self.beginArray()
        self.beginObject()
        self.key("href")
        self.string(collection)
        self.endObject()
        self.endArray()
        for link in extra {
            self.key(link.name)
            self.beginArray()
            self.beginObject()
            if link.embeddable {
                self.key("embeddable")
                self.bool(true)
            }
            self.key("href")
            self.string(link.href)
            self.endObject()
            self.endArray()
        }
        self.endObject()
    }

    static let allowAll = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    mutating func address(_ address: WooSimAddress, withEmail: Bool, customerOrder: Bool = false) {
        self.beginObject()
        self.key("first_name")
        self.string(address.firstName)
        self.key("last_name")
        self.string(address.lastName)
        self.key("company")
        self.string(address.company)
        self.key("address_1")
        self.string(address.address1)
        self.key("address_2")
        self.string(address.address2)
        self.key("city")
        self.string(address.city)
        if customerOrder {
            // Customers list postcode, country, state in this order.
            self.key("postcode")
            self.string(address.postcode)
            self.key("country")
            self.string(address.country)
            self.key("state")
            self.string(address.state)
        } else {
            self.key("state")
            self.string(address.state)
            self.key("postcode")
            self.string(address.postcode)
            self.key("country")
            self.string(address.country)
        }
        if withEmail {
            self.key("email")
            self.string(address.email)
        }
        self.key("phone")
        self.string(address.phone)
        self.endObject()
    }

    mutating func meta(_ entries: [SimMeta]) {
        self.beginArray()
        for entry in entries {
            self.beginObject()
            self.key("id")
            self.int(entry.id)
            self.key("key")
            self.string(entry.key)
            self.key("value")
            entry.value.write(to: &self)
            self.endObject()
        }
        self.endArray()
    }

    mutating func taxShares(_ shares: [SimOrder.TaxShare]) {
        self.beginArray()
        for share in shares {
            self.beginObject()
            self.key("id")
            self.int(share.rateId)
            self.key("total")
            self.money(share.total)
            self.key("subtotal")
            if let subtotal = share.subtotal { self.money(subtotal) } else { self.string("") }
            self.endObject()
        }
        self.endArray()
    }
}
