import ArgumentParser
import Foundation
import LogixServer
import Storage
import Sync

/// `logix integrations …`: a user's store connections, through the same use cases as the API's
/// `/api/v1/woocommerce/integrations` routes.
struct IntegrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrations",
        abstract: "Connect, inspect, test, sync and delete a user's stores.",
        discussion: """
            Every subcommand acts for one user (--user or LOGIX_USER) on the database and master key that \
            `logix serve` uses (--database-url, --data-dir or their LOGIX_* variables), under the API's rules: \
            another user's integration does not exist, a store's refusal is reported with its own code.

            Example:
              export LOGIX_USER=ops@example.com
              logix integrations list
              logix integrations sync 1
            """,
        subcommands: [
            IntegrationsListCommand.self, IntegrationsAddCommand.self, IntegrationsAddShopifyCommand.self,
            IntegrationsShowCommand.self,
            IntegrationsTestCommand.self, IntegrationsSyncCommand.self, IntegrationsWebhooksCommand.self,
            IntegrationsProductsCommand.self, IntegrationsDeleteCommand.self,
        ])
}

/// `logix integrations list`: the user's integrations, a line each.
struct IntegrationsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the user's integrations (the consumer key by its last four characters only).",
        discussion: """
            Example:
              logix integrations list --user ops@example.com
              logix integrations list --json | jq '.items[].id'
            """)

    @OptionGroup var options: OperatorOptions

    /// As many as a person can read; the JSON says how many there are in all.
    static let limit = 1000

    func run() async throws {
        try await options.run("integrations list") { session in
            let (records, total) = try await session.services.integrations.list(
                userID: session.userID, page: 1, perPage: Self.limit)
            if session.json {
                return session.printJSON(
                    try APIBodies.integrations(records, page: 1, perPage: Self.limit, total: total))
            }
            var table = TextTable([
                .right("ID"), .left("NAME"), .left("PLATFORM"), .left("STORE"), .left("STATUS"), .left("KEY"),
                .left("LAST SYNC"),
            ])
            for record in records {
                table.append([
                    String(record.id), record.name, record.platform, record.storeURL, record.status.rawValue,
                    OperatorFormat.key(last4: record.consumerKeyLast4), OperatorFormat.time(record.lastSyncAt),
                ])
            }
            table.print(empty: "no integrations yet: connect a store with `logix integrations add`")
        }
    }
}

/// `logix integrations add`: connects a store, checked against it first (as `POST …/integrations`).
struct IntegrationsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Connect a WooCommerce store; its keys are checked against the store before they are stored.",
        discussion: """
            The consumer secret is never a flag (it would show in `ps`): it comes from \
            WOOCOMMERCE_CONSUMER_SECRET, else the first line of standard input, else a prompt that does not echo. \
            WOOCOMMERCE_WEBHOOK_SECRET, when set, is the webhook secret (for webhooks made by hand in the store, or \
            to load the receiver with `logix bench webhooks --target`); otherwise one is made when webhooks are \
            registered.

            Example:
              WOOCOMMERCE_CONSUMER_SECRET=cs_… logix integrations add \\
                --store-url https://shop.example.com --consumer-key ck_… --name "Main shop"
            """)

    @Option(name: .customLong("store-url"), help: "The shop's home address, e.g. https://shop.example.com.")
    var storeURL: String

    @Option(name: .customLong("consumer-key"), help: "The REST API consumer key (ck_…), Read/Write.")
    var consumerKey: String

    @Option(help: "A name for the integration (default: the store's host).")
    var name: String?

    @Flag(
        name: .customLong("allow-read-only"),
        help: "Accept keys that may only read: imports work, fulfillment and stock updates cannot be sent.")
    var allowReadOnly = false

    @OptionGroup var options: OperatorOptions

    /// The store's host (`shop.example.com`), the name a person would give it; the URL itself when it has none.
    static func defaultName(_ storeURL: String) -> String {
        URLComponents(string: storeURL.trimmingCharacters(in: .whitespaces))?.host.flatMap { $0.isEmpty ? nil : $0 }
            ?? storeURL
    }

    func validate() throws {
        guard !storeURL.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--store-url must not be empty")
        }
        guard !consumerKey.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--consumer-key must not be empty")
        }
    }

    func run() async throws {
        try await options.run("integrations add") { session in
            let secret = try SecretInput.consumerSecret.read()
            let webhookSecret = SecretInput.webhookSecret()
            let record = try await session.atStore(storeURL) {
                try await session.services.integrations.create(
                    userID: session.userID, storeURL: storeURL, consumerKey: consumerKey, consumerSecret: secret,
                    settings: IntegrationSettingsChange(
                        name: name ?? Self.defaultName(storeURL), allowReadOnly: allowReadOnly ? true : nil),
                    verify: true, webhookSecret: webhookSecret)
            }
            if session.json { return session.printJSON(try APIBodies.integration(record)) }
            print("added integration \(record.id) \"\(record.name)\" for \(record.storeURL)")
            print(
                "next: `logix integrations webhooks \(record.id)` to register webhooks, "
                    + "`logix integrations sync \(record.id)` for the first import")
        }
    }
}

