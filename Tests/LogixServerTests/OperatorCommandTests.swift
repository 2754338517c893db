import Foundation
import LogixTestSupport
import ShopifySim
import Storage
import Testing
import WooSim

/// The operator command line (`logix integrations|orders|outbox|inventory …`) run as the real binary against
/// a real SQLite file (PostgreSQL too where the engine matters) and a WooSim store over loopback: each subcommand checked by what it printed and by
/// what changed, under the API's rules (a store's refusal keeps its code, another user's ids do not exist),
/// with the exit codes scripts rely on (0 ok, 1 failed, 2 bad usage).
@Suite struct OperatorCommandTests {
    @Test func integrationsAddListShowTestWebhooksAndDelete() async throws {
        try await OperatorScene.with { scene in
            let keys = scene.sim.readWriteKeys

            // The secret from standard input, as a script pipes it: never a flag.
            let added = try await scene.logix(
                ["integrations", "add", "--store-url", scene.sim.baseURL, "--consumer-key", keys.consumerKey],
                input: keys.consumerSecret + "\n")
            #expect(added.status == 0, "\(added)")
            #expect(added.standardOutput.contains("added integration"), "\(added)")
            #expect(added.standardError.isEmpty, "\(added)")

            let listed = try await scene.json(
                APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
            #expect(listed.total == 1)
            let integration = try #require(listed.items.first)
            #expect(integration.storeURL == scene.sim.baseURL)
            #expect(integration.consumerKeyLast4 == String(keys.consumerKey.suffix(4)))

            // For people: a table with the key's last four characters, and never the key or the secret.
            let table = try await scene.logix(["integrations", "list"])
            #expect(table.status == 0, "\(table)")
            let lines = table.standardOutput.split(separator: "\n")
            #expect(lines.first?.hasPrefix(" ID  NAME") == true || lines.first?.contains("STORE") == true, "\(table)")
            #expect(table.standardOutput.contains("…" + keys.consumerKey.suffix(4)), "\(table)")
            #expect(!table.standardOutput.contains(keys.consumerKey), "\(table)")
            #expect(!table.standardOutput.contains(keys.consumerSecret), "\(table)")

            let tested = try await scene.json(
                APIAnswers.ConnectionTest.self, ["integrations", "test", String(integration.id)])
            #expect(tested.ok)
            #expect(tested.storeURL == scene.sim.baseURL)
            let testedText = try await scene.logix(["integrations", "test", String(integration.id)])
            #expect(testedText.status == 0 && testedText.standardOutput.hasPrefix("ok: "), "\(testedText)")

            let registered = try await scene.json(
                APIAnswers.Webhooks.self, ["integrations", "webhooks", String(integration.id)],
                environment: ["LOGIX_PUBLIC_URL": "http://127.0.0.1:9"])
            #expect(registered.deliveryURL.hasPrefix("http://127.0.0.1:9/api/v1/woocommerce/webhooks/receive"))
            #expect(!registered.webhooks.isEmpty)
            #expect(registered.webhooks.allSatisfy { $0.action == "created" }, "\(registered.webhooks)")
            // Again: a repair that keeps what is there, never a duplicate.
            let again = try await scene.json(
                APIAnswers.Webhooks.self, ["integrations", "webhooks", String(integration.id)],
                environment: ["LOGIX_PUBLIC_URL": "http://127.0.0.1:9"])
            #expect(Set(again.webhooks.map(\.id)) == Set(registered.webhooks.map(\.id)))

            let shown = try await scene.json(
                APIAnswers.Integration.self, ["integrations", "show", String(integration.id)])
            #expect(shown.hasWebhookSecret)
            #expect(shown.health?.outboxDead == 0)
            let shownText = try await scene.logix(["integrations", "show", String(integration.id)])
            #expect(
                shownText.standardOutput.split(separator: "\n").contains {
                    $0.hasPrefix("webhook secret:") && $0.hasSuffix(" set")
                }, "\(shownText)")

            let unconfirmed = try await scene.logix(["integrations", "delete", String(integration.id)])
            #expect(unconfirmed.status == 2, "\(unconfirmed)")
            #expect(unconfirmed.standardError.contains("--yes"), "\(unconfirmed)")
            let deleted = try await scene.json(
                APIAnswers.Deleted.self, ["integrations", "delete", String(integration.id), "--yes"])
            #expect(deleted.deleted && deleted.id == integration.id)
            let after = try await scene.json(
                APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
            #expect(after.total == 0)
        }
    }

    /// A webhook secret of the operator's own (`WOOCOMMERCE_WEBHOOK_SECRET`, never a flag) is the integration's
    /// from the start, and never printed; without it there is none until webhooks are registered.
    @Test func aWebhookSecretOfTheOperatorsOwnIsKept() async throws {
        try await OperatorScene.with { scene in
            let keys = scene.sim.readWriteKeys
            let webhookSecret = "operatorchosen2026"
            let added = try await scene.logix(
                ["integrations", "add", "--store-url", scene.sim.baseURL, "--consumer-key", keys.consumerKey],
                environment: [
                    "WOOCOMMERCE_CONSUMER_SECRET": keys.consumerSecret, "WOOCOMMERCE_WEBHOOK_SECRET": webhookSecret,
                ])
            #expect(added.status == 0, "\(added)")
            #expect(!added.standardOutput.contains(webhookSecret) && !added.standardError.contains(webhookSecret))
            let listed = try await scene.json(
                APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
            #expect(listed.items.map(\.hasWebhookSecret) == [true])
        }
    }

    @Test func aWrongKeyIsRefusedWithTheStoresOwnCode() async throws {
        try await OperatorScene.with { scene in
            let secret = "cs_" + String(repeating: "0", count: 40)
            let refused = try await scene.logix(
                [
                    "integrations", "add", "--store-url", scene.sim.baseURL, "--consumer-key",
                    scene.sim.readWriteKeys.consumerKey,
                ], environment: ["WOOCOMMERCE_CONSUMER_SECRET": secret])
            #expect(refused.status == 1, "\(refused)")
            #expect(!refused.crashed)
            #expect(refused.standardOutput.isEmpty, "\(refused)")
            #expect(refused.errorLines.count == 1, "\(refused)")
            let line = try #require(refused.errorLines.first)
            #expect(line.hasPrefix("logix integrations add: woocommerce_rest_authentication_error: "), "\(line)")
            #expect(line.contains(scene.sim.baseURL), "the line names the store: \(line)")
            #expect(!line.contains(secret) && !line.contains(scene.sim.readWriteKeys.consumerKey), "\(line)")
            let listed = try await scene.json(
                APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
            #expect(listed.total == 0, "nothing stored when the store refuses the keys")
        }
    }

    @Test func aStoreOnALoopbackAddressNeedsTheServersSetting() async throws {
        try await OperatorScene.with { scene in
            let keys = scene.sim.readWriteKeys
            let arguments = [
                "integrations", "add", "--store-url", scene.sim.baseURL, "--consumer-key", keys.consumerKey,
            ]
            let refused = try await scene.logix(
                arguments,
                environment: ["LOGIX_ALLOW_PRIVATE_STORES": "", "WOOCOMMERCE_CONSUMER_SECRET": keys.consumerSecret])
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.errorLines.count == 1, "\(refused)")
            #expect(refused.standardError.hasPrefix("logix integrations add: store_url_not_allowed: "), "\(refused)")
            // The flag, as `logix serve --allow-private-stores`.
            let allowed = try await scene.logix(
                arguments + ["--allow-private-stores"],
                environment: ["LOGIX_ALLOW_PRIVATE_STORES": "", "WOOCOMMERCE_CONSUMER_SECRET": keys.consumerSecret])
            #expect(allowed.status == 0, "\(allowed)")
        }
    }

    @Test func anotherUsersIntegrationDoesNotExist() async throws {
        try await OperatorScene.with { scene in
            let id = try await scene.connect(as: OperatorScene.ann)
            for arguments in [
                ["integrations", "show", String(id)], ["integrations", "test", String(id)],
                ["integrations", "sync", String(id)], ["integrations", "delete", String(id), "--yes"],
            ] {
                let outcome = try await scene.logix(arguments, as: OperatorScene.bob)
                #expect(outcome.status == 1, "\(arguments): \(outcome)")
                #expect(
                    outcome.errorLines == ["logix \(arguments[0]) \(arguments[1]): not_found: integration not found"])
                #expect(outcome.standardOutput.isEmpty, "\(outcome)")
            }
            let bobs = try await scene.json(
                APIAnswers.Page<APIAnswers.Order>.self, ["orders", "list", "--integration", String(id)],
                as: OperatorScene.bob)
            #expect(bobs.total == 0)
            // Ann's integration is still there, untouched by Bob's delete.
            let anns = try await scene.json(
                APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
            #expect(anns.items.map(\.id) == [id])
        }
    }

    @Test func badUsageExitsTwoAndAFailureOne() async throws {
        try await OperatorScene.with { scene in
            for arguments in [
                ["orders", "list", "--status", "lost"], ["orders", "list", "--per-page", "500"],
                ["integrations", "delete", "1"], ["integrations", "show"], ["integrations", "list", "--colour"],
                ["outbox", "retry"], ["outbox", "retry", "--dead"], ["outbox", "list", "--state", "gone"],
                ["inventory", "set", "SKU", "many"],
            ] {
                let outcome = try await scene.logix(arguments)
                #expect(outcome.status == 2, "\(arguments): \(outcome)")
                #expect(!outcome.standardError.isEmpty && outcome.standardOutput.isEmpty, "\(arguments): \(outcome)")
            }
            let noUser = try await scene.logix(["integrations", "list"], as: nil)
            #expect(noUser.status == 2, "\(noUser)")
            #expect(noUser.standardError.contains("--user"), "\(noUser)")

            let unknown = try await scene.logix(["integrations", "list"], as: "nobody@example.test")
            #expect(unknown.status == 1, "\(unknown)")
            #expect(
                unknown.errorLines == [
                    "logix integrations list: there is no user with e-mail nobody@example.test (add one with `logix users add`)"
                ])
            let disabled = try await LogixProcess.run(
                ["users", "disable", OperatorScene.bob, "--database-url", scene.databaseURL], in: scene.folder)
            #expect(disabled.status == 0, "\(disabled)")
            let refused = try await scene.logix(["orders", "list"], as: OperatorScene.bob)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.standardError.contains("disabled"), "\(refused)")

            let missingOrder = try await scene.logix(["orders", "show", "999"])
            #expect(missingOrder.status == 1, "\(missingOrder)")
            #expect(missingOrder.errorLines == ["logix orders show: not_found: order not found"])
        }
    }

