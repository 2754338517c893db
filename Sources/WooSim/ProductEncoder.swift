/// Writes products and variations in WooCommerce's two shapes: the product shape (`/products`, which also
/// returns variations for `sku=` lookups) and the variation shape (`/products/{id}/variations`).
enum ProductEncoder {
    static func stockStatus(_ product: SimProduct, context: RenderContext) -> String {
        switch product.stock {
        case .managed:
            return self.status(quantity: product.stockQuantity ?? 0, backorders: product.backorders)
        case .parent:
            guard let parent = context.products[product.parentId] else { return "instock" }
            return self.status(quantity: parent.stockQuantity ?? 0, backorders: parent.backorders)
        case .unmanaged:
            return product.manualStockStatus
        }
    }

    static func status(quantity: Int, backorders: String) -> String {
        quantity > 0 ? "instock" : (backorders == "no" ? "outofstock" : "onbackorder")
    }

    static func stockQuantity(_ product: SimProduct, context: RenderContext) -> Int? {
        switch product.stock {
        case .managed: return product.stockQuantity
        case .parent: return context.products[product.parentId]?.stockQuantity
        case .unmanaged: return nil
        }
    }

    private static func writeManageStock(_ product: SimProduct, to w: inout JSONWriter) {
        switch product.stock {
        case .managed: w.bool(true)
        case .unmanaged: w.bool(false)
        case .parent: w.string("parent")
        }
    }

    private static func priceHTML(_ cents: Int?) -> String {
        guard let cents else { return "" }
        return "<span class=\"woocommerce-Price-amount amount\"><bdi>\(JSONWriter.money(cents))&nbsp;"
            + "<span class=\"woocommerce-Price-currencySymbol\">&euro;</span></bdi></span>"
    }

    private static func variablePrice(_ product: SimProduct, context: RenderContext) -> Int? {
        product.variationIds.compactMap { context.products[$0]?.price }.min()
    }

    private static func permalink(_ product: SimProduct, context: RenderContext) -> String {
        guard product.kind == .variation, let parent = context.products[product.parentId] else {
            return "\(context.homeURL)/product/\(product.slug)/"
        }
        let query = product.attributes.map { attribute in
            let option = attribute.options.first ?? ""
            let value = attribute.slug.hasPrefix("pa_") ? option.lowercased() : option
            return "attribute_\(attribute.slug)=\(PHPParameters.rawURLEncode(value))"
        }
        return "\(context.homeURL)/product/\(parent.slug)/?\(query.joined(separator: "&"))"
    }

    private static func writeVariationAttributes(_ product: SimProduct, to w: inout JSONWriter) {
        w.beginArray()
        for attribute in product.attributes {
            w.beginObject()
            w.key("id")
            w.int(attribute.id)
            w.key("name")
            w.string(attribute.name)
            w.key("slug")
            w.string(attribute.slug)
            w.key("option")
            w.string(attribute.options.first ?? "")
            w.endObject()
        }
        w.endArray()
    }

    private static func writeDimensions(to w: inout JSONWriter) {
        w.raw("{\"length\":\"\",\"width\":\"\",\"height\":\"\"}")
    }

