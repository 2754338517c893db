import ArgumentParser
import Foundation
import LogixServer
import Storage
import Sync

/// `logix integrations add-shopify`: connects a Shopify shop, its token checked against the shop first (as
/// `POST /api/v1/shopify/integrations`).
struct IntegrationsAddShopifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-shopify",
        abstract: "Connect a Shopify shop; its access token is checked against the shop before it is stored.",
        discussion: """
            Neither secret is a flag (it would show in `ps`): the Admin API access token comes from \
            SHOPIFY_ACCESS_TOKEN and the app's API secret, which signs its webhooks, from SHOPIFY_API_SECRET; \
            else each is the next line of standard input (token first), else a prompt that does not echo. An app \
            made in Shopify's Dev Dashboard has no static token: give its --client-id instead, and its client \
            secret as the API secret; Logix then asks the shop for 24-hour tokens itself.

            Example:
              SHOPIFY_ACCESS_TOKEN=shpat_… SHOPIFY_API_SECRET=shpss_… logix integrations add-shopify \\
                --shop my-shop.myshopify.com --name "Main shop"
              SHOPIFY_API_SECRET=… logix integrations add-shopify --shop my-shop --client-id 3f2a…
            """)

    @Option(help: "The shop's permanent handle, my-shop.myshopify.com (or just my-shop).")
    var shop: String

    @Option(
        name: .customLong("client-id"),
        help: "A Dev Dashboard app's client id: tokens are granted for it and the API secret (no access token).")
    var clientID: String?

    @Option(help: "A name for the integration (default: the shop's handle).")
    var name: String?

    @Option(
        name: .customLong("location-id"),
        help: "The location whose available quantities stock counts set (default: the first active one).")
    var locationID: String?

    @Option(name: .customLong("api-version"), help: "The Admin API version to pin (default: this build's, 2026-04).")
    var apiVersion: String?

    @Flag(name: .customLong("import-test-orders"), help: "Import the shop's test orders too.")
    var importTestOrders = false

    @OptionGroup var options: OperatorOptions

    func validate() throws {
        guard !shop.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--shop must not be empty")
        }
    }

    func run() async throws {
        try await options.run("integrations add-shopify") { session in
            let token = clientID == nil ? try SecretInput.shopifyAccessToken.read() : nil
            let secret = try SecretInput.shopifyAPISecret.read()
            let handle = shop.trimmingCharacters(in: .whitespaces)
            let record = try await session.atStore(handle) {
                try await session.services.integrations.createShopify(
                    userID: session.userID, shopDomain: handle, accessToken: token, clientID: clientID,
                    apiSecret: secret,
                    settings: IntegrationSettingsChange(
                        name: name ?? IntegrationsAddCommand.defaultName(handle), locationID: locationID,
                        apiVersion: apiVersion, importTestOrders: importTestOrders ? true : nil))
            }
            if session.json { return session.printJSON(try APIBodies.integration(record)) }
            print("added Shopify integration \(record.id) \"\(record.name)\" for \(record.storeURL)")
            print(
                "next: `logix integrations webhooks \(record.id)` to subscribe to the shop's webhooks, "
                    + "`logix integrations sync \(record.id)` for the first import")
        }
    }
}
