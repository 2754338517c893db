import Foundation
import NIOHTTP1
import Testing

@testable import WooSim

@Suite("Paging and filters")
struct PagingAndFilterTests {
    @Test("X-WP-Total, X-WP-TotalPages and Link; past the end [] with both 0 (sample 01)")
    func paging() async throws {
        try await withSim { sim, client in
            let page2 = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "100"), ("page", "2")]))
            #expect(page2.header("X-WP-Total") == "250")
            #expect(page2.header("X-WP-TotalPages") == "3")
            let link = try #require(page2.header("Link"))
            #expect(link.contains("page=1") && link.contains("rel=\"prev\""))
            #expect(link.contains("page=3") && link.contains("rel=\"next\""))
            #expect(try page2.array().map { $0["id"] as? Int } == Array((51...150).reversed()))

            let page4 = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "100"), ("page", "4")]))
            #expect(page4.status == 200)
            #expect(page4.text == "[]")
            #expect(page4.header("X-WP-Total") == "0")
            #expect(page4.header("X-WP-TotalPages") == "0")

            let offset = try await client.send(
                .GET,
                sim.signed(
                    "GET", "/orders", [("per_page", "3"), ("offset", "10"), ("orderby", "id"), ("order", "asc")]))
            #expect(try offset.array().map { $0["id"] as? Int } == [11, 12, 13])
        }
    }

    @Test("per_page=101 → 400 rest_invalid_param with WordPress's params and details (sample 25)")
    func perPageTooLarge() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "101")]))
            #expect(reply.status == 400)
            let expected = """
                {"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400,\
                "params":{"per_page":"per_page must be between 1 (inclusive) and 100 (inclusive)"},\
                "details":{"per_page":{"code":"rest_out_of_bounds","message":\
                "per_page must be between 1 (inclusive) and 100 (inclusive)","data":null}}}}
                """
            let expectedObject = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
            #expect(try reply.object() as NSDictionary == expectedObject)
        }
    }

    @Test("status filter: comma lists, any leaves out trash, an invalid status is sample 26")
    func statusFilter() async throws {
        try await withSim { sim, client in
            let all = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "100")]))
            let processing = try await client.send(
                .GET, sim.signed("GET", "/orders", [("status", "processing,on-hold"), ("per_page", "100")]))
            let statuses = Set(try processing.array().compactMap { $0["status"] as? String })
            #expect(statuses.isSubset(of: ["processing", "on-hold"]) && !statuses.isEmpty)
            #expect(Int(processing.header("X-WP-Total")!)! < Int(all.header("X-WP-Total")!)!)

            _ = try await client.send(.DELETE, sim.signed("DELETE", "/orders/250"))
            let afterTrash = try await client.send(.GET, sim.signed("GET", "/orders", [("per_page", "1")]))
            #expect(afterTrash.header("X-WP-Total") == "249")
            let trash = try await client.send(.GET, sim.signed("GET", "/orders", [("status", "trash")]))
            #expect(try trash.array().map { $0["id"] as? Int } == [250])

            let invalid = try await client.send(.GET, sim.signed("GET", "/orders", [("status", "shipped")]))
            #expect(invalid.status == 400)
            let params = try #require(try invalid.object()["data"] as? [String: Any])["params"] as? [String: String]
            #expect(
                params?["status"]
                    == "status[0] is not one of any, trash, auto-draft, pending, processing, on-hold, completed, cancelled, refunded, failed, and checkout-draft."
            )
        }
    }

    @Test("after/before and modified_after are strict, second-granular, local unless dates_are_gmt")
    func dateFilters() async throws {
        try await withSim { sim, client in
            let order = try await client.send(.GET, sim.signed("GET", "/orders/100")).object()
            let createdGMT = try #require(order["date_created_gmt"] as? String)
            let createdLocal = try #require(order["date_created"] as? String)
            #expect(createdGMT != createdLocal)  // Europe/Berlin is never UTC.

            func ids(_ parameters: [(String, String)]) async throws -> [Int] {
                let reply = try await client.send(
                    .GET, sim.signed("GET", "/orders", parameters + [("per_page", "100"), ("orderby", "id")]))
                return try reply.array().compactMap { $0["id"] as? Int }
            }
            // Strict: `after` the order's own creation second excludes it, `before` the next second includes it.
            #expect(try await !ids([("after", createdGMT), ("dates_are_gmt", "true")]).contains(100))
            #expect(try await ids([("after", createdLocal)]).contains(100) == false)
            #expect(try await ids([("after", createdGMT + "Z")]).contains(100) == false)
            let gmtAfter = try await ids([("after", createdGMT), ("dates_are_gmt", "true")])
            let localAfter = try await ids([("after", createdLocal)])
            #expect(gmtAfter == localAfter)
            // Read as local time, the UTC wall clock is 1–2 hours earlier: order 100 itself now matches.
            let misread = try await ids([("after", createdGMT), ("include", "100")])
            #expect(misread == [100])

            let modified = try #require(order["date_modified_gmt"] as? String)
            let filter = [("modified_after", modified), ("dates_are_gmt", "true"), ("include", "99,100")]
            #expect(try await !ids(filter).contains(100))
            try await sim.editOrder(100, status: "on-hold")
            #expect(try await ids(filter).contains(100))
        }
    }

    @Test("products: sku is exact, takes comma lists and matches variations; type and search filter")
    func productFilters() async throws {
        try await withSim { sim, client in
            let bySKU = try await client.send(
                .GET, sim.signed("GET", "/products", [("sku", "COF-ETH-250,APP-TSHIRT-BLK-S")]))
            let found = try bySKU.array()
            #expect(Set(found.compactMap { $0["sku"] as? String }) == ["COF-ETH-250", "APP-TSHIRT-BLK-S"])
            let variation = try #require(found.first { $0["type"] as? String == "variation" })
            #expect((variation["parent_id"] as? Int ?? 0) > 0)
            #expect(try await client.send(.GET, sim.signed("GET", "/products", [("sku", "COF-ETH")])).text == "[]")
            let variable = try await client.send(.GET, sim.signed("GET", "/products", [("type", "variable")]))
            #expect(try variable.array().count == 3)
            let tea = try await client.send(.GET, sim.signed("GET", "/products", [("search", "tea")]))
            #expect(try tea.array().allSatisfy { ($0["name"] as? String ?? "").lowercased().contains("tea") })
            // Stock on a variation id through /products is refused (sample 08).
            let id = try #require(variation["id"] as? Int)
            let wrongEndpoint = try await client.send(
                .PUT, sim.signed("PUT", "/products/\(id)"), body: "{\"stock_quantity\":41}")
            #expect(wrongEndpoint.status == 404)
            #expect(try wrongEndpoint.object()["code"] as? String == "woocommerce_rest_invalid_product_id")
            let hoodie = try #require(try variable.array().first { $0["sku"] as? String == "APP-HOODIE" })
            let variations = try await client.send(
                .GET, sim.signed("GET", "/products/\(hoodie["id"] as? Int ?? 0)/variations"))
            #expect(try variations.array().contains { $0["manage_stock"] as? String == "parent" })
            let wrongParent = try await client.send(
                .PUT, sim.signed("PUT", "/products/\(hoodie["id"] as? Int ?? 0)/variations/\(id)"),
                body: "{\"stock_quantity\":43}")
            #expect(wrongParent.status == 404)
            #expect(try wrongParent.object()["code"] as? String == "woocommerce_rest_product_variation_invalid_id")
        }
    }

    @Test("products: status (default any), include/exclude, parent/parent_exclude; values outside an enum are 400")
    func productStatusAndIdFilters() async throws {
        try await withSim { sim, client in
            func ids(_ parameters: [(String, String)]) async throws -> [Int] {
                let reply = try await client.send(
                    .GET, sim.signed("GET", "/products", parameters + [("per_page", "100"), ("orderby", "id")]))
                #expect(reply.status == 200)
                return try reply.array().compactMap { $0["id"] as? Int }
            }
            let all = try await ids([])
            #expect(all.count > 3)
            let draft = all[1]
            let put = try await client.send(
                .PUT, sim.signed("PUT", "/products/\(draft)"), body: "{\"status\":\"draft\"}")
            #expect(put.status == 200)
            #expect(try await ids([("status", "draft")]) == [draft])
            #expect(try await ids([("status", "publish")]) == all.filter { $0 != draft })
            #expect(try await ids([("status", "any")]) == all)
            #expect(try await ids([]) == all)

            #expect(try await ids([("include", "\(all[0]),\(all[2])")]) == [all[0], all[2]])
            #expect(try await ids([("exclude", "\(all[0])")]) == Array(all.dropFirst()))
            // Variations are another post type: no product listed has a parent, so parent=0 keeps all.
            #expect(try await ids([("parent", "0")]) == all)
            #expect(try await ids([("parent_exclude", "0")]) == [])

            let simple = try await ids([("type", "simple")])
            let variable = try await ids([("type", "variable")])
            #expect(!simple.isEmpty && !variable.isEmpty && Set(simple).isDisjoint(with: variable))
            #expect(try await ids([("type", "grouped")]) == [])

            for (name, value, message) in [
                ("type", "bundle", "type is not one of simple, grouped, external, and variable."),
                (
                    "status", "published",
                    "status is not one of any, future, trash, draft, pending, private, and publish."
                ),
            ] {
                let reply = try await client.send(.GET, sim.signed("GET", "/products", [(name, value)]))
                #expect(reply.status == 400)
                let body = try reply.object()
                #expect(body["code"] as? String == "rest_invalid_param")
                let params = (body["data"] as? [String: Any])?["params"] as? [String: String]
                #expect(params?[name] == message)
            }
        }
    }

    @Test("products: a comma list of SKUs is explode()d without trimming, and the whole string is tried too")
    func skuListIsExploded() async throws {
        try await withSim { sim, client in
            func skus(_ value: String) async throws -> Set<String> {
                let reply = try await client.send(.GET, sim.signed("GET", "/products", [("sku", value)]))
                return Set(try reply.array().compactMap { $0["sku"] as? String })
            }
            #expect(try await skus("COF-ETH-250,COF-ETH-250") == ["COF-ETH-250"])
            #expect(try await skus("COF-ETH-250, APP-TSHIRT-BLK-S") == ["COF-ETH-250"])
            // A SKU with a comma in it matches as a whole.
            let products = try await client.send(.GET, sim.signed("GET", "/products", [("sku", "COF-ETH-250")]))
            let id = try #require(try products.array().first?["id"] as? Int)
            _ = try await client.send(.PUT, sim.signed("PUT", "/products/\(id)"), body: "{\"sku\":\"COF,ETH\"}")
            #expect(try await skus("COF,ETH") == ["COF,ETH"])
        }
    }

    @Test("orders: search, include and status filter the listing")
    func orderSearchIncludeStatus() async throws {
        try await withSim { sim, client in
            func ids(_ parameters: [(String, String)]) async throws -> [Int] {
                let reply = try await client.send(
                    .GET, sim.signed("GET", "/orders", parameters + [("per_page", "100"), ("orderby", "id")]))
                #expect(reply.status == 200)
                return try reply.array().compactMap { $0["id"] as? Int }
            }
            #expect(try await ids([("include", "7,3,250")]) == [250, 7, 3])
            let order = try await client.send(.GET, sim.signed("GET", "/orders/42")).object()
            let billing = try #require(order["billing"] as? [String: Any])
            let email = try #require(billing["email"] as? String)
            let found = try await ids([("search", email)])
            #expect(found.contains(42) && found.count < 100)
            let status = try #require(order["status"] as? String)
            let same = try await ids([("status", status), ("include", "41,42,43")])
            #expect(same.contains(42))
            let other = status == "completed" ? "pending" : "completed"
            #expect(try await !ids([("status", other), ("include", "42")]).contains(42))
        }
    }

    @Test("_fields keeps only the listed top-level fields, in WooCommerce's order")
    func fields() async throws {
        try await withSim { sim, client in
            let reply = try await client.send(
                .GET,
                sim.signed("GET", "/orders", [("per_page", "2"), ("_fields", "id,status,date_modified_gmt,total")]))
            #expect(reply.text.hasPrefix("[{\"id\":250,\"status\":"))
            #expect(try reply.array().allSatisfy { Set($0.keys) == ["id", "status", "date_modified_gmt", "total"] })
            let status = try await client.send(
                .GET, sim.signed("GET", "/system_status", [("_fields", "environment,settings")]))
            #expect(Set(try status.object().keys) == ["environment", "settings"])
        }
    }
}