    /// The product shape (`GET /products`, `/products/{id}`, product webhooks).
    static func writeProduct(_ product: SimProduct, to w: inout JSONWriter, context: RenderContext) {
        let time = context.time
        let isVariation = product.kind == .variation
        let parent = isVariation ? context.products[product.parentId] : nil
        let price = product.kind == .variable ? self.variablePrice(product, context: context) : product.price
        w.beginObject()
        if w.field("id") { w.int(product.id) }
        if w.field("name") {
            w.string(isVariation ? "\(parent?.name ?? product.name) - \(product.attributeSummary)" : product.name)
        }
        if w.field("slug") { w.string(product.slug) }
        if w.field("permalink") { w.string(self.permalink(product, context: context)) }
        if w.field("date_created") { w.date(time.local(product.dateCreated)) }
        if w.field("date_created_gmt") { w.date(product.dateCreated) }
        if w.field("date_modified") { w.date(time.local(product.dateModified)) }
        if w.field("date_modified_gmt") { w.date(product.dateModified) }
        if w.field("type") { w.string(product.kind.rawValue) }
        if w.field("status") { w.string(product.status) }
        if w.field("featured") { w.bool(false) }
        if w.field("catalog_visibility") { w.string("visible") }
        if w.field("description") {
            w.string(isVariation ? "" : "<p>\(product.name) – roasted &amp; packed in Berlin.</p>\n")
        }
        if w.field("short_description") { w.string(isVariation ? "" : "<p>\(product.name)</p>\n") }
        if w.field("sku") { w.string(context.sku(of: product.id) ?? "") }
        if w.field("price") { w.string(price.map(JSONWriter.money) ?? "") }
        if w.field("regular_price") { w.string(product.regularPrice.map(JSONWriter.money) ?? "") }
        if w.field("sale_price") { w.string(product.salePrice.map(JSONWriter.money) ?? "") }
        if w.field("date_on_sale_from") { w.null() }
        if w.field("date_on_sale_from_gmt") { w.null() }
        if w.field("date_on_sale_to") { w.null() }
        if w.field("date_on_sale_to_gmt") { w.null() }
        if w.field("on_sale") { w.bool(product.salePrice != nil) }
        if w.field("purchasable") { w.bool(price != nil) }
        if w.field("total_sales") {
            if isVariation { w.string(String(product.totalSales)) } else { w.int(product.totalSales) }
        }
        if w.field("virtual") { w.bool(product.weight.isEmpty && product.kind == .simple) }
        if w.field("downloadable") { w.bool(false) }
        if w.field("downloads") { w.raw("[]") }
        if w.field("download_limit") { w.int(-1) }
        if w.field("download_expiry") { w.int(-1) }
        if w.field("external_url") { w.string("") }
        if w.field("button_text") { w.string("") }
        if w.field("tax_status") { w.string("taxable") }
        if w.field("tax_class") { w.string(product.taxClass) }
        if w.field("manage_stock") { self.writeManageStock(product, to: &w) }
        if w.field("stock_quantity") {
            if let quantity = self.stockQuantity(product, context: context) { w.int(quantity) } else { w.null() }
        }
        if w.field("backorders") { w.string(product.backorders) }
        if w.field("backorders_allowed") { w.bool(product.backorders != "no") }
        if w.field("backordered") { w.bool((self.stockQuantity(product, context: context) ?? 1) < 0) }
        if w.field("low_stock_amount") { w.null() }
        if w.field("sold_individually") { w.bool(false) }
        if w.field("weight") { w.string(product.weight) }
        if w.field("dimensions") { self.writeDimensions(to: &w) }
        if w.field("shipping_required") { w.bool(!product.weight.isEmpty || product.kind == .variable) }
        if w.field("shipping_taxable") { w.bool(true) }
        if w.field("shipping_class") { w.string("") }
        if w.field("shipping_class_id") { w.int(0) }
        if w.field("reviews_allowed") { w.bool(!isVariation) }
        if w.field("average_rating") { w.string("0.00") }
        if w.field("rating_count") { w.int(0) }
        if w.field("upsell_ids") { w.raw("[]") }
        if w.field("cross_sell_ids") { w.raw("[]") }
        if w.field("parent_id") { w.int(product.parentId) }
        if w.field("purchase_note") { w.string("") }
        if w.field("categories") {
            w.beginArray()
            for category in product.categories {
                w.beginObject()
                w.key("id")
                w.int(category.id)
                w.key("name")
                w.string(category.name)
                w.key("slug")
                w.string(category.slug)
                w.endObject()
            }
            w.endArray()
        }
        if w.field("brands") { w.raw("[]") }
        if w.field("tags") { w.raw("[]") }
        if w.field("images") { w.raw("[]") }
        if w.field("attributes") {
            if isVariation {
                self.writeVariationAttributes(product, to: &w)
            } else {
                w.beginArray()
                for attribute in product.attributes {
                    w.beginObject()
                    w.key("id")
                    w.int(attribute.id)
                    w.key("name")
                    w.string(attribute.name)
                    w.key("slug")
                    w.string(attribute.slug)
                    w.key("position")
                    w.int(0)
                    w.key("visible")
                    w.bool(true)
                    w.key("variation")
                    w.bool(true)
                    w.key("options")
                    w.stringArray(attribute.options)
                    w.endObject()
                }
                w.endArray()
            }
        }
        if w.field("default_attributes") { w.raw("[]") }
        if w.field("variations") { w.intArray(product.variationIds) }
        if w.field("grouped_products") { w.raw("[]") }
        if w.field("menu_order") { w.int(0) }
        if w.field("price_html") { w.string(self.priceHTML(price)) }
        if w.field("related_ids") { w.raw("[]") }
        if w.field("meta_data") { w.meta(product.meta) }
        if w.field("stock_status") { w.string(self.stockStatus(product, context: context)) }
        if w.field("has_options") { w.bool(product.kind == .variable) }
        if w.field("post_password") { w.string("") }
        if w.field("global_unique_id") { w.string("") }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/products/\(product.id)", allow: JSONWriter.allowAll,
                collection: "\(context.apiRoot)/products",
                extra: isVariation ? [("up", "\(context.apiRoot)/products/\(product.parentId)", false)] : [])
        }
        w.endObject()
    }

    /// The variation shape (`GET /products/{pid}/variations[/{id}]`, variation batches).
    static func writeVariation(_ product: SimProduct, to w: inout JSONWriter, context: RenderContext) {
        let time = context.time
        w.beginObject()
        if w.field("id") { w.int(product.id) }
        if w.field("type") { w.string("variation") }
        if w.field("date_created") { w.date(time.local(product.dateCreated)) }
        if w.field("date_created_gmt") { w.date(product.dateCreated) }
        if w.field("date_modified") { w.date(time.local(product.dateModified)) }
        if w.field("date_modified_gmt") { w.date(product.dateModified) }
        if w.field("description") { w.string("") }
        if w.field("permalink") { w.string(self.permalink(product, context: context)) }
        if w.field("sku") { w.string(context.sku(of: product.id) ?? "") }
        if w.field("global_unique_id") { w.string("") }
        if w.field("price") { w.string(product.price.map(JSONWriter.money) ?? "") }
        if w.field("regular_price") { w.string(product.regularPrice.map(JSONWriter.money) ?? "") }
        if w.field("sale_price") { w.string(product.salePrice.map(JSONWriter.money) ?? "") }
        if w.field("date_on_sale_from") { w.null() }
        if w.field("date_on_sale_from_gmt") { w.null() }
        if w.field("date_on_sale_to") { w.null() }
        if w.field("date_on_sale_to_gmt") { w.null() }
        if w.field("on_sale") { w.bool(product.salePrice != nil) }
        if w.field("status") { w.string(product.status) }
        if w.field("purchasable") { w.bool(product.price != nil) }
        if w.field("virtual") { w.bool(false) }
        if w.field("downloadable") { w.bool(false) }
        if w.field("downloads") { w.raw("[]") }
        if w.field("download_limit") { w.int(-1) }
        if w.field("download_expiry") { w.int(-1) }
        if w.field("tax_status") { w.string("taxable") }
        if w.field("tax_class") { w.string(product.taxClass) }
        if w.field("manage_stock") { self.writeManageStock(product, to: &w) }
        if w.field("stock_quantity") {
            if let quantity = self.stockQuantity(product, context: context) { w.int(quantity) } else { w.null() }
        }
        if w.field("stock_status") { w.string(self.stockStatus(product, context: context)) }
        if w.field("backorders") { w.string(product.backorders) }
        if w.field("backorders_allowed") { w.bool(product.backorders != "no") }
        if w.field("backordered") { w.bool((self.stockQuantity(product, context: context) ?? 1) < 0) }
        if w.field("low_stock_amount") { w.null() }
        if w.field("weight") { w.string(product.weight) }
        if w.field("dimensions") { self.writeDimensions(to: &w) }
        if w.field("shipping_class") { w.string("") }
        if w.field("shipping_class_id") { w.int(0) }
        if w.field("image") { w.null() }
        if w.field("attributes") { self.writeVariationAttributes(product, to: &w) }
        if w.field("menu_order") { w.int(0) }
        if w.field("meta_data") { w.meta(product.meta) }
        if w.field("name") { w.string(product.attributeSummary) }
        if w.field("parent_id") { w.int(product.parentId) }
        if w.field("_links") {
            w.links(
                selfHref: "\(context.apiRoot)/products/\(product.parentId)/variations/\(product.id)",
                allow: JSONWriter.allowAll, collection: "\(context.apiRoot)/products/\(product.parentId)/variations",
                extra: [("up", "\(context.apiRoot)/products/\(product.parentId)", false)])
        }
        w.endObject()
    }
}
