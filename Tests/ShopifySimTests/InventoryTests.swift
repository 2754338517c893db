import Foundation
import Testing

@testable import ShopifySim

@Suite("ShopifySim inventory: named quantities, CAS and @idempotent")
struct InventoryTests {
    struct SetResult: Decodable {
        var inventorySetQuantities: Payload?

        struct Payload: Decodable {
            var userErrors: [UserErrorBody]
        }
    }

    static let mutation = """
        mutation ($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input) @idempotent(key: KEY) { userErrors { code field message } } }
        """

    static func set(
        _ client: ShopifyTestClient, key: String?, rows: [(item: String, location: String, quantity: Int, from: Int?)],
        version: String = "2026-04", compare: Bool = false
    ) async throws -> ShopifyTestClient.Reply {
        let query =
            key.map { Self.mutation.replacingOccurrences(of: "KEY", with: "\"\($0)\"") }
            ?? Self.mutation.replacingOccurrences(of: " @idempotent(key: KEY)", with: "")
        let rowsJSON = rows.map { row in
            let check = compare ? "compareQuantity" : "changeFromQuantity"
            return
                "{\"inventoryItemId\":\"\(row.item)\",\"locationId\":\"\(row.location)\",\"quantity\":\(row.quantity),"
                + "\"\(check)\":\(row.from.map(String.init) ?? "null")}"
        }.joined(separator: ",")
        let variables =
            "{\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"referenceDocumentUri\":\"gid://logix/Count/42\","
            + "\"quantities\":[\(rowsJSON)]}}"
        return try await client.graphQL(query, variables: variables, version: version)
    }

    @Test("changeFromQuantity sets when it matches and is refused as stale when it does not")
    func compareAndSet() async throws {
        try await withSim { sim, client in
            let level = try #require(await sim.inventoryLevels(sku: "SKU-1001").first)
            let current = try #require(level.quantities["available"])
            let row = (
                item: level.inventoryItemId, location: level.locationId, quantity: current + 5, from: current as Int?
            )
            let done = try await Self.set(client, key: "k-1", rows: [row])
            #expect(try done.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == current + 5)

            let stale = try await Self.set(client, key: "k-2", rows: [row])
            let errors = try #require(try stale.answer(SetResult.self).data?.inventorySetQuantities?.userErrors)
            #expect(errors.first?.code == "CHANGE_FROM_QUANTITY_STALE")
            #expect(errors.first?.field == ["input", "quantities", "0", "changeFromQuantity"])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == current + 5)

            let unchecked = try await Self.set(
                client, key: "k-3",
                rows: [(item: level.inventoryItemId, location: level.locationId, quantity: 1, from: nil)])
            #expect(try unchecked.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == 1)
        }
    }

