import Crypto
import Foundation
import LogixCore
import Storage

/// The use case of receiving a webhook delivery: verify → store → apply. The signature is checked over the raw
/// body with the integration's secret, the delivery is stored in the inbox once (by a key over its topic,
/// resource and body) and only then answered. An order its body carries whole is applied in the group commit
/// that stores it (``WebhookInboxWriter``); anything else the ``WebhookInboxApplier`` applies afterwards
/// (ARCHITECTURE.md, "Nothing lost").
public struct WebhookInbox: Sendable {
    /// What became of a delivery.
    public enum Received: Sendable, Hashable {
        /// The store's ping when a webhook is created: nothing to store.
        case ping
        /// New, stored, waiting to be applied.
        case stored
        /// New and stored as failed: the body is not JSON (kept for a person to see).
        case malformed
        /// Stored before.
        case duplicate
    }

    let format: any ChannelWebhookFormat
    let secrets: WebhookSecrets
    let writer: WebhookInboxWriter
    let signal: WebhookSignal
    let clock: any LogixClock

    /// - Parameter format: the channel's delivery format (headers, signature, resource id); deliveries for an
    ///   integration of another platform are refused as unknown.
    /// - Parameter secrets: the cache of webhook secrets, shared with ``Integrations`` so that a delete evicts
    ///   it; a cache of its own if `nil`.
    public init(
        format: any ChannelWebhookFormat, database: LogixDatabase, vault: CredentialVault,
        writer: WebhookInboxWriter, signal: WebhookSignal, clock: any LogixClock, secrets: WebhookSecrets? = nil
    ) {
        self.format = format
        self.secrets =
            secrets ?? WebhookSecrets(database: database, vault: vault, platform: format.platform, clock: clock)
        self.writer = writer
        self.signal = signal
        self.clock = clock
    }

    /// The integration (its settings, to map a whole order with) and its webhook secret, as the receiver holds
    /// them between looking the integration up and verifying its delivery: one look-up a delivery.
    public struct Recipient: Sendable {
        let integration: IntegrationRecord
        let secret: Secret?
    }

    /// The integration a delivery is for: ``SyncError/Kind/unauthenticated`` (`unknown_integration`) for one
    /// that does not exist or is of another platform, before the delivery's body is read.
    public func recipient(integrationID: Int64) async throws -> Recipient {
        guard let integration = try await secrets.integration(integrationID) else { throw Self.unknownIntegration }
        return Recipient(integration: integration.record, secret: integration.secret)
    }

    /// Verifies and stores one delivery. Refusals are ``SyncError/Kind/unauthenticated`` with the code
    /// `unknown_integration` or `invalid_signature`.
    public func receive(
        _ recipient: Recipient, headers: [(name: String, value: String)], body: Data
    ) async throws -> Received {
        let (integrationID, secret) = (recipient.integration.id, recipient.secret)
        switch format.classify(headers: headers, body: body) {
        case .ping:
            return .ping
        case nil:
            throw SyncError(.unauthenticated, "not a signed \(format.platform) delivery", code: "invalid_signature")
        case .delivery(let delivery):
            guard let secret, format.verify(delivery, body: body, secret: secret.revealed) else {
                throw SyncError(.unauthenticated, "the signature does not match", code: "invalid_signature")
            }
            var stored = InboxDelivery(
                integrationID: integrationID, deliveryKey: "", deliveryID: delivery.deliveryID,
                topic: delivery.topic, resourceID: nil, body: body, receivedAt: clock.now())
            // An order the body carries whole is mapped here, in the request's own task, so that the group
            // commit — which every delivery waits for — only writes; the order's id is the resource's (issue 14).
            let carried = wholeOrder(topic: delivery.topic, body: body, for: recipient.integration)
            if let carried {
                stored.resourceID = carried.resourceID
            } else {
                do {
                    stored.resourceID = try format.resourceID(in: body)
                } catch {
                    stored.state = .failed
                    stored.lastError = "malformed JSON body: \(error)"
                }
            }
            stored.deliveryKey = Self.deliveryKey(topic: delivery.topic, resourceID: stored.resourceID, body: body)
            switch try await writer.store(stored, carrying: carried) {
            case .integrationGone:
                throw Self.unknownIntegration
            case .duplicate:
                return .duplicate
            case .applied:
                return .stored
            case .stored where stored.state == .pending:
                signal.notify()
                return .stored
            case .stored:
                return .malformed
            }
        }
    }

    /// The order the delivery's body carries whole, mapped with the integration's settings.
    private func wholeOrder(topic: String, body: Data, for integration: IntegrationRecord)
        -> WebhookInboxWriter.CarriedOrder?
    {
        let body = ChannelWebhookBody(topic: topic, body: body)
        guard case .some(.some(let order)) = format.wholeOrders([body], integration: integration).first else {
            return nil
        }
        return WebhookInboxWriter.CarriedOrder(order: order, settings: integration.mappingSettings)
    }

    static let unknownIntegration = SyncError(.unauthenticated, "unknown integration", code: "unknown_integration")

    /// The inbox's idempotency key: the same topic, resource and body are the same delivery, whatever the
    /// store's delivery id (a store re-sends with a new one).
    ///
    /// The resource id, zero-padded, comes first: the key's unique index then grows where the store's newest
    /// orders are, as the table does. Keyed by the hash alone, every delivery of a group commit landed on a
    /// page of its own anywhere in the index, and that page went whole into SQLite's WAL and checkpoint: more
    /// disk writes than the delivery itself (issue 14).
    static func deliveryKey(topic: String, resourceID: Int64?, body: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(topic)\n\(resourceID.map(String.init) ?? "-")\n".utf8))
        hasher.update(data: body)
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(84)
        if let resourceID, resourceID >= 0 {
            let digits = Array(String(resourceID).utf8)
            text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 19 - digits.count)))
            text.append(contentsOf: digits)
        } else {
            text.append(UInt8(ascii: "-"))
        }
        text.append(UInt8(ascii: "/"))
        for byte in hasher.finalize() {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
