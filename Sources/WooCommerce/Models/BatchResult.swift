/// The answer to a batch update: WooCommerce says HTTP 200 even when items fail, so every item is either
/// the updated object or that item's own error, and the caller must look at each.
public struct WooBatchResult<Item: Sendable & Decodable>: Sendable {
    /// One item's outcome, in the order the items were sent.
    public enum Outcome: Sendable {
        case updated(Item)
        case failed(id: Int, error: WooErrorBody)
    }

    public var outcomes: [Outcome]

    public init(outcomes: [Outcome]) { self.outcomes = outcomes }

    /// The items the store updated.
    public var updated: [Item] {
        outcomes.compactMap { if case .updated(let item) = $0 { item } else { nil } }
    }

    /// The items the store refused, with its reason for each.
    public var failures: [(id: Int, error: WooErrorBody)] {
        outcomes.compactMap { if case .failed(let id, let error) = $0 { (id, error) } else { nil } }
    }
}

/// The wire shape of a batch answer: `{"update": [object | {"id", "error"}]}`.
struct WooBatchResponseBody<Item: Sendable & Decodable>: Decodable {
    var update: [WooBatchResult<Item>.Outcome]

    enum CodingKeys: String, CodingKey { case update }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .update)
        var outcomes: [WooBatchResult<Item>.Outcome] = []
        while !list.isAtEnd {
            let entry = try list.decode(BatchEntry.self)
            outcomes.append(entry.outcome)
        }
        update = outcomes
    }

    private struct BatchEntry: Decodable {
        var outcome: WooBatchResult<Item>.Outcome

        enum Keys: String, CodingKey { case id, error }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if container.contains(.error), let error = try? container.decode(WooErrorBody.self, forKey: .error) {
                outcome = .failed(id: container.lenientInt(.id), error: error)
            } else {
                outcome = .updated(try Item(from: decoder))
            }
        }
    }
}
