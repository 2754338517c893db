import ArgumentParser
import Foundation
import LogixCore
import LogixServer
import Sync

/// `logix inventory …`: Logix's stock of the SKUs the user's stores map, and a new on-hand count pushed to
/// every one of those stores through the outbox (as `GET /api/v1/inventory` and `PUT /api/v1/inventory/{sku}`).
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "List stock levels and set a SKU's on-hand count (pushed to the stores by `logix serve`).",
        discussion: """
            Example:
              logix inventory list --search HOODIE
              logix inventory set HOODIE-M 25
            """,
        subcommands: [InventoryListCommand.self, InventorySetCommand.self])
}

/// `logix inventory list`: the levels of the SKUs the user's stores map.
struct InventoryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stock levels: on hand, reserved by open orders, available, and the stores of each SKU.",
        discussion: """
            Example:
              logix inventory list --search TEE --per-page 100
            """)

    @Option(help: "Only SKUs containing this text, in any case.") var search: String?
    @OptionGroup var paging: PagingOptions
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        if let search, search.count > 200 { throw ValidationError("--search takes at most 200 characters") }
    }

    func run() async throws {
        try await options.run("inventory list") { session in
            let (items, total) = try await session.services.inventory.levels(
                userID: session.userID, page: paging.page, perPage: paging.perPage, search: search)
            if session.json {
                return session.printJSON(
                    try APIBodies.inventory(items, page: paging.page, perPage: paging.perPage, total: total))
            }
            var table = TextTable([
                .left("SKU"), .right("ON HAND"), .right("RESERVED"), .right("AVAILABLE"), .left("STORES"),
            ])
            for item in items {
                let stores = item.stores.map { store in
                    store.duplicated
                        ? "\(store.name) (duplicated SKU)"
                        : store.managesStock ? store.name : "\(store.name) (not managed)"
                }
                table.append([
                    item.level.sku, String(item.level.onHand), String(item.level.reserved),
                    String(item.level.available), stores.joined(separator: ", "),
                ])
            }
            table.print(
                empty: "no SKUs: map a store's SKUs by pulling its catalogue, `logix integrations products ID`")
            if total > items.count { print("\(items.count) of \(total) shown (--page, --per-page for more)") }
        }
    }
}

/// `logix inventory set SKU ON_HAND`: a new on-hand count, queued for every store of the user that maps the SKU.
struct InventorySetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a SKU's on-hand count; the new available figure is queued for every store that maps it.",
        discussion: """
            A running `logix serve` sends the queued updates (`logix outbox list` shows them).

            Example:
              logix inventory set HOODIE-M 25
            """)

    @Argument(help: "The SKU, as the stores use it.") var sku: String
    @Argument(help: "The count on hand, 0 to 1,000,000,000.") var onHand: Int
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        guard !sku.isEmpty else { throw ValidationError("the SKU must not be empty") }
        guard (0...1_000_000_000).contains(onHand) else {
            throw ValidationError("ON_HAND must be between 0 and 1,000,000,000")
        }
    }

    func run() async throws {
        try await options.run("inventory set") { session in
            let item = try await session.services.inventory.setOnHand(onHand, sku: sku, userID: session.userID)
            if session.json { return session.printJSON(try APIBodies.inventoryItem(item)) }
            let level = item.level
            print("\(level.sku): \(level.onHand) on hand, \(level.reserved) reserved, \(level.available) available")
            // A store that does not manage the SKU's stock (or uses it twice) gets nothing (issue 11, C).
            let pushed = item.stores.filter(\.managesStock)
            print(OutboxCommand.queuedLine(pushed.count))
            for store in item.stores where !store.managesStock {
                print(
                    "  not sent to \(store.name): \(store.duplicated ? "the SKU is duplicated there" : "it does not manage this SKU's stock")"
                )
            }
        }
    }
}
