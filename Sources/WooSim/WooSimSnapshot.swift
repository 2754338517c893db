import Foundation

/// A simulated store's state, saved so that a later ``WooSim`` continues where this one stopped (`logix demo`
/// keeps its store across runs this way): the settings its history was generated from, and everything that
/// changed since — orders placed or edited, notes, products and their stock, webhooks with their secrets, the
/// next ids, the random stream and the clock.
///
/// Generated orders are not in it: the same settings regenerate them. Take one with ``WooSim/snapshot()``;
/// start from one with ``WooSimConfiguration/restoring``. Faults and delivery logs are not kept.
public struct WooSimSnapshot: Sendable, Codable {
    /// The layout this build writes and reads.
    public static let currentFormat = 1

    public let format: Int
    /// The store's clock when it was taken (Unix seconds); the restored store's clock never goes back before it.
    public let takenAt: Int64
    /// Order ids run `1...highestOrderId` (generated ones first, then those placed at runtime).
    public let highestOrderId: Int

    let generator: GeneratorSettings
    let products: [SimProduct]
    /// Orders created or changed at runtime (the store's overlay).
    let orders: [SimOrder]
    let removedOrders: [Int]
    let notes: [Int: [SimOrderNote]]
    let webhooks: [SimWebhook]
    let nextIds: NextIds
    let random: SimRandom

    /// What the generated history, catalogue and customers are made from: restored as they were, so the same
    /// orders come back.
    struct GeneratorSettings: Sendable, Codable, Equatable {
        var seed: UInt64
        var orderCount: Int
        var productCount: Int
        var shirtColors: Int
        var customerCount: Int
        var historyDays: Int
        var historyEnd: Int64
        var timeZone: String

        init(_ configuration: WooSimConfiguration, historyEnd: Int64) {
            seed = configuration.seed
            orderCount = configuration.orderCount
            productCount = configuration.productCount
            shirtColors = configuration.shirtColors
            customerCount = configuration.customerCount
            historyDays = configuration.historyDays
            self.historyEnd = historyEnd
            timeZone = configuration.timeZone
        }

        /// `configuration` generating the same store.
        func apply(to configuration: inout WooSimConfiguration) {
            configuration.seed = seed
            configuration.orderCount = orderCount
            configuration.productCount = productCount
            configuration.shirtColors = shirtColors
            configuration.customerCount = customerCount
            configuration.historyDays = historyDays
            configuration.referenceDate = Date(timeIntervalSince1970: TimeInterval(historyEnd))
            configuration.timeZone = timeZone
        }
    }

    /// The store's id counters.
    struct NextIds: Sendable, Codable {
        var note: Int
        var item: Int
        var product: Int
        var webhook: Int
    }

    init(
        takenAt: Int64, highestOrderId: Int, generator: GeneratorSettings, products: [SimProduct], orders: [SimOrder],
        removedOrders: [Int], notes: [Int: [SimOrderNote]], webhooks: [SimWebhook], nextIds: NextIds,
        random: SimRandom
    ) {
        self.format = Self.currentFormat
        self.takenAt = takenAt
        self.highestOrderId = highestOrderId
        self.generator = generator
        self.products = products
        self.orders = orders
        self.removedOrders = removedOrders
        self.notes = notes
        self.webhooks = webhooks
        self.nextIds = nextIds
        self.random = random
    }

    /// The snapshot as JSON, for a file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads what ``encoded()`` wrote. A file of another layout or a damaged one is `woosim_snapshot_unreadable`.
    public init(decoding data: Data) throws(WooSimError) {
        do {
            self = try JSONDecoder().decode(WooSimSnapshot.self, from: data)
        } catch {
            throw WooSimError(
                code: "woosim_snapshot_unreadable", message: "The store snapshot cannot be read: \(error)", status: 500)
        }
        guard format == Self.currentFormat else {
            throw WooSimError(
                code: "woosim_snapshot_unreadable",
                message: "The store snapshot has layout \(format); this build reads \(Self.currentFormat).", status: 500
            )
        }
    }
}
