import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import Storage
import Sync
import Testing
import WooCommerce
import WooSim

@testable import LogixServer
@testable import WooSim

/// Fulfillment end to end: the store's order arrives, the warehouse works it through the API, the store shows
/// it — over real HTTP both ways, on SQLite and PostgreSQL.
@Suite struct FulfillmentEndToEndTests {
    /// An order placed in the store arrives by webhook, is shipped in Logix, the store shows it completed with
    /// the tracking note, and the echo webhook of our own update pushes nothing more
    /// (ARCHITECTURE.md, "No echo").
    @Test(arguments: TestEngine.allCases)
    func aShippedOrderCompletesInTheStoreAndItsEchoPushesNothing(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small, live: true) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let registered = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(integration)/webhooks", token: server.alice, json: "{}")
            #expect(registered.status == .ok, "\(registered.text)")

            let placed = try await sim.placeOrder(
                WooSimNewOrder(lines: [WooSimOrderLine(sku: "COF-ETH-250", quantity: 2)]))
            let order = try await server.waitForOrder(placed, integration: integration)
            #expect(order["status"] as? String == "ready")
            let orderID = try #require(order["id"] as? Int)
            try await server.waitForAppliedInbox()
            let echoesBefore = await sim.webhookDeliveries.filter {
                $0.topic == "order.updated" && $0.resourceId == placed && $0.outcome == .delivered
            }.count

            try await server.ship(orderID, tracking: "TRK-E2E-1")
            try await server.waitForDrainedOutbox(integration: integration)

            // The store shows it: completed, with the tracking note.
            #expect(try await server.storeOrder(placed).status == .completed)
            let notes = try await server.storeNotes(placed)
            #expect(notes.contains { $0.contains("DHL") && $0.contains("TRK-E2E-1") }, "\(notes)")

