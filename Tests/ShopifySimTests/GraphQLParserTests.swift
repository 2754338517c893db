import Foundation
import Testing

@testable import ShopifySim

@Suite("GraphQL lexer and parser")
struct GraphQLParserTests {
    @Test("operations, variables with defaults, aliases, fragments, inline fragments, directives and every literal")
    func fullDocument() throws {
        let source = """
            # a comment
            query Orders($first: Int! = 10, $after: String, $ids: [ID!]!) @live {
              recent: orders(first: $first, after: $after, query: "status:open", sortKey: UPDATED_AT, reverse: false) {
                nodes { ...OrderFields }
              }
              nodes(ids: $ids) { ... on Order { id } ... @include(if: true) { id } }
              x: shop { name }
            }
            mutation Set @custom(a: 1.5e3, b: [1, -2], c: {d: null, e: "\\u00e9\\n", f: ENUM}) {
              inventorySetQuantities(input: {name: "available", quantities: []}) @idempotent(key: "k-1") { userErrors { code } }
            }
            fragment OrderFields on Order { id name lineItems(first: 5) { nodes { sku } } }
            """
        let document = try GraphQLParser.parse(source)
        #expect(document.operations.count == 2)
        let query = document.operations[0]
        #expect(query.kind == .query)
        #expect(query.name == "Orders")
        #expect(query.variables.map(\.name) == ["first", "after", "ids"])
        #expect(query.variables[0].type == .nonNull(.named("Int")))
        #expect(query.variables[2].type == .nonNull(.list(.nonNull(.named("ID")))))
        guard case .int("10")? = query.variables[0].defaultValue else {
            Issue.record("default value")
            return
        }
        guard case .field(let orders) = query.selections[0] else {
            Issue.record("field")
            return
        }
        #expect(orders.alias == "recent")
        #expect(orders.name == "orders")
        #expect(orders.arguments.map(\.name) == ["first", "after", "query", "sortKey", "reverse"])
        if case .enumValue("UPDATED_AT") = orders.arguments[3].value {} else { Issue.record("enum literal") }
        if case .variable("first") = orders.arguments[0].value {} else { Issue.record("variable") }
        guard case .field(let nodes) = query.selections[1] else { return }
        #expect(nodes.selections.count == 2)
        if case .inlineFragment(let fragment) = nodes.selections[1] {
            #expect(fragment.typeCondition == nil)
            #expect(fragment.directives.first?.name == "include")
        } else {
            Issue.record("inline fragment without type")
        }
        let mutation = document.operations[1]
        guard case .field(let set) = mutation.selections[0] else { return }
        #expect(set.directives.first?.name == "idempotent")
        if case .object(let pairs) = mutation.directives[0].arguments[2].value,
            case .string(let text) = pairs[1].1
        {
            #expect(text == "é\n")
        } else {
            Issue.record("object literal")
        }
        if case .float("1.5e3") = mutation.directives[0].arguments[0].value {} else { Issue.record("float") }
        #expect(document.fragments["OrderFields"]?.typeCondition == "Order")
    }

    @Test("block strings drop their common indentation")
    func blockString() throws {
        let document = try GraphQLParser.parse(
            "{ orders(first: 1, query: \"\"\"\n    a\n      b\n    \"\"\") { nodes { id } } }")
        guard case .field(let field) = document.operations[0].selections[0],
            case .string(let text) = field.arguments[1].value
        else {
            Issue.record("block string")
            return
        }
        #expect(text == "a\n  b")
    }

    @Test(
        "syntax errors name the token and its position",
        arguments: [
            ("{ shop { name }", "syntax error, unexpected end of file", 1, 16),
            ("query { shop { } }", "syntax error, unexpected RCURLY", 1, 16),
            ("{\n  shop(first: ) { name } }", "syntax error, unexpected RPAREN", 2, 15),
            ("{ shop { name \"x } }", "syntax error, unterminated string", 1, 15),
        ])
    func syntaxErrors(source: String, message: String, line: Int, column: Int) throws {
        do {
            _ = try GraphQLParser.parse(source)
            Issue.record("parsed")
        } catch {
            #expect(error.message.hasPrefix(message))
            #expect(error.locations.first == SourceLocation(line: line, column: column))
        }
    }
}

@Suite("ShopifySim formats")
struct FormatTests {
    @Test("times are UTC with Z in GraphQL and in the shop's offset in webhooks, as a DateFormatter writes them")
    func times() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        for seconds: Int64 in [0, 951_782_400, 1_640_995_200, 1_796_000_000, 1_783_000_123, -86_401, 4_102_444_799] {
            formatter.timeZone = TimeZone(identifier: "UTC")
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(ShopFormat.graphQLTime(seconds * 1000 + 999) == formatter.string(from: date))
            formatter.timeZone = newYork
            #expect(ShopFormat.shopTime(seconds * 1000, timeZone: newYork) == formatter.string(from: date))
        }
        #expect(ShopFormat.shopTime(1_640_995_200_000, timeZone: newYork) == "2021-12-31T19:00:00-05:00")
    }

    @Test("money: GraphQL decimals trimmed with at least one place, REST with two")
    func money() {
        #expect(ShopFormat.graphQLDecimal(Decimal(string: "679")!) == "679.0")
        #expect(ShopFormat.graphQLDecimal(Decimal(string: "29.99")!) == "29.99")
        #expect(ShopFormat.graphQLDecimal(Decimal(string: "15.50")!) == "15.5")
        #expect(ShopFormat.restMoney(Decimal(string: "398")!) == "398.00")
        #expect(ShopFormat.restMoney(Decimal(string: "4.2")!) == "4.20")
        #expect(ShopFormat.restMoney(Decimal(string: "0.99")!) == "0.99")
    }
}