    @Test(arguments: TestEngine.allCases) func ordersAfterASync(engine: TestEngine) async throws {
        try await OperatorScene.with(orders: 250, engine: engine) { scene in
            let id = try await scene.connect()
            let synced = try await scene.json(APIAnswers.SyncJob.self, ["integrations", "sync", String(id), "--full"])
            let run = try #require(synced.run)
            #expect(run.state == "succeeded")
            #expect(run.counts.total == 250)
            #expect(run.pagesDone == 3)

            let ready = try await scene.json(
                APIAnswers.Page<APIAnswers.Order>.self,
                ["orders", "list", "--status", "ready", "--per-page", "100"])
            #expect(ready.total > 0)
            #expect(ready.items.allSatisfy { $0.status == "ready" && $0.integrationID == id })
            let first = try #require(ready.items.first)
            let shown = try await scene.json(APIAnswers.Order.self, ["orders", "show", String(first.id)])
            #expect(shown.id == first.id && shown.number == first.number)
            let searched = try await scene.json(
                APIAnswers.Page<APIAnswers.Order>.self, ["orders", "list", "--search", "#" + first.number])
            #expect(searched.items.map(\.id) == [first.id])

            let table = try await scene.logix(["orders", "list", "--status", "ready", "--per-page", "5"])
            #expect(table.status == 0, "\(table)")
            #expect(table.standardOutput.contains("#\(ready.items[0].number)"), "\(table)")
            #expect(table.standardOutput.contains("orders 1–5 of \(ready.total)"), "\(table)")
            let shownText = try await scene.logix(["orders", "show", String(first.id)])
            #expect(shownText.standardOutput.contains("status:   ready"), "\(shownText)")
        }
    }

