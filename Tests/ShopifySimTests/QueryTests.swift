import Foundation
import Testing

@testable import ShopifySim

@Suite("ShopifySim GraphQL validation and execution")
struct QueryTests {
    struct OrderNode: Decodable {
        var id: String
        var legacyResourceId: String
        var name: String
        var updatedAt: String
        var test: Bool
        var totalPriceSet: MoneyBag
        var lineItems: Connection<Line>

        struct MoneyBag: Decodable {
            var shopMoney: Money
        }

        struct Money: Decodable {
            var amount: String
            var currencyCode: String
        }

        struct Line: Decodable {
            var id: String
            var sku: String?
            var quantity: Int
            var currentQuantity: Int
            var variant: Variant?

            struct Variant: Decodable {
                var id: String
                var sku: String?
            }
        }
    }

    static let orderFields = """
        id legacyResourceId name updatedAt test totalPriceSet { shopMoney { amount currencyCode } }
        lineItems(first: 10) { nodes { id sku quantity currentQuantity variant { id sku } } }
        """

    @Test("an unknown field is Shopify's undefinedField error, with no data")
    func unknownField() async throws {
        try await withSim { _, client in
            let reply = try await client.graphQL("query Orders { orders(first: 1) { nodes { id bogus } } }")
            #expect(reply.status == 200)
            let body = try reply.object()
            #expect(body["data"] == nil)
            let answer = try reply.answer([String: String].self)
            let error = try #require(answer.errors?.first)
            #expect(error.message == "Field 'bogus' doesn't exist on type 'Order'")
            #expect(error.extensions?.code == "undefinedField")
            #expect(error.path == [.key("query Orders"), .key("orders"), .key("nodes"), .key("bogus")])
        }
    }

    @Test("parse errors, missing arguments, bad literals, unused variables and undefined fragments are refused")
    func validation() async throws {
        try await withSim { _, client in
            let syntax = try await client.graphQL("{ shop { name }")
            #expect(syntax.status == 200)
            #expect(try syntax.answer([String: String].self).errors?.first?.message.hasPrefix("syntax error") == true)
            #expect(try syntax.object()["data"] == nil)

            let missing = try await client.graphQL("{ order { id } }")
            #expect(
                try missing.answer([String: String].self).errors?.first?.extensions?.code == "missingRequiredArguments")

            let literal = try await client.graphQL("{ orders(first: \"ten\") { nodes { id } } }")
            #expect(
                try literal.answer([String: String].self).errors?.first?.extensions?.code
                    == "argumentLiteralsIncompatible")

            let unused = try await client.graphQL("query Q($x: Int) { shop { name } }")
            #expect(try unused.answer([String: String].self).errors?.first?.extensions?.code == "variableNotUsed")

