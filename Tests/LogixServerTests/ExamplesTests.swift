import Foundation
import HTTPTypes
import LogixTestSupport
import Testing
import WooCommerce
import WooSim

/// Every file in `examples/` run as a reader runs it — `bash`, `python3`, `node` as real processes, configured by
/// environment variables, each step's output feeding the next — against a live `logix serve` and a simulated
/// store. Each step is checked for what it printed and for what it changed in Logix and in the store. The three
/// languages must print the same lines: each is held to the same expected text. A missing interpreter fails.
@Suite struct ExamplesTests {
    typealias Bodies = APIAnswers

    @Test(arguments: ExampleLanguage.allCases)
    func theWholeScenarioRunsAndDoesWhatItSays(language: ExampleLanguage) async throws {
        try await ExampleScene.with { scene in
            let sim = scene.sim
            var outputs: [LogixProcess.Outcome] = []
            func step(_ name: String, _ environment: [String: String]) async throws -> LogixProcess.Outcome {
                let outcome = try await scene.run(language, name, environment)
                outputs.append(outcome)
                #expect(outcome.status == 0, "\(language) \(name): \(outcome)")
                return outcome
            }

            // get-token: the token alone, which works.
            let signIn = ["LOGIX_EMAIL": ExampleScene.email, "LOGIX_PASSWORD": ExampleScene.password]
            let token = try await step("get-token", signIn).standardOutput.trimmingCharacters(in: .newlines)
            #expect(token.split(separator: ".").count == 3, "a JWT: \(token)")
            let api = scene.api(token)
            _ = try await api.get("/api/v1/woocommerce/integrations", as: Bodies.Page<Bodies.Integration>.self)
            var base = ["LOGIX_TOKEN": token]

            // connect-store: the integration's id alone; the store and its catalogue are connected.
            let connected = try await step(
                "connect-store",
                base.merging([
                    "STORE_URL": sim.baseURL, "STORE_CONSUMER_KEY": sim.readWriteKeys.consumerKey,
                    "STORE_CONSUMER_SECRET": sim.readWriteKeys.consumerSecret, "STORE_NAME": "Tea shop",
                ]) { $1 })
            let integrationID = try #require(Int(connected.standardOutput.trimmingCharacters(in: .newlines)))
            let integration = try await api.get(
                "/api/v1/woocommerce/integrations/\(integrationID)", as: Bodies.Integration.self)
            #expect(integration.storeURL == sim.baseURL)
            #expect(integration.integrationName == "Tea shop")
            #expect(connected.standardError.contains("connected Tea shop as integration \(integrationID)"))
            #expect(
                connected.standardError.contains(#/catalogue: [0-9]+ products, [0-9]+ variations, [0-9]+ SKUs mapped/#))
            base["LOGIX_INTEGRATION_ID"] = String(integrationID)

            // sync-orders: follows the run to its end and prints the counts the run recorded.
            let synced = try await step("sync-orders", base)
            let runs = try await api.get(
                "/api/v1/woocommerce/integrations/\(integrationID)/sync-logs", as: Bodies.Page<Bodies.SyncRun>.self)
            let run = try #require(runs.items.first)
            #expect(run.state == "succeeded")
            let counts = run.counts
            #expect(counts.created >= scene.placed.count, "\(counts)")
            let syncLines = synced.standardOutput.split(separator: "\n").map(String.init)
            #expect(syncLines.first == "sync \(run.id) started", "\(synced)")
            #expect(
                syncLines.last
                    == "sync \(run.id) succeeded: \(counts.total) orders, \(counts.created) created, "
                    + "\(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.flagged) flagged, "
                    + "\(counts.skipped) skipped, \(counts.failed) failed", "\(synced)")

            // orders-to-pick: every ready order, as the API lists them, then the count.
            let ready = try await api.get(
                "/api/v1/orders?status=ready&per_page=100&integration_id=\(integrationID)",
                as: Bodies.Page<Bodies.Order>.self)
            for external in scene.placed { #expect(ready.items.contains { $0.externalID == external }) }
            let toPick = try await step("orders-to-pick", base)
            #expect(
                toPick.standardOutput
                    == (ready.items.map(\.pickLine) + ["orders awaiting picking: \(ready.total)"]).joined(
                        separator: "\n") + "\n")

            // ship-order: picked, packed, shipped; the store's order is completed with the tracking number.
            let orderID = try #require(toPick.standardOutput.split(separator: "\n").first?.split(separator: "\t").first)
            let order = try #require(ready.items.first { String($0.id) == orderID })
            let tracking = "00340434161234567890"
            let shipping = base.merging(["ORDER_ID": String(orderID), "CARRIER": "DHL", "TRACKING_NUMBER": tracking]) {
                $1
            }
            let shipped = try await step("ship-order", shipping)
            let shippedLines = shipped.standardOutput.split(separator: "\n").map(String.init)
            #expect(shippedLines.count == 3, "\(shipped)")
            #expect(shippedLines.first == "picked: order \(order.id) (#\(order.number)) is now picking")
            #expect(shippedLines.dropFirst().first == "packed: order \(order.id) (#\(order.number)) is now packed")
            #expect(
                shippedLines.last?.hasPrefix(
                    "shipped: order \(order.id) (#\(order.number)) is now shipped, DHL \(tracking), ") == true,
                "\(shipped)")
            #expect(shippedLines.last?.contains(", store updates queued: ") == true, "\(shipped)")
            let after = try await api.get("/api/v1/orders/\(order.id)", as: Bodies.Order.self)
            #expect(after.status == "shipped")
            try await waitUntil(
                "the store's order \(order.externalID) is completed with its tracking note"
            ) {
                let status = try await Self.storeOrder(order.externalID, sim).status
                let notes = await sim.orderNotes(order.externalID) ?? []
                return status == .completed && notes.contains { $0.contains(tracking) }
            }
            // Again: the order cannot be picked twice; the API's error on stderr, exit 1.
            let again = try await scene.run(language, "ship-order", shipping)
            outputs.append(again)
            #expect(again.status == 1, "\(again)")
            #expect(again.standardOutput.isEmpty, "\(again)")
            #expect(again.standardError.contains("error 409 "), "\(again)")
            #expect(again.standardError.contains(#/\(request [0-9A-Za-z-]+\)/#), "the request id: \(again)")

            // set-stock: Logix's figure, and the store's once the push went out.
            let stock = try await step("set-stock", base.merging(["SKU": ExampleScene.sku, "ON_HAND": "40"]) { $1 })
            let levels = try await api.get(
                "/api/v1/inventory?search=\(ExampleScene.sku)", as: Bodies.Page<Bodies.InventoryItem>.self)
            let level = try #require(levels.items.first { $0.sku == ExampleScene.sku })
            #expect(level.onHand == 40)
            #expect(
                stock.standardOutput
                    == "\(level.sku): on hand 40, reserved \(level.reserved), available \(level.available), "
                    + "stores to update: 1\n")
            try await waitUntil("the store's stock of \(ExampleScene.sku) is \(level.available)") {
                try await Self.storeStock(ExampleScene.sku, sim) == level.available
            }