    @Test func aSyncTheStoreRefusesFailsWithOneLineNamingTheStore() async throws {
        try await OperatorScene.with { scene in
            let id = try await scene.connect()
            await scene.sim.failNext(count: 50, status: 403, path: "/wp-json/wc/v3/orders")
            let failed = try await scene.logix(["integrations", "sync", String(id)])
            #expect(failed.status == 1, "\(failed)")
            #expect(failed.errorLines.count == 1, "\(failed)")
            let line = try #require(failed.errorLines.first)
            #expect(line.hasPrefix("logix integrations sync: sync run 1 "), "\(line)")
            #expect(line.contains("store \(scene.sim.baseURL)") && line.contains("403"), "\(line)")
            #expect(failed.standardOutput.split(separator: "\n").last?.hasPrefix("stopped: sync run 1 ") == true)
            let json = try await scene.logix(["integrations", "sync", String(id), "--json"])
            #expect(json.status == 1, "\(json)")
            let body = try JSONDecoder().decode(APIAnswers.SyncJob.self, from: Data(json.standardOutput.utf8))
            #expect(body.run?.state != "succeeded")
        }
    }

    @Test(arguments: TestEngine.allCases)
    func inventorySetQueuesAStoreUpdateAndADeadOneIsRetried(engine: TestEngine) async throws {
        try await OperatorScene.with(engine: engine) { scene in
            let id = try await scene.connect()
            let empty = try await scene.logix(["inventory", "list"])
            #expect(empty.standardOutput.contains("`logix integrations products ID`"), "\(empty)")
            let pulled = try await scene.logix(["integrations", "products", String(id)])
            #expect(pulled.status == 0, "\(pulled)")
            #expect(pulled.standardOutput.hasPrefix("pulled "), "\(pulled)")
            #expect(pulled.standardOutput.contains(" SKUs mapped"), "\(pulled)")

            let levels = try await scene.json(
                APIAnswers.Page<APIAnswers.InventoryItem>.self, ["inventory", "list", "--per-page", "100"])
            let item = try #require(levels.items.first { $0.stores.contains { $0.managesStock } }, "\(levels.items)")
            let listedText = try await scene.logix(["inventory", "list", "--search", item.sku])
            #expect(listedText.standardOutput.contains(item.sku), "\(listedText)")

            let set = try await scene.logix(["inventory", "set", item.sku, "7"])
            #expect(set.status == 0, "\(set)")
            #expect(set.standardOutput.contains("\(item.sku): 7 on hand"), "\(set)")
            #expect(set.standardOutput.contains("queued: 1 store update; a running `logix serve` sends them"), "\(set)")
            let after = try await scene.json(APIAnswers.InventoryItem.self, ["inventory", "set", item.sku, "8"])
            #expect(after.onHand == 8)

            let pending = try await scene.json(
                APIAnswers.Page<APIAnswers.OutboxItem>.self,
                ["outbox", "list", "--state", "pending", "--integration", String(id)])
            let push = try #require(pending.items.first { $0.kind == "stock" && $0.payload.contains(item.sku) })
            #expect(push.integrationID == id)

            // A dead one, as the sender leaves it after the retry bound: no command can make it so.
            try await scene.withDatabase { database in
                try await database.transaction { sql in
                    try await OutboxRecords().markDead(id: push.id, lastError: "store said no", at: Date(), on: sql)
                }
            }
            let dead = try await scene.json(
                APIAnswers.Page<APIAnswers.OutboxItem>.self, ["outbox", "list", "--state", "dead"])
            #expect(dead.items.map(\.id) == [push.id])
            let deadText = try await scene.logix(["outbox", "list", "--state", "dead"])
            #expect(deadText.standardOutput.contains("store said no"), "\(deadText)")

            let retried = try await scene.logix(["outbox", "retry", String(push.id)])
            #expect(retried.status == 0, "\(retried)")
            #expect(retried.standardOutput.contains("queued: 1 store update; a running `logix serve` sends them"))
            let again = try await scene.json(
                APIAnswers.Page<APIAnswers.OutboxItem>.self, ["outbox", "list", "--state", "pending"])
            #expect(again.items.map(\.id).contains(push.id))
            // Not dead any more: a second retry is refused, with the API's code.
            let notDead = try await scene.logix(["outbox", "retry", String(push.id)])
            #expect(notDead.status == 1, "\(notDead)")
            #expect(notDead.standardError.hasPrefix("logix outbox retry: not_dead: "), "\(notDead)")
            let none = try await scene.json(
                APIAnswers.Retried.self, ["outbox", "retry", "--dead", "--integration", String(id)])
            #expect(none.retried == 0)

            let unmapped = try await scene.logix(["inventory", "set", "NO-SUCH-SKU", "3"])
            #expect(unmapped.status == 1, "\(unmapped)")
            #expect(unmapped.errorLines == ["logix inventory set: not_found: sku not found"])
        }
    }

