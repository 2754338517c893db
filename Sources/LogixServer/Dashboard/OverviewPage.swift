import Foundation
import Hummingbird
import Logging
import LogixCore
import Storage
import Sync

/// `/`: the first page after sign-in — every store's health as colour and words, what waits for the
/// warehouse, and two pictures: orders per day per store and how long orders take to ship.
struct OverviewPage {
    let services: ServerServices

    /// The charts' window.
    static let days = 30

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let identity = try context.identity()
        let now = services.clock.now()
        let stores = try await services.integrations.overview(userID: identity.userID)
        async let perDay = services.orderStatistics.ordersPerDay(userID: identity.userID, days: Self.days)
        async let shipping = services.orderStatistics.timeToShipment(userID: identity.userID, days: Self.days)
        async let waiting = services.orders.list(
            userID: identity.userID, integrationID: nil, status: .ready, flaggedForReview: nil, page: 1, perPage: 1)
        async let flagged = services.orders.list(
            userID: identity.userID, integrationID: nil, status: nil, flaggedForReview: true, page: 1, perPage: 1)
        var cards: [HTML] = []
        for detail in stores {
            let health = StoreHealth(
                detail, breaker: await services.breakers.breaker(integrationID: detail.record.id), now: now)
            cards.append(
                """
                <a class="card \(health.level.rawValue) store-card" href="/stores/\(detail.record.id)">
                <h2>\(detail.record.name) \(DisplayFormat.platformTag(detail.record.platform)) \(health.pill)</h2><p>\(health.reason)</p>
                <p class="hint">\(detail.outbox.pending) updates pending · \(detail.outbox.dead) gave up</p></a>
                """)
        }
        let dead = stores.reduce(0) { $0 + $1.outbox.dead }
        let chartStores = stores.map { OrdersPerDayChart.Store(id: $0.record.id, name: $0.record.name) }
        let entries = try await perDay.map {
            OrdersPerDayChart.Entry(storeID: $0.integrationID, day: $0.day, count: $0.count)
        }
        let ordersChart = OrdersPerDayChart(
            days: OrdersPerDayChart.days(Self.days, endingAt: now), stores: chartStores, entries: entries)
        let times = try await shipping
        let shipmentChart = ShipmentTimeChart(
            buckets: times.buckets.map { ShipmentTimeChart.Bucket(label: $0.label, count: $0.count) },
            median: times.median, p90: times.p90, samples: times.samples)
        let storesHTML: HTML =
            cards.isEmpty
            ? """
            <div class="card"><p>No store is connected yet.</p><p><a class="button" href="/stores/new">Connect a store</a></p></div>
            """ : #"<div class="grid" id="store-health">\#(cards)</div>"#
        let content: HTML = """
            <div class="figures overview-figures">
            <a class="figure" href="/orders?status=ready"><b>\(DisplayFormat.count(try await waiting.total))</b><span>orders ready to pick</span></a>
            <a class="figure" href="/orders?review=flagged"><b>\(DisplayFormat.count(try await flagged.total))</b><span>flagged for review</span></a>
            <a class="figure" href="/outbox?state=dead"><b>\(DisplayFormat.count(dead))</b><span>store updates gave up</span></a>
            <a class="figure" href="/stores"><b>\(stores.count)</b><span>stores</span></a>
            </div>
            <h2 class="section">Stores</h2>
            \(storesHTML)
            <div class="grid charts">
            <section class="card" aria-labelledby="perday-title"><h2 id="perday-title">Orders per day</h2>\(ordersChart.render())</section>
            <section class="card" aria-labelledby="ship-title"><h2 id="ship-title">Time from order to shipment</h2>\(shipmentChart.render())</section>
            </div>
            """
        return HTMLResponse(
            html: Layout(title: "Overview", section: .overview, identity: identity, notice: Notices.text(request))
                .render(content))
    }
}
