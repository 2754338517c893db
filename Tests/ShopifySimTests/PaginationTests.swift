import Foundation
import Testing

@testable import ShopifySim

@Suite("ShopifySim orders: pagination, cursors and search")
struct PaginationTests {
    struct Orders: Decodable {
        var orders: Connection<Node>

        struct Node: Decodable {
            var id: String
            var updatedAt: String
            var test: Bool
            var cancelledAt: String?
        }
    }

    static let query = """
        query ($first: Int!, $after: String, $q: String) {
          orders(first: $first, after: $after, query: $q, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor } nodes { id updatedAt test cancelledAt } } }
        """

    static func page(
        _ client: ShopifyTestClient, first: Int, after: String?, query: String? = nil
    ) async throws -> GraphQLAnswer<Orders> {
        let after = after.map { "\"\($0)\"" } ?? "null"
        let q = query.map { ShopifyTestClient.quoted($0) } ?? "null"
        return try await client.graphQL(Self.query, variables: "{\"first\":\(first),\"after\":\(after),\"q\":\(q)}")
            .answer(Orders.self)
    }

    @Test(
        "following endCursor visits every order once in updatedAt order; an order updated meanwhile comes again later")
    func cursorsStableUnderUpdates() async throws {
        try await withSim { sim, client in
            var seen: [String] = []
            var times: [String] = []
            var after: String?
            var edited = false
            while true {
                let page = try #require(try await Self.page(client, first: 7, after: after).data?.orders)
                seen += page.nodes.map(\.id)
                times += page.nodes.map(\.updatedAt)
                if !edited, let first = seen.first {
                    // Edit an order already read: it moves to the end, nothing before the cursor shifts.
                    try await sim.editOrder(
                        Int64(first.split(separator: "/").last!)!, ShopifySimOrderEdit(note: "moved"))
                    edited = true
                }
                guard page.pageInfo?.hasNextPage == true else { break }
                after = page.pageInfo?.endCursor
            }
            let all = await sim.orders.map(\.id)
            #expect(Set(seen) == Set(all))
            #expect(seen.count == all.count + 1)
            #expect(seen.last == seen.first)
            #expect(times.dropLast() == times.dropLast().sorted())
        }
    }

    @Test(
        "updated_at with quoted dates, status, test and id filters; unknown and unquoted terms are dropped with a warning"
    )
    func search() async throws {
        try await withSim { _, client in
            let all = try #require(try await Self.page(client, first: 250, after: nil).data?.orders.nodes)
            #expect(all.count == 60)
            let middle = all[30].updatedAt
            let since = try #require(
                try await Self.page(client, first: 250, after: nil, query: "updated_at:>='\(middle)'").data?.orders
                    .nodes)
            #expect(since.count == all.filter { $0.updatedAt >= middle }.count)
            #expect(since.count < all.count)
            let until = try #require(
                try await Self.page(client, first: 250, after: nil, query: "updated_at:<=\"\(middle)\"").data?.orders
                    .nodes)
            #expect(until.count + since.count == all.count + all.filter { $0.updatedAt == middle }.count)

            let tests = try #require(
                try await Self.page(client, first: 250, after: nil, query: "test:true").data?.orders.nodes)
            #expect(!tests.isEmpty)
            #expect(tests.allSatisfy { $0.test })
            let cancelled = try #require(
                try await Self.page(client, first: 250, after: nil, query: "status:cancelled").data?.orders.nodes)
            #expect(cancelled.allSatisfy { $0.cancelledAt != nil })
            #expect(cancelled.count == all.filter { $0.cancelledAt != nil }.count)

            let pivot = all.map { Int64($0.id.split(separator: "/").last!)! }.sorted()[40]
            let byId = try #require(
                try await Self.page(client, first: 250, after: nil, query: "id:>=\(pivot)").data?.orders.nodes)
            #expect(byId.count == 20)

            let widened = try await Self.page(
                client, first: 250, after: nil, query: "updated_at:>=\(middle) colour:red")
            #expect(widened.data?.orders.nodes.count == 60)
            let warnings = try #require(widened.extensions?.search?.first)
            #expect(warnings.path == ["orders"])
            #expect(warnings.warnings.map(\.field) == ["updated_at", "colour"])
            #expect(warnings.warnings.first?.code == "invalid_field")
            #expect(warnings.warnings.first?.message == "Invalid search field for this query.")
        }
    }

    @Test("a garbage cursor is an error")
    func badCursor() async throws {
        try await withSim { _, client in
            let reply = try await client.graphQL(
                Self.query, variables: "{\"first\":5,\"after\":\"bm90IGEgY3Vyc29y\",\"q\":null}")
            let answer = try reply.answer([String: String?].self)
            #expect(answer.errors?.first?.message == "Invalid cursor for current pagination sort.")
            #expect(answer.errors?.first?.path == [.key("orders")])
        }
    }
}

@Suite("ShopifySim connections: edges, last/before, reverse")
struct ConnectionTests {
    struct Edges: Decodable {
        var orders: Orders

        struct Orders: Decodable {
            var edges: [Edge]
            var pageInfo: Info
        }

        struct Edge: Decodable {
            var cursor: String
            var node: Node
        }

        struct Node: Decodable {
            var id: String
        }

        struct Info: Decodable {
            var hasNextPage: Bool
            var hasPreviousPage: Bool
            var startCursor: String?
            var endCursor: String?
        }
    }

    static func page(_ client: ShopifyTestClient, _ arguments: String) async throws -> Edges.Orders {
        let reply = try await client.graphQL(
            "{ orders(\(arguments), sortKey: ID) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
        )
        return try #require(try reply.answer(Edges.self).data?.orders)
    }

    @Test("edges carry cursors; last/before walks back; reverse flips the order")
    func edgesAndBackwards() async throws {
        try await withSim { _, client in
            let first = try await Self.page(client, "first: 10")
            #expect(first.edges.count == 10)
            #expect(first.pageInfo.hasNextPage)
            #expect(!first.pageInfo.hasPreviousPage)
            #expect(first.pageInfo.endCursor == first.edges.last?.cursor)
            let ids = first.edges.map(\.node.id)

            let back = try await Self.page(client, "last: 3, before: \"\(first.edges[5].cursor)\"")
            #expect(back.edges.map(\.node.id) == Array(ids[2..<5]))
            #expect(back.pageInfo.hasPreviousPage)
            #expect(back.pageInfo.hasNextPage)

            let reversed = try await Self.page(client, "first: 60, reverse: true")
            #expect(reversed.edges.suffix(10).map(\.node.id) == ids.reversed())

            let cost = try await client.graphQL("{ orders(first: 10) { edges { node { id } } } }")
            #expect(try cost.answer(AnyData.self).extensions?.cost?.requestedQueryCost == 2 + 10)
        }
    }
}
