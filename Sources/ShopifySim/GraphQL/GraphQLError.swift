/// One entry of a GraphQL answer's `errors`, written as Shopify (graphql-ruby) writes them.
struct GraphQLError: Error, Sendable {
    var message: String
    var locations: [SourceLocation] = []
    var path: [JSON]?
    var extensions: [(String, JSON)] = []

    init(_ message: String, code: String? = nil, locations: [SourceLocation] = [], path: [JSON]? = nil) {
        self.message = message
        self.locations = locations
        self.path = path
        if let code { self.extensions.append(("code", .string(code))) }
    }

    var json: JSON {
        var pairs: [(String, JSON)] = [("message", .string(self.message))]
        if !self.locations.isEmpty { pairs.append(("locations", .array(self.locations.map(\.json)))) }
        if let path { pairs.append(("path", .array(path))) }
        if !self.extensions.isEmpty { pairs.append(("extensions", .object(self.extensions))) }
        return .object(pairs)
    }
}
