import Hummingbird

/// What a page says after a form sent the browser to it (`?done=saved`): a fixed message per outcome, so a
/// link cannot make the dashboard display text of someone else's choosing.
enum Notices {
    static let messages: [String: String] = [
        "connected": "Store connected. Register its webhooks, then run a first sync.",
        "saved": "Settings saved.",
        "deleted": "Store deleted.",
        "recorded": "Recorded. The store is updated in the background.",
        "retried": "Queued again: it will be sent within seconds.",
        "retried-all": "Every update that gave up is queued again.",
        "stock-set": "Stock set. The stores that sell the SKU are updated in the background.",
    ]

    static func text(_ request: Request) -> String? {
        request.uri.queryParameters["done"].flatMap { messages[String($0)] }
    }
}