    @Test("2026-04: the key is required; same key and variables replays; same key with other variables is a mismatch")
    func idempotency() async throws {
        try await withSim { sim, client in
            let level = try #require(await sim.inventoryLevels(sku: "SKU-1001").first)
            let current = try #require(level.quantities["available"])
            let row = (
                item: level.inventoryItemId, location: level.locationId, quantity: current + 1, from: current as Int?
            )

            let keyless = try await Self.set(client, key: nil, rows: [row])
            let keylessAnswer = try keyless.answer(SetResult.self)
            #expect(keylessAnswer.errors?.first?.extensions?.code == "IDEMPOTENCY_KEY_REQUIRED")
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == current)

            let first = try await Self.set(client, key: "same", rows: [row])
            #expect(try first.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            // A retry of the same request is answered from the record, not applied again (it would be stale now).
            let replay = try await Self.set(client, key: "same", rows: [row])
            #expect(try replay.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == current + 1)

            var other = row
            other.quantity = 99
            let mismatch = try await Self.set(client, key: "same", rows: [other])
            #expect(
                try mismatch.answer(SetResult.self).data?.inventorySetQuantities?.userErrors.first?.code
                    == "IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == current + 1)
        }
    }

    @Test("the idempotency key may come from a variable")
    func keyFromVariable() async throws {
        try await withSim { sim, client in
            let level = try #require(await sim.inventoryLevels(sku: "SKU-1001").first)
            let query = """
                mutation ($input: InventorySetQuantitiesInput!, $key: String!) {
                  inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { code field message } } }
                """
            let variables = """
                {"key":"var-key","input":{"name":"available","reason":"correction","quantities":[
                {"inventoryItemId":"\(level.inventoryItemId)","locationId":"\(level.locationId)","quantity":17,"changeFromQuantity":null}]}}
                """
            let reply = try await client.graphQL(query, variables: variables)
            #expect(try reply.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == 17)
        }
    }

    @Test("2026-01: no key needed, but compareQuantity or ignoreCompareQuantity is")
    func olderVersion() async throws {
        try await withSim { sim, client in
            let level = try #require(await sim.inventoryLevels(sku: "SKU-1001").first)
            let current = try #require(level.quantities["available"])
            let missing = try await Self.set(
                client, key: nil,
                rows: [(item: level.inventoryItemId, location: level.locationId, quantity: 3, from: nil)],
                version: "2026-01", compare: true)
            #expect(
                try missing.answer(SetResult.self).data?.inventorySetQuantities?.userErrors.first?.code
                    == "COMPARE_QUANTITY_REQUIRED")
            let done = try await Self.set(
                client, key: nil,
                rows: [(item: level.inventoryItemId, location: level.locationId, quantity: 3, from: current)],
                version: "2026-01", compare: true)
            #expect(try done.answer(SetResult.self).data?.inventorySetQuantities?.userErrors == [])
            #expect(await sim.inventoryLevels(sku: "SKU-1001").first?.quantities["available"] == 3)
        }
    }

    @Test("more than 250 rows, unknown items and unstocked locations are refused, and nothing is applied")
    func limitsAndUserErrors() async throws {
        try await withSim { sim, client in
            let levels = await sim.inventoryLevels()
            let level = levels[0]
            let rows = (0..<251).map { _ in
                (item: level.inventoryItemId, location: level.locationId, quantity: 1, from: nil as Int?)
            }
            let tooMany = try await Self.set(client, key: "big", rows: rows)
            let answer = try tooMany.answer(SetResult.self)
            #expect(answer.errors?.first?.extensions?.code == "MAX_INPUT_SIZE_EXCEEDED")
            #expect(
                answer.errors?.first?.message
                    == "The input array size of 251 is greater than the maximum allowed of 250.")

            let inactive = try #require(await sim.locations.first { !$0.isActive })
            let unknown = try await Self.set(
                client, key: "bad",
                rows: [
                    (item: level.inventoryItemId, location: level.locationId, quantity: 500, from: nil),
                    (item: "gid://shopify/InventoryItem/1", location: level.locationId, quantity: 1, from: nil),
                    (item: level.inventoryItemId, location: inactive.id, quantity: 1, from: nil),
                ])
            let errors = try #require(try unknown.answer(SetResult.self).data?.inventorySetQuantities?.userErrors)
            #expect(errors.map(\.code) == ["INVALID_INVENTORY_ITEM", "ITEM_NOT_STOCKED_AT_LOCATION"])
            #expect(await sim.inventoryLevels().first?.quantities["available"] == level.quantities["available"])
        }
    }

    @Test("levels list named quantities per location; variants search by SKU, blank and repeated SKUs included")
    func quantitiesAndVariants() async throws {
        try await withSim { _, client in
            struct Variants: Decodable {
                var productVariants: Connection<Variant>

                struct Variant: Decodable {
                    var id: String
                    var sku: String?
                    var inventoryItem: Item
                }

                struct Item: Decodable {
                    var id: String
                    var tracked: Bool
                    var inventoryLevels: Connection<Level>
                }

                struct Level: Decodable {
                    var location: ID
                    var quantities: [Quantity]
                }

                struct ID: Decodable { var id: String }
                struct Quantity: Decodable {
                    var name: String
                    var quantity: Int
                }
            }
            let reply = try await client.graphQL(
                """
                { productVariants(first: 5, query: "sku:SKU-1000-S") { nodes { id sku inventoryItem { id tracked
                  inventoryLevels(first: 5) { nodes { location { id } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } } } } }
                """)
            let variants = try #require(try reply.answer(Variants.self).data?.productVariants.nodes)
            #expect(variants.count == 2)
            let level = try #require(variants.first?.inventoryItem.inventoryLevels.nodes.first)
            #expect(level.quantities.map(\.name) == ["available", "on_hand", "committed"])
            let named = Dictionary(uniqueKeysWithValues: level.quantities.map { ($0.name, $0.quantity) })
            #expect(named["on_hand"]! >= named["available"]! + named["committed"]!)

            let all = try await client.graphQL("{ productVariants(first: 250) { nodes { sku } } }")
            struct Plain: Decodable { var productVariants: Connection<Sku> }
            struct Sku: Decodable { var sku: String? }
            let skus = try #require(try all.answer(Plain.self).data?.productVariants.nodes.map(\.sku))
            #expect(skus.contains(nil))
        }
    }
}
