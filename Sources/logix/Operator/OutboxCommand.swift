import ArgumentParser
import Foundation
import LogixServer
import Storage
import Sync

/// `logix outbox …`: the store updates queued for the user's stores (ARCHITECTURE.md, "Queued outbound"),
/// chiefly the dead ones, and sending them again once the cause is fixed.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List the store updates queued for the user's stores, and retry dead ones.",
        discussion: """
            Updates are sent by a running `logix serve` (its outbox sender); these commands only read and \
            queue them.

            Example:
              logix outbox list --state dead
              logix outbox retry --dead --integration 1
            """,
        subcommands: [OutboxListCommand.self, OutboxRetryCommand.self])

    /// What a person reads under a command that queued store updates.
    static func queuedLine(_ count: Int) -> String {
        "queued: \(count) store update\(count == 1 ? "" : "s"); a running `logix serve` sends them"
    }
}

/// `logix outbox list`: the user's queued updates, newest first.
struct OutboxListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List queued store updates (status, notes, tracking, stock), optionally of one state or store.",
        discussion: """
            Example:
              logix outbox list --state dead --integration 1
              logix outbox list --json | jq '.items[] | select(.state == "dead") | .last_error'
            """)

    @Option(help: "Only items in this state: pending, done or dead.") var state: String?
    @Option(name: .customLong("integration"), help: "Only this integration's items.") var integrationID: Int64?
    @OptionGroup var paging: PagingOptions
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        if let state, OutboxState(rawValue: state) == nil {
            throw ValidationError("unknown state \(state); one of pending, done, dead")
        }
    }

    func run() async throws {
        try await options.run("outbox list") { session in
            let (items, total) = try await session.services.storeUpdates.list(
                userID: session.userID, state: state, integrationID: integrationID.map(String.init),
                page: paging.page, perPage: paging.perPage)
            if session.json {
                return session.printJSON(
                    try APIBodies.outbox(items, page: paging.page, perPage: paging.perPage, total: total))
            }
            var table = TextTable([
                .right("ID"), .right("STORE"), .left("KIND"), .left("ORDER"), .left("STATE"), .right("TRIES"),
                .left("UPDATED"), .left("LAST ERROR"),
            ])
            for item in items {
                table.append([
                    String(item.id), String(item.integrationID), item.kind.rawValue,
                    item.externalOrderID.map(String.init) ?? item.dedupeKey ?? "-", item.state.rawValue,
                    String(item.attempts), OperatorFormat.time(item.updatedAt), item.lastError ?? item.detail ?? "",
                ])
            }
            table.print(empty: "no store updates match")
            if total > items.count { print("\(items.count) of \(total) shown (--page, --per-page for more)") }
        }
    }
}

/// `logix outbox retry ID` or `logix outbox retry --dead --integration ID`: dead updates queued again.
struct OutboxRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue a dead store update again, or every dead one of an integration (--dead --integration).",
        discussion: """
            Example:
              logix outbox retry 17
              logix outbox retry --dead --integration 1
            """)

    @Argument(help: "The dead item's id (the ID column of `logix outbox list`).") var id: Int64?
    @Flag(help: "Retry every dead item of the integration given with --integration.") var dead = false
    @Option(name: .customLong("integration"), help: "With --dead: the integration whose dead items to retry.")
    var integrationID: Int64?
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        switch (id, dead, integrationID) {
        case (_?, false, nil): return
        case (nil, true, _?): return
        case (_?, _, _): throw ValidationError("give an item id, or --dead --integration ID, not both")
        case (nil, true, nil): throw ValidationError("--dead needs --integration ID")
        case (nil, false, _): throw ValidationError("give the item id to retry, or --dead --integration ID")
        }
    }

    func run() async throws {
        try await options.run("outbox retry") { session in
            if let id {
                let item = try await session.services.storeUpdates.retry(userID: session.userID, itemID: id)
                if session.json { return session.printJSON(try APIBodies.outboxItem(item)) }
                print(
                    "item \(item.id) (\(item.kind.rawValue), integration \(item.integrationID)) is \(item.state.rawValue) again"
                )
                print(OutboxCommand.queuedLine(1))
            } else if let integrationID {
                let count = try await session.services.storeUpdates.retryDead(
                    userID: session.userID, integrationID: integrationID)
                if session.json { return session.printJSON(try APIBodies.retried(count)) }
                print(OutboxCommand.queuedLine(count))
            }
        }
    }
}
