/// Saving and restoring what changed in the store since it was generated (see ``WooSimSnapshot``).
extension SimStore {
    func snapshot(generator: WooSimSnapshot.GeneratorSettings) -> WooSimSnapshot {
        WooSimSnapshot(
            takenAt: self.now(), highestOrderId: self.highestOrderId, generator: generator,
            products: self.products.values.sorted { $0.id < $1.id },
            orders: self.overlay.values.sorted { $0.id < $1.id }, removedOrders: self.removed.sorted(),
            notes: self.addedNotes, webhooks: self.allWebhooks,
            nextIds: .init(
                note: self.nextNoteId, item: self.nextItemId, product: self.nextProductId,
                webhook: self.nextWebhookId),
            random: self.runtimeRandom)
    }

    /// Replaces the runtime state with the snapshot's; the generated history is the same, since the store was
    /// built from the snapshot's settings.
    func restore(_ snapshot: WooSimSnapshot) {
        self.products = Dictionary(uniqueKeysWithValues: snapshot.products.map { ($0.id, $0) })
        self.overlay = Dictionary(uniqueKeysWithValues: snapshot.orders.map { ($0.id, $0) })
        self.removed = Set(snapshot.removedOrders)
        self.highestOrderId = max(self.highestOrderId, snapshot.highestOrderId)
        self.addedNotes = snapshot.notes
        self.webhooks = Dictionary(uniqueKeysWithValues: snapshot.webhooks.map { ($0.id, $0) })
        self.nextNoteId = snapshot.nextIds.note
        self.nextItemId = snapshot.nextIds.item
        self.nextProductId = snapshot.nextIds.product
        self.nextWebhookId = snapshot.nextIds.webhook
        self.runtimeRandom = snapshot.random
        self.clockFloor = snapshot.takenAt
    }

    func reserveOrderIds(through id: Int) {
        guard id > self.highestOrderId else { return }
        // Deleted for good: no listing counts them, `GET orders/{id}` answers 404.
        for skipped in (self.highestOrderId + 1)...id { self.removed.insert(skipped) }
        self.highestOrderId = id
    }
}
