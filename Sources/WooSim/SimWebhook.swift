/// A webhook registered with the store.
struct SimWebhook: Sendable, Equatable, Codable {
    var id: Int
    var name: String
    /// `active`, `paused` or `disabled`.
    var status: String
    var topic: String
    var deliveryURL: String
    var secret: String
    var dateCreated: Int64
    var dateModified: Int64?
    /// Consecutive failed deliveries; past 5 the webhook is disabled. Re-enabling does not reset it.
    var failureCount: Int = 0

    var resource: String { String(self.topic.split(separator: ".", maxSplits: 1).first ?? "") }
    var event: String {
        let parts = self.topic.split(separator: ".", maxSplits: 1)
        return parts.count > 1 ? String(parts[1]) : ""
    }

    static let resources = ["order", "product", "customer", "coupon"]
    static let events = ["created", "updated", "deleted", "restored"]

    static func isValidTopic(_ topic: String) -> Bool {
        let parts = topic.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        if parts[0] == "action" { return true }
        return SimWebhook.resources.contains(parts[0]) && SimWebhook.events.contains(parts[1])
    }

    static func isValidDeliveryURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
        return !rest.isEmpty && !rest.hasPrefix("/")
    }

    /// The WordPress actions a topic listens to (as `GET /webhooks` shows them).
    var hooks: [String] {
        switch self.topic {
        case "coupon.created": return ["woocommerce_process_shop_coupon_meta", "woocommerce_new_coupon"]
        case "coupon.updated": return ["woocommerce_process_shop_coupon_meta", "woocommerce_update_coupon"]
        case "coupon.deleted", "product.deleted": return ["wp_trash_post"]
        case "coupon.restored", "product.restored": return ["untrashed_post"]
        case "customer.created": return ["user_register", "woocommerce_created_customer", "woocommerce_new_customer"]
        case "customer.updated": return ["profile_update", "woocommerce_update_customer"]
        case "customer.deleted": return ["delete_user"]
        case "order.created": return ["woocommerce_new_order"]
        case "order.updated": return ["woocommerce_update_order", "woocommerce_order_refunded"]
        case "order.deleted": return ["wp_trash_post", "woocommerce_trash_order"]
        case "order.restored": return ["untrashed_post", "woocommerce_untrash_order"]
        case "product.created":
            return ["woocommerce_process_product_meta", "woocommerce_new_product", "woocommerce_new_product_variation"]
        case "product.updated":
            return [
                "woocommerce_process_product_meta", "woocommerce_update_product",
                "woocommerce_update_product_variation",
            ]
        default:
            return self.topic.hasPrefix("action.") ? [String(self.topic.dropFirst("action.".count))] : []
        }
    }
}

/// Something happened to a resource; active webhooks with a matching topic deliver it.
struct SimEvent: Sendable, Hashable {
    var resource: String
    var event: String
    var id: Int

    var topic: String { "\(self.resource).\(self.event)" }
}
