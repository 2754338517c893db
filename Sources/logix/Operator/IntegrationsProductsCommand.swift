import ArgumentParser
import Foundation
import LogixServer
import Storage
import Sync

/// `logix integrations products ID`: pulls the store's catalogue into the SKU map (and/or queues Logix's stock
/// for it), as `POST …/integrations/{id}/products/sync` and the dashboard's store page do. Without a pulled
/// catalogue no SKU is mapped, so `logix inventory set` has nowhere to push.
struct IntegrationsProductsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products",
        abstract: "Pull the store's catalogue to map its SKUs (needed before `logix inventory set`), or push stock.",
        discussion: """
            pull (default) reads every product and variation and maps their SKUs; push queues Logix's stock of \
            every mapped SKU for the store (a running `logix serve` sends it); both pulls, then pushes.

            Example:
              logix integrations products 1
              logix integrations products 1 --direction push
            """)

    @Argument(help: "The integration's id.") var id: Int64
    @Option(help: "pull, push or both.") var direction = "pull"
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        guard ProductSync.Direction(rawValue: direction) != nil else {
            throw ValidationError("unknown direction \(direction); one of pull, push, both")
        }
    }

    func run() async throws {
        try await options.run("integrations products") { session in
            let record = try await session.integration(id)
            let report = try await session.atStore(record.storeURL) {
                try await session.services.productSync.run(
                    userID: session.userID, integrationID: id, direction: direction, skus: nil)
            }
            if session.json { return session.printJSON(try APIBodies.productSync(report)) }
            if let pulled = report.pulled {
                print(
                    "pulled \(pulled.products) products and \(pulled.variations) variations of \(record.storeURL): "
                        + "\(pulled.mapped) SKUs mapped, \(pulled.withoutSKU) without a SKU")
                for (sku, _) in pulled.duplicates.sorted(by: { $0.key < $1.key }) {
                    print("  \(sku) is used by several products or variations: not mapped, no stock is pushed")
                }
            }
            if let queued = report.pushesQueued { print(OutboxCommand.queuedLine(queued)) }
        }
    }
}
