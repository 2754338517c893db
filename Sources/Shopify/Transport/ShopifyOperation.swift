import Foundation

/// One GraphQL call as the typed endpoints describe it, before the transport sends it.
struct ShopifyOperation: Sendable {
    /// The `operationName`, also the name errors and logs use.
    var name: String
    /// The document, holding exactly one operation called `name`.
    var query: String
    var variables: [String: GraphQLValue]
    /// Safe to send again after it may have run: every query; a mutation only when a second run changes
    /// nothing (`@idempotent` with the same key, set-style writes). `fulfillmentCreate` is not: a second
    /// run would ship twice.
    var isResendable: Bool

    init(name: String, query: String, variables: [String: GraphQLValue] = [:], isResendable: Bool = true) {
        self.name = name
        self.query = query
        self.variables = variables
        self.isResendable = isResendable
    }

    /// The cost guessed from the text before Shopify has priced this operation.
    var estimatedCost: Double { ShopifyCostEstimate.estimate(query: query, variables: variables) }

    /// The key under which Shopify's last price of it is remembered: the same operation with other page sizes
    /// costs differently, and the estimate tells them apart.
    var costKey: String { "\(name)#\(Int(estimatedCost))" }

    func body() throws -> Data {
        struct Body: Encodable {
            var query: String
            var variables: [String: GraphQLValue]
            var operationName: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Body(query: query, variables: variables, operationName: name))
    }
}

/// A decoded answer and what came with it.
struct ShopifyAnswer<Payload: Sendable>: Sendable {
    var data: Payload
    var cost: ShopifyQueryCost?
    var requestID: String?
    var attempts: Int
}
