import Foundation
import LogixCore

/// A sales channel as the sync engines see it: one store on one platform (WooCommerce today; Shopify,
/// BigCommerce and Amazon next), reached with one integration's credentials and spoken to in Logix's terms —
/// Logix orders or the ``MappingFailure`` of each, versions as dates, opaque resumable positions, and errors
/// that conform to ``ChannelError``.
///
/// The engines (import, inbox applier, outbox sender, scheduler, reconciler, webhook health, catalogue pull)
/// hold an `any SalesChannel` made by a ``SalesChannelProvider`` from the integration, whose
/// `platform` column says which implementation; whoever made the channel shuts it down. Adding a channel is
/// one conformance (and its ``ChannelWebhookFormat``) plus one case in the provider.
public protocol SalesChannel: Sendable {
    /// Which platform this is (`integrations.platform`).
    var platform: ChannelPlatform { get }
    /// The store's address, as errors and logs name it.
    var storeURL: String { get }
    /// Requests sent to the store so far, retries included.
    var requestCount: Int { get }
    /// How the platform's webhook deliveries are recognised, verified and keyed.
    var webhookFormat: any ChannelWebhookFormat { get }
    /// Releases the channel's connections. Called by whoever made the channel, once.
    func shutdown() async throws

    // MARK: Connection

    /// Checks that the store is reachable and the credentials work; throws the store's refusal otherwise.
    func testConnection() async throws -> ChannelConnectionReport

    // MARK: Orders in

    /// The store statuses an order sync may filter by, by the platform's own names: the platform's statuses
    /// and the integration's custom ones.
    var orderStatuses: Set<String> { get }

    /// The orders of `query`'s window, page by page in a stable order, each page mapped for Logix, starting
    /// after `position` (a page's ``ChannelOrderPage/position`` resumes after that page).
    ///
    /// - Parameter known: what Logix already holds, for the few orders whose mapping depends on it.
    func changedOrders(
        _ query: ChannelOrderQuery, resumingAt position: ChannelPosition, known: any StoredOrderVersions
    ) -> ChannelOrderPages

    /// The orders with these ids that the store still lists, mapped, and the ids it no longer lists.
    func orders(ids: [Int64], known: any StoredOrderVersions) async throws -> ChannelOrderBatch

    /// One order as the store holds it now, whatever its state (trashed included), mapped; `nil` when the
    /// store has no such order any more.
    func order(id: Int64, known: any StoredOrderVersions) async throws -> Result<Order, MappingFailure>?

    /// Ids, versions and store statuses of the orders with these ids that the store still lists: what
    /// reconciliation compares with Logix before reading anything in full.
    func orderVersions(ids: [Int64]) async throws -> [ChannelOrderVersion]

    /// What each stored webhook delivery holds (bodies mapped as one batch, in order): an order to apply,
    /// one to read again from the store, or nothing about orders.
    func webhookOrders(
        _ deliveries: [ChannelWebhookBody], known: any StoredOrderVersions
    ) async throws -> [ChannelWebhookOrder]

    // MARK: Webhooks at the store

    /// The platform's topics Logix subscribes to, by the names its deliveries carry: the ones registered when
    /// the caller names none, and the only ones it may name.
    var webhookTopics: [String] { get }
    /// The store's webhooks that deliver to `deliveryURL` (those of this integration).
    func webhooks(deliveryURL: String) async throws -> [ChannelWebhook]
    /// Creates a webhook for `topic`, signed with `secret`.
    func createWebhook(topic: String, deliveryURL: String, secret: String) async throws -> ChannelWebhook
    /// Makes a webhook deliver again, setting its secret when one is given.
    func activateWebhook(id: Int, secret: String?) async throws -> ChannelWebhook
    /// Deletes a webhook.
    func deleteWebhook(id: Int) async throws

    // MARK: Updates out

    /// Sets an order's status and meta (tracking) at the store; returns the store's answer, mapped as an
    /// order Logix already holds, so that it can become Logix's newest version (no echo).
    func updateOrder(_ update: ChannelOrderUpdate) async throws -> Result<Order, MappingFailure>
    /// Records a shipment as the store's fulfillment with its tracking (platforms that fulfil rather than set
    /// a status: Shopify). Sending it again after it landed must not fulfil twice: the channel checks what is
    /// left to fulfil first.
    func createFulfillment(_ shipment: ChannelShipment) async throws
    /// Adds a note to an order.
    func addOrderNote(_ note: ChannelOrderNote) async throws
    /// The texts of the order's notes at the store: whether a note whose sending failed ambiguously (it may
    /// have reached the store) is there already.
    func orderNoteTexts(externalID: Int64) async throws -> [String]
    /// The most stock updates one ``pushStock(_:)`` may carry.
    var stockBatchLimit: Int { get }
    /// Sets absolute stock levels in one request; returns, per update and in order, the store's refusal of
    /// it or `nil` when it took it. Throws when the request as a whole failed.
    func pushStock(_ batch: ChannelStockBatch) async throws -> [ChannelItemRefusal?]

    // MARK: Catalogue

    /// The store's whole catalogue as SKU-map entries for the integration.
    func catalogue() async throws -> ChannelCatalogue

    /// One product's part of the catalogue as the store holds it now, its variations included (duplicates
    /// within it left out and reported, as ``catalogue()`` does); `nil` when the store no longer has it.
    func catalogue(productID: Int64) async throws -> ChannelCatalogue?

    /// What each stored webhook delivery shows of a product: `nil` for a delivery that is not about a product
    /// (or cannot be read as one).
    func webhookProducts(_ deliveries: [ChannelWebhookBody]) -> [ChannelProductDelivery?]
}
