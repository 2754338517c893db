/// The parts of the Logix API's answers a chaos run reads, decoded by their documented names (the
/// `/openapi.json` schemas); fields it does not check are left out.
struct APIList<Item: Decodable>: Decodable {
    var items: [Item]
    var total: Int
}

struct APIToken: Decodable {
    var token: String
}

struct APICreated: Decodable {
    var id: Int64
}

struct APIOrder: Decodable {
    struct Line: Decodable, Hashable {
        var sku: String?
        var quantity: Int
    }
    struct Address: Decodable, Hashable {
        var firstName: String
        var address1: String
        enum CodingKeys: String, CodingKey {
            case firstName = "first_name"
            case address1 = "address_1"
        }
    }
    var id: Int64
    var externalID: Int64
    var status: String
    var storeStatus: String
    var total: String
    var lines: [Line]
    var billingAddress: Address
    var shippingAddress: Address
    /// Set when a store edit came after picking started: Logix kept its data and holds the edit for a person.
    var review: Review?

    struct Review: Decodable, Hashable {
        var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case id, status, total, lines, review
        case externalID = "external_id"
        case storeStatus = "store_status"
        case billingAddress = "billing_address"
        case shippingAddress = "shipping_address"
    }
}

struct APIStockLevel: Decodable {
    var sku: String
    var onHand: Int
    var reserved: Int
    var available: Int

    enum CodingKeys: String, CodingKey {
        case sku, reserved, available
        case onHand = "on_hand"
    }
}

struct APIOutboxItem: Decodable {
    var id: Int64
    var kind: String
    var externalOrderID: Int64?
    var state: String
    var attempts: Int
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, state, attempts
        case externalOrderID = "external_order_id"
        case lastError = "last_error"
    }
}

struct APISyncRun: Decodable {
    struct Counts: Decodable {
        var total, created, updated, unchanged, flagged, skipped, failed: Int
    }
    var id: Int64
    var kind: String
    var mode: String
    var state: String
    var counts: Counts
}

struct APISyncJob: Decodable {
    struct Run: Decodable {
        var state: String
    }
    var jobID: Int64
    var run: Run?

    enum CodingKeys: String, CodingKey {
        case run
        case jobID = "job_id"
    }
}

/// A `POST /orders/{id}/fulfillment` answer.
struct APIFulfillment: Decodable {
    struct Order: Decodable {
        var status: String
    }
    var order: Order
}

/// The body of an error answer.
struct APIErrorBody: Decodable {
    struct Detail: Decodable {
        var code: String
    }
    var error: Detail
}
