import Foundation

/// What an ``ObjectValue`` stands for. Stored things are named by id and read from the state when a field is
/// answered, so an object returned by a mutation shows the state after it.
indirect enum Entity: Sendable {
    case queryRoot
    case mutationRoot
    case shop
    case order(Int64)
    case lineItem(orderId: Int64, lineId: Int64)
    case shippingLine(orderId: Int64, lineId: Int64)
    case customer(ShopCustomer)
    case address(ShopAddress, id: String)
    case moneyBag(Decimal, currency: String)
    case money(Decimal, currency: String)
    case product(Int64)
    case variant(Int64)
    case inventoryItem(Int64)
    case inventoryLevel(LevelKey)
    case quantity(name: String, quantity: Int)
    case location(Int64)
    case fulfillmentOrder(Int64)
    case assignedLocation(Int64)
    case hold(foId: Int64, reason: String)
    case fulfillmentOrderLine(foId: Int64, lineId: Int64)
    case fulfillment(Int64)
    case refund(Int64)
    case refundLine(refundId: Int64, lineId: Int64)
    case tracking(ShopTrackingInfo)
    case webhook(ShopWebhookSubscription)
    case connection(nodes: [ObjectValue], cursors: [String], pageInfo: PageInfoValue)
    case edge(cursor: String, node: ObjectValue)
    case pageInfo(PageInfoValue)
    /// Payloads, user errors and other plain objects: their fields answered up front.
    case fields([String: Resolved])
}

struct PageInfoValue: Sendable {
    var hasNextPage: Bool
    var hasPreviousPage: Bool
    var startCursor: String?
    var endCursor: String?
}

/// Cursor pagination over a sorted list: opaque cursors naming the last item's sort value and id, so a page
/// boundary stays put when items before it change or move (an updated order moves to the end of an
/// `UPDATED_AT` listing and shows up again there, it is never skipped).
struct Paginator {
    struct Key: Comparable {
        var value: Int64
        var id: Int64

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.value, lhs.id) < (rhs.value, rhs.id) }
    }

    static func cursor(_ key: Key) -> String {
        Data("{\"last_id\":\(key.id),\"last_value\":\(key.value)}".utf8).base64EncodedString()
    }

    static func decode(_ cursor: String) throws(GraphQLError) -> Key {
        guard let data = Data(base64Encoded: cursor), let json = try? JSONParser.parse(Array(data)),
            case .number(let idText)? = json["last_id"], let id = Int64(idText),
            case .number(let valueText)? = json["last_value"], let value = Int64(valueText)
        else { throw GraphQLError("Invalid cursor for current pagination sort.", code: "BAD_REQUEST") }
        return Key(value: value, id: id)
    }

    /// A connection over `items` (ascending by `key`), by the paging arguments.
    static func page<Item>(
        _ items: [Item], key: (Item) -> Key, arguments: [String: JSON], connection: String,
        node: (Item) -> ObjectValue
    ) throws(GraphQLError) -> Resolved {
        let reverse = arguments["reverse"]?.boolValue ?? false
        var keyed = items.map { (key($0), $0) }
        if reverse { keyed.reverse() }
        let isAfter = { (lhs: Key, rhs: Key) in reverse ? lhs < rhs : rhs < lhs }
        if let after = arguments["after"]?.stringValue {
            let bound = try self.decode(after)
            keyed = keyed.filter { isAfter($0.0, bound) }
        }
        if let before = arguments["before"]?.stringValue {
            let bound = try self.decode(before)
            keyed = keyed.filter { isAfter(bound, $0.0) }
        }
        var hasNext = arguments["before"]?.stringValue != nil
        var hasPrevious = arguments["after"]?.stringValue != nil
        if let first = arguments["first"]?.intValue {
            hasNext = keyed.count > first
            keyed = Array(keyed.prefix(first))
        }
        if let last = arguments["last"]?.intValue {
            hasPrevious = keyed.count > last
            keyed = Array(keyed.suffix(last))
        }
        let cursors = keyed.map { self.cursor($0.0) }
        let info = PageInfoValue(
            hasNextPage: hasNext, hasPreviousPage: hasPrevious, startCursor: cursors.first, endCursor: cursors.last)
        return .object(
            ObjectValue(
                typeName: connection,
                entity: .connection(nodes: keyed.map { node($0.1) }, cursors: cursors, pageInfo: info)))
    }
}
