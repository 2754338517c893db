import ArgumentParser
import Foundation
import LogixCore
import LogixServer
import Sync

/// `logix orders …`: the user's Logix orders across their stores, as `GET /api/v1/orders` shows them.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List and show the user's orders.",
        discussion: """
            Example:
              logix orders list --status ready
              logix orders show 42
            """,
        subcommands: [OrdersListCommand.self, OrdersShowCommand.self])
}

/// Paging as the API bounds it: pages 1…1,000,000, at most 100 a page.
struct PagingOptions: ParsableArguments {
    @Option(help: "The page to show, from 1.") var page = 1
    @Option(name: .customLong("per-page"), help: "How many a page, 1 to 100.") var perPage = 20

    func validate() throws {
        guard (1...1_000_000).contains(page) else { throw ValidationError("--page must be between 1 and 1,000,000") }
        guard (1...100).contains(perPage) else { throw ValidationError("--per-page must be between 1 and 100") }
    }
}

/// `logix orders list`: a page of the user's orders, newest store change first.
struct OrdersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the user's orders, newest change first: filter by store, status, review flag or text.",
        discussion: """
            Statuses: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).

            Example:
              logix orders list --status ready --per-page 50
              logix orders list --integration 1 --review
              logix orders list --search '#1042' --json
            """)

    @Option(name: .customLong("integration"), help: "Only this integration's orders.") var integrationID: Int64?
    @Option(help: "Only orders in this Logix status (e.g. ready, picking, shipped).") var status: String?
    @Flag(help: "Only orders flagged for review.") var review = false
    @Option(help: "The order number (1042 or #1042), or part of the customer's e-mail or name.") var search: String?
    @OptionGroup var paging: PagingOptions
    @OptionGroup var options: OperatorOptions

    func validate() throws {
        if let status, OrderStatus(rawValue: status) == nil {
            throw ValidationError(
                "unknown status \(status); one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let search, search.count > 200 { throw ValidationError("--search takes at most 200 characters") }
    }

    func run() async throws {
        try await options.run("orders list") { session in
            let (orders, total) = try await session.services.orders.list(
                userID: session.userID, integrationID: integrationID, status: status.flatMap(OrderStatus.init),
                flaggedForReview: review ? true : nil, search: search, page: paging.page, perPage: paging.perPage)
            if session.json {
                return session.printJSON(
                    try APIBodies.orders(
                        orders, platforms: try await session.services.orders.platforms(userID: session.userID),
                        page: paging.page, perPage: paging.perPage, total: total))
            }
            var table = TextTable([
                .right("ID"), .right("STORE"), .left("NUMBER"), .left("STATUS"), .left("CUSTOMER"), .right("TOTAL"),
                .right("LINES"), .left("REVIEW"), .left("CHANGED"),
            ])
            for order in orders {
                table.append([
                    order.id.map(String.init) ?? "-", String(order.integrationID), "#" + order.number,
                    order.status.rawValue, order.customer.name.isEmpty ? order.customer.email : order.customer.name,
                    "\(order.total.exactString) \(order.currency)", String(order.lines.count),
                    order.review.map { $0.reason.rawValue } ?? "", OperatorFormat.time(order.storeModifiedAt),
                ])
            }
            table.print(empty: "no orders match")
            if total > 0 {
                let first = (paging.page - 1) * paging.perPage + 1
                print("orders \(min(first, total))–\(min(first + orders.count - 1, total)) of \(total)")
            }
        }
    }
}

/// `logix orders show ID`: one order with its lines and addresses.
struct OrdersShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an order: status, customer, shipping address, lines, review flag.",
        discussion: """
            Example:
              logix orders show 42
              logix orders show 42 --json | jq .lines
            """)

    @Argument(help: "The order's Logix id (the ID column of `logix orders list`).") var id: Int64
    @OptionGroup var options: OperatorOptions

    func run() async throws {
        try await options.run("orders show") { session in
            let order = try await session.services.orders.find(id: id, userID: session.userID)
            if session.json {
                let platforms = try await session.services.orders.platforms(userID: session.userID)
                return session.printJSON(try APIBodies.order(order, platforms: platforms))
            }
            let address = order.shippingAddress
            let name = [address.firstName, address.lastName].filter { !$0.isEmpty }.joined(separator: " ")
            let place = [address.address1, address.address2, address.postcode, address.city, address.country]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            print(
                "order \(order.id ?? id) #\(order.number) of integration \(order.integrationID) (store id \(order.externalID))"
            )
            print("status:   \(order.status.rawValue) (store: \(order.storeStatus))")
            print("customer: \(order.customer.name) <\(order.customer.email)>")
            print("ship to:  \(name.isEmpty ? "-" : name)\(place.isEmpty ? "" : ", " + place)")
            print("method:   \(order.shippingMethod ?? "-")")
            print(
                "total:    \(order.total.exactString) \(order.currency) (refunded \(order.refundedTotal.exactString))")
            print(
                "placed:   \(OperatorFormat.time(order.placedAt)), changed \(OperatorFormat.time(order.storeModifiedAt))"
            )
            if let review = order.review { print("review:   \(review.reason.rawValue)") }
            if !order.customerNote.isEmpty { print("note:     \(order.customerNote)") }
            var table = TextTable([.left("SKU"), .left("NAME"), .right("QTY"), .right("PRICE"), .right("REFUNDED")])
            for line in order.lines {
                table.append([
                    line.sku ?? "-", line.name, String(line.quantity), line.unitPrice.exactString,
                    String(line.refundedQuantity),
                ])
            }
            table.print(empty: "no lines")
        }
    }
}
