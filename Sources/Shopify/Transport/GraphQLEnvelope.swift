/// A GraphQL answer's outer shape: `data`, `errors`, `extensions.cost`, `extensions.search`.
struct GraphQLEnvelope<Payload: Decodable>: Decodable {
    var data: Payload?
    var errors: [ShopifyError.GraphQLError]
    var extensions: GraphQLExtensions?

    private enum CodingKeys: String, CodingKey {
        case data, errors, extensions
    }

    init(data: Payload?, errors: [ShopifyError.GraphQLError], extensions: GraphQLExtensions?) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decodeIfPresent(Payload.self, forKey: .data)
        errors = (try? container.decodeIfPresent(ErrorList.self, forKey: .errors))?.errors ?? []
        extensions = try? container.decodeIfPresent(GraphQLExtensions.self, forKey: .extensions)
    }
}

/// An answer's `extensions`: the cost, and the search terms Shopify dropped.
struct GraphQLExtensions: Decodable {
    var cost: ShopifyQueryCost?
    var search: [SearchInfo]?

    /// Search terms Shopify dropped (they widen the result instead of failing it).
    struct SearchInfo: Decodable {
        var query: String?
        var warnings: [Warning]?

        struct Warning: Decodable {
            var field: String?
            var message: String?
            var code: String?
        }
    }
}

/// An envelope read for its errors and cost only, when `data` did not fit the model.
struct AnyPayload: Decodable {}

/// `errors` as GraphQL sends it (a list of objects) or as Shopify's HTTP errors do (`"errors": "…"`, or an
/// object of lists on some REST-style answers).
struct ErrorList: Decodable {
    var errors: [ShopifyError.GraphQLError]

    private struct Wire: Decodable {
        var message: String
        var path: [PathElement]?
        var extensions: Extensions?

        struct Extensions: Decodable { var code: String? }

        struct PathElement: Decodable {
            var text: String
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) {
                    text = String(number)
                } else {
                    text = try container.decode(String.self)
                }
            }
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            errors = [ShopifyError.GraphQLError(message: text)]
        } else if let list = try? container.decode([Wire].self) {
            errors = list.map {
                ShopifyError.GraphQLError(message: $0.message, code: $0.extensions?.code, path: $0.path?.map(\.text))
            }
        } else if let object = try? container.decode([String: [String]].self) {
            errors = object.sorted { $0.key < $1.key }.flatMap { key, messages in
                messages.map { ShopifyError.GraphQLError(message: "\(key) \($0)") }
            }
        } else {
            errors = []
        }
    }
}

/// A non-2xx body: `{"errors": …}` when it is JSON.
struct HTTPErrorBody: Decodable {
    var errors: ErrorList?
}