            let fragment = try await client.graphQL("{ shop { ...Missing } }")
            #expect(
                try fragment.answer([String: String].self).errors?.first?.extensions?.code == "useAndDefineFragment")

            let scalar = try await client.graphQL("{ shop { name { x } } }")
            #expect(try scalar.answer([String: String].self).errors?.first?.extensions?.code == "selectionMismatch")

            let undeclared = try await client.graphQL("query Q { orders(first: $n) { nodes { id } } }")
            let undeclaredError = try #require(try undeclared.answer([String: String].self).errors?.first)
            #expect(undeclaredError.message == "Variable $n is used by Q but not declared")
            #expect(undeclaredError.extensions?.code == "variableNotDefined")

            let argument = try await client.graphQL("{ shop(first: 1) { name } }")
            #expect(try argument.answer([String: String].self).errors?.first?.extensions?.code == "argumentNotAccepted")
        }
    }

    @Test("variables are coerced and checked against their declared types")
    func variables() async throws {
        try await withSim { _, client in
            let query = "query Q($first: Int!) { orders(first: $first) { nodes { id } } }"
            let wrong = try await client.graphQL(query, variables: "{\"first\":\"ten\"}")
            let error = try #require(try wrong.answer([String: String].self).errors?.first)
            #expect(error.message == "Variable $first of type Int! was provided invalid value")
            let absent = try await client.graphQL(query, variables: "{}")
            #expect(try absent.answer([String: String].self).errors?.first?.message.contains("$first") == true)

            struct Orders: Decodable { var orders: Connection<Node> }
            struct Node: Decodable { var id: String }
            let defaulted = try await client.graphQL(
                "query Q($first: Int = 3) { orders(first: $first) { nodes { id } } }")
            #expect(try defaulted.answer(Orders.self).data?.orders.nodes.count == 3)
        }
    }

    @Test("first or last is required and at most 250")
    func pageSizeLimits() async throws {
        try await withSim { _, client in
            let none = try await client.graphQL("{ orders { nodes { id } } }")
            #expect(try none.object()["data"] is NSNull)
            #expect(
                try none.answer([String: String].self).errors?.first?.message == "you must provide one of first or last"
            )
            let tooMany = try await client.graphQL("{ orders(first: 251) { nodes { id } } }")
            #expect(try tooMany.answer([String: String].self).errors?.first?.message.contains("250") == true)
        }
    }

    @Test("aliases, named fragments, inline fragments and nodes(ids:) answer what was asked, ids as strings past 2^53")
    func fragmentsAndNodes() async throws {
        try await withSim { sim, client in
            struct Page: Decodable { var first: Connection<QueryTests.OrderNode> }
            let reply = try await client.graphQL(
                "query { first: orders(first: 2, sortKey: ID) { nodes { ...F } } } fragment F on Order { \(Self.orderFields) }"
            )
            let orders = try #require(try reply.answer(Page.self).data?.first.nodes)
            #expect(orders.count == 2)
            let order = orders[0]
            #expect(Int64(order.legacyResourceId)! > 1 << 53)
            #expect(order.id == "gid://shopify/Order/\(order.legacyResourceId)")
            #expect(Decimal(string: order.totalPriceSet.shopMoney.amount) != nil)
            #expect(order.totalPriceSet.shopMoney.amount.contains("."))

            struct Nodes: Decodable { var nodes: [QueryTests.OrderNode?] }
            let ids = orders.map(\.id) + ["gid://shopify/Order/1"]
            let idsJSON = "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            let byId = try await client.graphQL(
                "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Order { \(Self.orderFields) } } }",
                variables: "{\"ids\":\(idsJSON)}")
            let nodes = try #require(try byId.answer(Nodes.self).data?.nodes)
            #expect(nodes.count == 3)
            #expect(nodes[0]?.id == orders[0].id)
            #expect(nodes[1]?.name == orders[1].name)
            #expect(nodes[2] == nil)

            let single = try await client.graphQL("{ order(id: \"\(orders[1].id)\") { name } }")
            #expect(single.text.contains(orders[1].name))
            _ = sim
        }
    }

    @Test("money varies in precision and parses as Decimal; some orders are test orders")
    func moneyAndTestOrders() async throws {
        try await withSim { _, client in
            struct Page: Decodable { var orders: Connection<QueryTests.OrderNode> }
            // Lines are left out: 60 orders with lines would cost more than 1,000 points.
            let reply = try await client.graphQL(
                "{ orders(first: 60) { nodes { id legacyResourceId name updatedAt test totalPriceSet { shopMoney { amount currencyCode } } lineItems(first: 0) { nodes { id } } } } }"
            )
            let orders = try #require(try reply.answer(Page.self).data?.orders.nodes)
            #expect(orders.count == 60)
            let decimals = Set(orders.map { $0.totalPriceSet.shopMoney.amount.split(separator: ".").last?.count ?? 0 })
            #expect(decimals.count > 1)
            #expect(orders.contains { $0.test })
            #expect(orders.contains { !$0.test })
            #expect(orders.allSatisfy { Decimal(string: $0.totalPriceSet.shopMoney.amount) != nil })
        }
    }
}