    /// A Shopify shop connects from the command line with both secrets on standard input (token first), is
    /// listed with its platform, and its connection test names the shop and the API version it served.
    @Test func aShopifyShopIsAddedListedAndTested() async throws {
        try await ShopifySim.with(orders: 0) { shop in
            try await OperatorScene.with { scene in
                // A refused token first: the shop's refusal, nothing stored, the token nowhere in the output.
                let refused = try await scene.logix(
                    ["integrations", "add-shopify", "--shop", shop.baseURL],
                    environment: ["SHOPIFY_ACCESS_TOKEN": "shpat_wrong", "SHOPIFY_API_SECRET": "x"])
                #expect(refused.status == 1, "\(refused)")
                #expect(refused.standardError.contains("store_refused_credentials"), "\(refused)")
                #expect(!refused.standardError.contains("shpat_wrong"))
                let added = try await scene.logix(
                    ["integrations", "add-shopify", "--shop", shop.baseURL, "--api-version", "2026-07"],
                    input: shop.accessToken + "\n" + shop.apiSecret + "\n")
                #expect(added.status == 0, "\(added)")
                #expect(added.standardOutput.contains("added Shopify integration"), "\(added)")
                #expect(
                    !added.standardOutput.contains(shop.accessToken) && !added.standardError.contains(shop.apiSecret))
                let listed = try await scene.json(
                    APIAnswers.Page<APIAnswers.Integration>.self, ["integrations", "list"])
                let integration = try #require(listed.items.first)
                #expect(integration.platform == "shopify" && integration.storeURL == shop.baseURL)
                let table = try await scene.logix(["integrations", "list"])
                #expect(table.standardOutput.contains("shopify"), "\(table)")
                let tested = try await scene.logix(["integrations", "test", String(integration.id)])
                #expect(tested.status == 0, "\(tested)")
                #expect(tested.standardOutput.contains("Admin API 2026-07"), "\(tested)")

            }
        }
    }
}