            // The echo: the store's order.updated for our update arrives and is applied …
            try await waitUntil("the echo webhook of the status update arrived") {
                await sim.webhookDeliveries.filter {
                    $0.topic == "order.updated" && $0.resourceId == placed && $0.outcome == .delivered
                }.count > echoesBefore
            }
            try await server.waitForAppliedInbox()
            #expect(try await server.inbox()[.failed] == nil)
            // … and changes nothing: no new outbox item, still shipped, not flagged.
            try await server.waitForDrainedOutbox(integration: integration)
            let items = try await server.outbox(integration: integration).filter {
                $0["external_order_id"] as? Int == placed
            }
            #expect(items.count == 2, "\(items)")
            #expect(items.allSatisfy { $0["state"] as? String == "done" })
            let after = try #require(try await server.logixOrders(integration: integration)[placed])
            #expect(after["status"] as? String == "shipped")
            #expect(after["store_status"] as? String == "completed")
            #expect(after["review"] == nil || after["review"] is NSNull, "\(after["review"] ?? "")")
            // Exactly one status update and one note reached the store.
            #expect(try await server.storeRequests("PUT", "orders/\(placed)") == 1)
            #expect(try await server.storeRequests("POST", "orders/\(placed)/notes") == 1)
        }
    }

    /// A partial shipment leaves the store's order open with a note; the rest completes it, and with the
    /// Shipment Tracking setting the order's meta lists both parcels.
    @Test(arguments: TestEngine.allCases)
    func aPartialShipmentLeavesTheOrderOpenAndTheRestCompletesIt(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let patched = try await server.json(
                .patch, "/api/v1/woocommerce/integrations/\(integration)",
                #"{"fulfillment": {"shipment_tracking_meta": true}}"#)
            #expect(
                (patched["fulfillment"] as? [String: Any])?["shipment_tracking_meta"] as? Bool == true, "\(patched)")
            let placed = try await sim.placeOrder(
                WooSimNewOrder(lines: [
                    WooSimOrderLine(sku: "COF-ETH-250", quantity: 2), WooSimOrderLine(sku: "TEA-SEN-100", quantity: 1),
                ]))
            try await server.syncOrders(integration: integration)
            let orderID = try #require(try await server.logixOrders(integration: integration)[placed]?["id"] as? Int)
            let sender = server.services.outboxSender

            for body in [#"{"event": "picked"}"#, #"{"event": "packed"}"#] {
                #expect(try await server.fulfill(orderID, body).status == .ok)
            }
            let first = try await server.fulfill(
                orderID,
                #"""
                {"event": "shipped", "carrier": "DHL", "tracking_number": "PART-1",
                 "lines": [{"sku": "COF-ETH-250", "quantity": 2}]}
                """#)
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.json()["unshipped"] as? [String: Int] == ["TEA-SEN-100": 1])
            try await sender.sendDue()
            #expect(try await server.outbox(integration: integration, state: "pending").isEmpty)

            var store = try await server.storeOrder(placed)
            #expect(store.status == .processing)
            var notes = try await server.storeNotes(placed)
            #expect(notes.contains { $0.contains("Partially shipped") && $0.contains("PART-1") }, "\(notes)")
            #expect(try Self.trackingNumbers(store) == ["PART-1"])

            let second = try await server.fulfill(
                orderID,
                #"""
                {"event": "shipped", "carrier": "UPS", "tracking_number": "PART-2",
                 "lines": [{"sku": "TEA-SEN-100", "quantity": 1}]}
                """#)
            #expect(second.status == .ok, "\(second.text)")
            #expect(try (second.json()["order"] as? [String: Any])?["status"] as? String == "shipped")
            try await sender.sendDue()
            #expect(try await server.outbox(integration: integration, state: "pending").isEmpty)
            #expect(try await server.outbox(integration: integration, state: "dead").isEmpty)

            store = try await server.storeOrder(placed)
            #expect(store.status == .completed)
            notes = try await server.storeNotes(placed)
            #expect(notes.contains { $0.hasPrefix("Shipped") && $0.contains("PART-2") }, "\(notes)")
            #expect(try Self.trackingNumbers(store) == ["PART-1", "PART-2"])
        }
    }

    /// The tracking numbers in the order's `_wc_shipment_tracking_items` meta, in order.
    static func trackingNumbers(_ order: WooOrder) throws -> [String] {
        let meta = try #require(order.metaData.first { $0.key == ShipmentTracking.metaKey })
        guard case .array(let entries) = meta.value else { return [] }
        return entries.compactMap { $0["tracking_number"]?.stringValue }
    }

    /// Events the order cannot take, bodies that are wrong and orders of others are refused, changing nothing.
    @Test(arguments: TestEngine.allCases)
    func refusedEventsChangeNothing(engine: TestEngine) async throws {
        try await ServerHarness.with(engine, storeConfiguration: .small) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let placed = try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: "COF-ETH-250")]))
            try await server.syncOrders(integration: integration)
            let orderID = try #require(try await server.logixOrders(integration: integration)[placed]?["id"] as? Int)

            let illegal = try await server.fulfill(orderID, #"{"event": "delivered"}"#)
            #expect(illegal.status == .conflict)
            #expect(illegal.errorCode == "illegal_transition")
            #expect(Self.fields(illegal)["current_status"] == "ready")

            for (body, field) in [
                ("{}", "event"), (#"{"event": "teleported"}"#, "event"),
                (#"{"event": "shipped", "tracking_number": "T1"}"#, "carrier"),
                (#"{"event": "shipped", "carrier": "DHL"}"#, "tracking_number"),
                (
                    #"{"event": "shipped", "carrier": "DHL", "tracking_number": "T1", "tracking_url": "ftp://x"}"#,
                    "tracking_url"
                ),
                (
                    #"{"event": "shipped", "carrier": "DHL", "tracking_number": "T1", "lines": [{"sku": "X"}]}"#,
                    "lines[0]"
                ),
                (#"{"event": "cancelled"}"#, "reason"),
            ] {
                let response = try await server.fulfill(orderID, body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.text)")
                #expect(Self.fields(response)[field] != nil, "\(body): \(response.text)")
            }
            // Shipping more than the order holds is refused too (once it is packed).
            #expect(try await server.fulfill(orderID, #"{"event": "picked"}"#).status == .ok)
            #expect(try await server.fulfill(orderID, #"{"event": "packed"}"#).status == .ok)
            let tooMany = try await server.fulfill(
                orderID,
                #"{"event": "shipped", "carrier": "DHL", "tracking_number": "T1", "lines": [{"sku": "COF-ETH-250", "quantity": 5}]}"#
            )
            #expect(tooMany.status == .unprocessableContent, "\(tooMany.text)")
            #expect(Self.fields(tooMany)["lines"] != nil)

            // Bob cannot see Alice's order, let alone move it; an unknown order is the same 404.
            let foreign = try await server.fulfill(orderID, #"{"event": "delivered"}"#, token: server.bob)
            #expect(foreign.status == .notFound)
            #expect(try await server.fulfill(999_999, #"{"event": "picked"}"#).status == .notFound)

            let order = try #require(try await server.logixOrders(integration: integration)[placed])
            #expect(order["status"] as? String == "packed")
            #expect(try await server.outbox(integration: integration).isEmpty)
        }
    }

    static func fields(_ response: TestResponse) -> [String: String] {
        ((try? response.json())?["error"] as? [String: Any])?["fields"] as? [String: String] ?? [:]
    }

    /// An order the store moves to the trash (`order.deleted`, a bare id refetched from the store) is cancelled
    /// in Logix before picking — released, never picked — and flagged for a person once picking started.
    @Test func ordersTrashedInTheStoreAreCancelledOrFlagged() async throws {
        try await ServerHarness.with(storeConfiguration: .small, live: true) { server in
            let sim = try #require(server.sim)
            let integration = try await server.createIntegration()
            let registered = try await server.request(
                .post, "/api/v1/woocommerce/integrations/\(integration)/webhooks", token: server.alice, json: "{}")
            #expect(registered.status == .ok, "\(registered.text)")
            let waiting = try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: "COF-ETH-250")]))
            let picked = try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: "COF-ETH-250")]))
            _ = try await server.waitForOrder(waiting, integration: integration)
            let pickedID = try #require(try await server.waitForOrder(picked, integration: integration)["id"] as? Int)
            #expect(try await server.fulfill(pickedID, #"{"event": "picked"}"#).status == .ok)
            try await server.waitForAppliedInbox()

            _ = try await sim.store.deleteOrder(waiting, force: false)
            _ = try await sim.store.deleteOrder(picked, force: false)
            try await waitUntil("the trashed orders are applied") {
                let orders = try await server.logixOrders(integration: integration)
                return orders[waiting]?["status"] as? String == "cancelled"
                    && orders[picked]?["review"] is [String: Any]
            }
            let orders = try await server.logixOrders(integration: integration)
            #expect(orders[waiting]?["store_status"] as? String == "trash")
            #expect(orders[picked]?["status"] as? String == "picking")
        }
    }
}