/// `logix integrations show ID`: one integration with its health (as `GET …/integrations/{id}`).
struct IntegrationsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an integration's settings and health: last sync, last error, webhooks, store updates.",
        discussion: """
            Example:
              logix integrations show 1
              logix integrations show 1 --json | jq .health
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @OptionGroup var options: OperatorOptions

    func run() async throws {
        try await options.run("integrations show") { session in
            let detail = try await session.services.integrations.detail(id: id, userID: session.userID)
            if session.json { return session.printJSON(try APIBodies.integration(detail)) }
            let record = detail.record
            let health = detail.health
            var lines: [(String, String)] = [
                ("id", String(record.id)),
                ("name", record.name),
                ("store", record.storeURL),
                ("status", record.status.rawValue),
                ("consumer key", OperatorFormat.key(last4: record.consumerKeyLast4)),
                ("webhook secret", record.webhookSecretSealed == nil ? "none (webhooks not registered)" : "set"),
                ("auto sync", record.autoSync ? "every \(record.syncIntervalMinutes) min" : "off"),
                ("read-only keys", record.allowsReadOnly ? "allowed" : "refused"),
                (
                    "store pacing",
                    "up to \(record.maxConcurrency) requests at once"
                        + (record.maxRequestsPerSecond.map { ", \(StorePacing.describe($0)) a second" } ?? "")
                ),
                ("created", OperatorFormat.time(record.createdAt)),
                ("last sync", OperatorFormat.time(record.lastSyncAt)),
                ("orders cursor", OperatorFormat.time(record.ordersCursor)),
                ("last success", OperatorFormat.time(health.lastSuccessAt)),
                (
                    "last error",
                    health.lastError.map { "\($0.code): \($0.message) (\(OperatorFormat.time($0.at)))" } ?? "-"
                ),
                ("store updates", "\(detail.outbox.pending) pending, \(detail.outbox.dead) dead"),
            ]
            if let refused = health.writesRefused {
                lines.append(("writes refused", "\(refused.code): \(refused.message)"))
            }
            if let webhooks = health.webhooks {
                lines.append(("webhooks checked", OperatorFormat.time(webhooks.checkedAt)))
                for topic in webhooks.topics {
                    lines.append(("  " + topic.topic, "\(topic.status.rawValue) (\(topic.action.rawValue))"))
                }
            } else {
                lines.append(("webhooks", "never checked"))
            }
            let width = lines.map(\.0.count).max() ?? 0
            for (label, value) in lines {
                print(label + ":" + String(repeating: " ", count: width - label.count + 1) + value)
            }
        }
    }
}

/// `logix integrations test ID`: asks the store who it is with the stored keys (as `POST …/{id}/test`).
struct IntegrationsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test an integration's connection: versions, currency, auth mode, latency, write access.",
        discussion: """
            Exits 1 with the store's own code when it refuses the keys \
            (e.g. woocommerce_rest_authentication_error).

            Example:
              logix integrations test 1
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @OptionGroup var options: OperatorOptions

    func run() async throws {
        try await options.run("integrations test") { session in
            let record = try await session.integration(id)
            let report = try await session.atStore(record.storeURL) {
                try await session.services.integrations.testConnection(id: id, userID: session.userID)
            }
            if session.json { return session.printJSON(try APIBodies.connectionTest(report)) }
            let milliseconds =
                Double(report.latency.components.seconds) * 1000
                + Double(report.latency.components.attoseconds) / 1e15
            print("ok: \(report.storeURL) answers")
            if report.platform == .shopify {
                print(
                    "  Shopify shop \(report.details["shop_name"] ?? "?"), Admin API "
                        + "\(report.details["api_version"] ?? "?") (as served)")
            } else {
                print(
                    "  WooCommerce \(report.platformVersion ?? "?"), "
                        + "WordPress \(report.details["wordpress_version"] ?? "?")")
            }
            print("  currency \(report.currency ?? "?"), auth \(report.details["auth_mode"] ?? "unknown")")
            print("  latency \(Int(milliseconds.rounded())) ms, writes \(Self.writes(report.canWrite))")
        }
    }

    static func writes(_ canWrite: Bool?) -> String {
        switch canWrite {
        case true?: "allowed"
        case false?: "refused (read-only keys)"
        case nil: "unknown"
        }
    }
}