            // retry-dead-updates: a store update the store refused (404 once) is listed, retried, and goes out.
            let second = try #require(ready.items.first { $0.id != order.id })
            await sim.failNext(count: 1, status: 404, method: "PUT", path: "/wp-json/wc/v3/orders/\(second.externalID)")
            for body in [
                #"{"event": "picked"}"#, #"{"event": "packed"}"#,
                #"{"event": "shipped", "carrier": "UPS", "tracking_number": "1Z999AA10123456784"}"#,
            ] {
                let (status, answer) = try await api.request(
                    .post, "/api/v1/orders/\(second.id)/fulfillment", json: body)
                try #require(status == .ok, "\(String(decoding: answer, as: UTF8.self))")
            }
            var dead: [Bodies.OutboxItem] = []
            try await waitUntil("the store update of order \(second.externalID) is dead") {
                dead = try await Self.outbox(api, integrationID, state: "dead")
                return dead.contains { $0.externalOrderID == second.externalID && $0.kind == "order_update" }
            }
            let retried = try await step("retry-dead-updates", base)
            #expect(
                retried.standardOutput
                    == (dead.map { "\($0.id)\t\($0.kind)\t\($0.lastError ?? "")" }
                    + dead.map { "retried \($0.id): pending" } + ["dead store updates retried: \(dead.count)"])
                    .joined(separator: "\n") + "\n")
            try await waitUntil(
                "the retried update reached the store: order \(second.externalID) is completed"
            ) {
                try await Self.storeOrder(second.externalID, sim).status == .completed
            }
            // The store answered before the sender recorded it: each retried item ends done.
            try await waitUntil("every retried update is done") {
                let done = try await Self.outbox(api, integrationID, state: "done")
                return dead.allSatisfy { item in done.contains { $0.id == item.id } }
            }

            // store-health: the integration's health as the API reads it.
            try await waitUntil("the outbox is drained") {
                try await Self.outbox(api, integrationID, state: "pending").isEmpty
            }
            let health = try await step("store-health", base)
            let read = try await api.get(
                "/api/v1/woocommerce/integrations/\(integrationID)", as: Bodies.Integration.self)
            let state = try #require(read.health)
            var expected = [
                "Tea shop (\(sim.baseURL)): \(read.status), \(state.failing ? "failing" : "healthy")",
                "last success: \(state.lastSuccessAt ?? "never")",
                "last error: " + (state.lastError.map { "\($0.code): \($0.message) (\($0.at))" } ?? "none"),
                "webhooks: not registered",
                "store updates: 0 pending, 0 dead",
            ]
            if let refused = state.writesRefused {
                expected.append("writes refused: \(refused.code): \(refused.message)")
            }
            #expect(health.standardOutput == expected.joined(separator: "\n") + "\n")

            // A variable left out is named, and nothing is sent.
            var missing = base
            missing["LOGIX_INTEGRATION_ID"] = nil
            let unnamed = try await scene.run(language, "store-health", missing)
            #expect(unnamed.status == 1, "\(unnamed)")
            #expect(unnamed.standardError.contains("LOGIX_INTEGRATION_ID"), "\(unnamed)")

            // A wrong password: WooCommerce-style error on stderr, exit 1, no token, the password not echoed.
            let refused = try await scene.run(
                language, "get-token", signIn.merging(["LOGIX_PASSWORD": "not the password"]) { $1 })
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.standardOutput.isEmpty)
            #expect(refused.standardError.contains("error 401 invalid_credentials: "), "\(refused)")
            #expect(!refused.standardError.contains("not the password"))

            // No example printed a secret: the password, the store's keys, or the token (but get-token's stdout).
            for (index, outcome) in outputs.enumerated() {
                let printed = (index == 0 ? "" : outcome.standardOutput) + outcome.standardError
                for secret in [
                    ExampleScene.password, sim.readWriteKeys.consumerSecret, sim.readWriteKeys.consumerKey, token,
                ] {
                    #expect(!printed.contains(secret), "step \(index) printed a secret: \(outcome)")
                }
            }
        }
    }

    /// The sync follower waits out a 429 as its `Retry-After` says. The server allows a request every 3 s (a bucket
    /// of about one): starting the sync right after connecting the store is refused, and so is the first look at
    /// its progress right after the start — each unless ~3 s passed in between — and it still ends with the counts.
    @Test(arguments: ExampleLanguage.allCases)
    func theSyncFollowerWaitsOutRateLimits(language: ExampleLanguage) async throws {
        try await ExampleScene.with(apiRateLimit: "0.34") { scene in
            let signIn = ["LOGIX_EMAIL": ExampleScene.email, "LOGIX_PASSWORD": ExampleScene.password]
            let token = try await scene.run(language, "get-token", signIn)
            try #require(token.status == 0, "\(token)")
            var base = ["LOGIX_TOKEN": token.standardOutput.trimmingCharacters(in: .newlines)]
            let connected = try await scene.run(
                language, "connect-store",
                base.merging([
                    "STORE_URL": scene.sim.baseURL, "STORE_CONSUMER_KEY": scene.sim.readWriteKeys.consumerKey,
                    "STORE_CONSUMER_SECRET": scene.sim.readWriteKeys.consumerSecret, "STORE_NAME": "Tea shop",
                ]) { $1 })
            try #require(connected.status == 0, "\(connected)")
            base["LOGIX_INTEGRATION_ID"] = connected.standardOutput.trimmingCharacters(in: .newlines)
            let synced = try await scene.run(language, "sync-orders", base)
            #expect(synced.status == 0, "\(synced)")
            #expect(synced.standardError.contains(#/rate limited: retrying in [0-9]+ s/#), "\(synced)")
            #expect(
                synced.standardOutput.contains(#/sync [0-9]+ succeeded: [0-9]+ orders, [1-9][0-9]* created/#),
                "\(synced)")
        }
    }

    /// The names of the examples: one file of each in every language.
    static let names = [
        "get-token", "connect-store", "sync-orders", "orders-to-pick", "ship-order", "set-stock", "retry-dead-updates",
        "store-health",
    ]

    /// Every environment variable an example reads is named in its header and in examples/README.md's table, and
    /// the three languages of one example read the same ones: the README's list is the whole configuration.
    @Test func everyVariableAnExampleReadsIsDocumented() throws {
        let readme = try String(
            contentsOf: ExampleScene.repository.appendingPathComponent("examples/README.md"), encoding: .utf8)
        for name in Self.names {
            var readByLanguage: [ExampleLanguage: Set<String>] = [:]
            for language in ExampleLanguage.allCases {
                let file = language.file(name)
                let text = try String(
                    contentsOf: ExampleScene.repository.appendingPathComponent(file), encoding: .utf8)
                let read = Self.variables(readIn: text, language)
                #expect(read.contains("LOGIX_URL"), "\(file)")
                let header = text.components(separatedBy: language.codeStart).first ?? ""
                for variable in read {
                    // As Bools: a failure names the file and the variable, not the whole text searched.
                    let (inHeader, inReadme) = (header.contains(variable), readme.contains("`\(variable)`"))
                    #expect(inHeader, "\(file) reads \(variable) but its header does not say so")
                    #expect(inReadme, "\(file) reads \(variable), missing from examples/README.md")
                }
                readByLanguage[language] = read
            }
            #expect(Set(readByLanguage.values).count == 1, "\(name) reads different variables: \(readByLanguage)")
        }
    }

    /// The environment variables `text` reads, by the ways each language's examples read them.
    static func variables(readIn text: String, _ language: ExampleLanguage) -> Set<String> {
        let patterns: [Regex<(Substring, Substring)>] =
            switch language {
            case .curl: [#/\$\{?([A-Z][A-Z0-9_]*)/#, #/env\.([A-Z][A-Z0-9_]*)/#]
            case .python: [#/env\(["']([A-Z][A-Z0-9_]*)["']/#, #/environ\.get\(["']([A-Z][A-Z0-9_]*)["']/#]
            case .javascript:
                [
                    #/env\("([A-Z][A-Z0-9_]*)"/#, #/process\.env\.([A-Z][A-Z0-9_]*)/#,
                    #/([A-Z][A-Z0-9_]*): [a-z]+ *[,}]/#,
                ]
            }
        var names: Set<String> = []
        for pattern in patterns {
            for match in text.matches(of: pattern) { names.insert(String(match.output.1)) }
        }
        return names
    }

    /// A machine without an interpreter (or curl, or jq) fails the suite with the program's name: never a skip.
    @Test func aMissingProgramIsAFailureThatNamesIt() {
        let name = "no-such-interpreter-\(UUID().uuidString.prefix(8))"
        let error = #expect(throws: TestDatabaseError.self) { try ScriptProcess.locate(name) }
        #expect(error?.description.contains("`\(name)` is not installed") == true, "\(String(describing: error))")
    }

    static func storeOrder(_ id: Int, _ sim: WooSim) async throws -> WooOrder {
        try WooOrder.decode(from: try #require(await sim.orderJSON(id)))
    }

    static func storeStock(_ sku: String, _ sim: WooSim) async throws -> Int? {
        try JSONDecoder().decode(WooProduct.self, from: try #require(await sim.productJSON(sku: sku))).stockQuantity
    }

    static func outbox(_ api: ExampleAPI, _ integration: Int, state: String) async throws -> [Bodies.OutboxItem] {
        try await api.get(
            "/api/v1/outbox?state=\(state)&integration_id=\(integration)&per_page=100",
            as: Bodies.Page<Bodies.OutboxItem>.self
        ).items
    }
}