/// `logix integrations webhooks ID`: registers or repairs the store's webhooks (as `POST …/{id}/webhooks`).
struct IntegrationsWebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Register (or repair) the integration's webhooks at the store; running it again never duplicates.",
        discussion: """
            The store delivers to the URL it reaches `logix serve` at: set --public-url or LOGIX_PUBLIC_URL \
            as for the server. A repair of an integration synced before also runs the backfill sync here.

            Example:
              logix integrations webhooks 1 --public-url https://logix.example.com
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @OptionGroup var options: OperatorOptions

    func run() async throws {
        try await options.run("integrations webhooks") { session in
            let record = try await session.integration(id)
            let registered = try await session.atStore(record.storeURL) {
                try await session.services.webhookRegistration.register(
                    userID: session.userID, integrationID: id, topics: nil)
            }
            // The backfill is a job of this process: it must end before the process does.
            var backfill: SyncRun?
            if let job = registered.backfill { backfill = try await session.services.orderSyncs.finish(job) }
            if session.json { return session.printJSON(try APIBodies.webhooks(registered)) }
            print("webhooks of integration \(id) deliver to \(registered.deliveryURL)")
            var table = TextTable([.left("TOPIC"), .right("WEBHOOK"), .left("STATUS"), .left("DONE")])
            for hook in registered.webhooks {
                table.append([hook.topic, String(hook.id), hook.status.rawValue, hook.action.rawValue])
            }
            table.print(empty: "no webhooks")
            if let backfill {
                print("backfill sync \(backfill.id): \(backfill.state.rawValue), \(backfill.counts.total) orders read")
            } else if registered.backfillDeferred {
                print("backfill: another order sync is running and covers the gap")
            }
        }
    }
}

/// `logix integrations delete ID --yes`: the integration, its webhooks at the store, and all it owns.
struct IntegrationsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an integration: its webhooks at the store, its orders and queued updates; asks for --yes.",
        discussion: """
            Example:
              logix integrations delete 1 --yes
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @Flag(help: "Confirm: the integration's orders and queued store updates are deleted with it.") var yes = false
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        guard yes else {
            throw ValidationError("deleting integration \(id) deletes its orders and queued updates too; add --yes")
        }
    }

    /// What `--json` prints: the API answers 204 with no body, a script still gets one document.
    struct Deleted: Encodable {
        var id: Int64
        var deleted: Bool
        var webhooksRemoved: Int

        enum CodingKeys: String, CodingKey {
            case id, deleted
            case webhooksRemoved = "webhooks_removed"
        }
    }

    func run() async throws {
        try await options.run("integrations delete") { session in
            let record = try await session.integration(id)
            let removed = try await session.services.integrations.delete(id: id, userID: session.userID)
            if session.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return session.printJSON(try encoder.encode(Deleted(id: id, deleted: true, webhooksRemoved: removed)))
            }
            print("deleted integration \(id) \"\(record.name)\" (\(removed) webhooks removed at the store)")
        }
    }
}
