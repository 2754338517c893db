import Foundation

/// Orders per day per store as stacked bars in inline SVG, rendered on the server from plain values (no I/O):
/// a sentence that sums it up, the chart with axis labels and a tooltip per bar, a legend, and the same numbers
/// as a table for a screen reader or anyone who would rather read them.
///
/// Stores keep their order in the stack, the legend and the table, and each has a colour and a pattern of
/// ``ChartPalette`` so that the bars stay apart without colour (ARCHITECTURE.md, "Never trust the store": store
/// names are text, escaped by ``HTML``).
struct OrdersPerDayChart: Sendable {
    /// One store's counts, one per day of ``days``.
    struct Series: Sendable, Equatable {
        let store: String
        let counts: [Int]
    }

    /// A store as the chart names it.
    struct Store: Sendable, Equatable {
        let id: Int64
        let name: String
    }

    /// A store's orders on one UTC day.
    struct Entry: Sendable, Equatable {
        let storeID: Int64
        let day: Date
        let count: Int
    }

    /// The UTC days drawn, oldest first.
    let days: [Date]
    let series: [Series]
    /// Unique in the page: the SVG's ids (title, patterns) start with it.
    var id = "orders-per-day"
    var emptyMessage = "No orders in the last 30 days"
    var emptyHint = "Orders appear here once a store is connected and synced."

    init(days: [Date], series: [Series]) {
        self.days = days
        self.series = series.map { Series(store: $0.store, counts: Self.fitted($0.counts, to: days.count)) }
    }

    /// Counts per store and day, in the order of `stores`; a day missing from `entries` counts zero, an entry
    /// for a store or day not listed is left out.
    init(days: [Date], stores: [Store], entries: [Entry]) {
        let dayIndex = Dictionary(days.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let storeIndex = Dictionary(stores.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = Array(repeating: Array(repeating: 0, count: days.count), count: stores.count)
        for entry in entries {
            guard let store = storeIndex[entry.storeID], let day = dayIndex[entry.day] else { continue }
            counts[store][day] += entry.count
        }
        self.init(days: days, series: zip(stores, counts).map { Series(store: $0.name, counts: $1) })
    }

    /// The `count` UTC days up to and including the one holding `now`, oldest first: the chart's usual window.
    static func days(_ count: Int, endingAt now: Date) -> [Date] {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return (0..<max(count, 0)).reversed().map { Date(timeIntervalSince1970: today - Double($0) * 86_400) }
    }

    private static func fitted(_ counts: [Int], to length: Int) -> [Int] {
        let clamped = counts.prefix(length).map { max(0, $0) }
        return clamped + Array(repeating: 0, count: length - clamped.count)
    }

    /// Orders in the whole window.
    var total: Int { series.reduce(0) { $0 + $1.counts.reduce(0, +) } }

    /// Orders per day across every store.
    var dayTotals: [Int] {
        days.indices.map { day in series.reduce(0) { $0 + $1.counts[day] } }
    }

    func render() -> HTML {
        guard total > 0 else { return ChartFrame.empty(id: id, message: emptyMessage, hint: emptyHint) }
        let summary = self.summary
        let scale = ChartScale(largest: dayTotals.max() ?? 0)
        let frame = ChartFrame(scale: scale)
        let title = "Orders per day per store, last \(ChartLabels.count(days.count, "day", "days"))"
        return """
            <figure class="chart chart-orders-per-day" id="\(id)">\
            <figcaption class="chart-summary">\(summary)</figcaption>\
            \(frame.open(id: id, title: title, description: summary))\
            \(ChartPalette.definitions(prefix: id, count: series.count))\
            \(frame.grid(scale))\(bars(frame, scale))\(dayLabels(frame))</svg>\
            \(legend)\(table(title))</figure>
            """
    }

    /// "1,234 orders in the last 30 days from 3 stores; the busiest day was 3 Dec with 120."
    var summary: String {
        let totals = dayTotals
        let stores = series.filter { $0.counts.contains { $0 > 0 } }.count
        var text =
            "\(ChartLabels.count(total, "order", "orders")) in the last \(ChartLabels.count(days.count, "day", "days"))"
        if series.count > 1 { text += " from \(ChartLabels.count(stores, "store", "stores"))" }
        if let busiest = totals.indices.max(by: { totals[$0] < totals[$1] || totals[$0] == totals[$1] && $0 > $1 }) {
            text += "; the busiest day was \(ChartLabels.day(days[busiest])) with \(ChartLabels.count(totals[busiest]))"
        }
        return text + "."
    }

    private func bars(_ frame: ChartFrame, _ scale: ChartScale) -> HTML {
        let band = frame.plotWidth / Double(max(days.count, 1))
        let width = max(1, band * 0.72)
        var groups: [HTML] = []
        for (dayIndex, day) in days.enumerated() {
            let x = ChartScale.coordinate(frame.left + band * Double(dayIndex) + (band - width) / 2)
            var top = frame.baseline
            var segments: [HTML] = []
            for (index, store) in series.enumerated() where store.counts[dayIndex] > 0 {
                let count = store.counts[dayIndex]
                let height = frame.barHeight(count, scale: scale)
                top -= height
                segments.append(
                    """
                    <rect x="\(x)" y="\(ChartScale.coordinate(top))" width="\(ChartScale.coordinate(width))" \
                    height="\(ChartScale.coordinate(height))" fill="\(ChartPalette.fill(index, prefix: id))" \
                    data-store="\(store.store)" data-day="\(ChartLabels.isoDay(day))" data-count="\(count)">\
                    <title>\(store.store), \(ChartLabels.day(day)): \(ChartLabels.count(count, "order", "orders"))\
                    </title></rect>
                    """)
            }
            if !segments.isEmpty { groups.append("<g>\(segments)</g>") }
        }
        return "<g class=\"chart-bars\" stroke=\"#fff\" stroke-width=\"0.5\">\(groups)</g>"
    }

    /// A label a week (every few days in a short window), counted back from the last day so that today is
    /// always named.
    private func dayLabels(_ frame: ChartFrame) -> HTML {
        let band = frame.plotWidth / Double(max(days.count, 1))
        let every = days.count > 14 ? 7 : max(1, Int((Double(days.count) / 5).rounded(.up)))
        var labels: [HTML] = []
        for (index, day) in days.enumerated() where (days.count - 1 - index) % every == 0 {
            let x = frame.left + band * (Double(index) + 0.5)
            // The outermost labels are anchored inwards so they are not cut off at the edges.
            let anchor =
                index == 0 && every > 1 ? "start" : index == days.count - 1 && days.count > 1 ? "end" : "middle"
            let shifted = anchor == "start" ? x - band / 2 : anchor == "end" ? x + band / 2 : x
            labels.append(
                """
                <text x="\(ChartScale.coordinate(shifted))" y="\(ChartScale.coordinate(frame.baseline + ChartFrame.phoneFontSize))" \
                text-anchor="\(anchor)">\(ChartLabels.day(day))</text>
                """)
        }
        return "<g class=\"chart-axis\" aria-hidden=\"true\">\(labels)</g>"
    }

    private var legend: HTML {
        let items: [HTML] = series.enumerated().map { index, store in
            """
            <li><svg class="chart-swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">\
            <rect width="12" height="12" fill="\(ChartPalette.fill(index, prefix: id))"/></svg>\
            <span>\(store.store) <span class="chart-legend-count">\(ChartLabels.count(store.counts.reduce(0, +)))\
            </span></span></li>
            """
        }
        return "<ul class=\"chart-legend\" aria-label=\"Stores\">\(items)</ul>"
    }

    private func table(_ title: String) -> HTML {
        let head: [HTML] = series.map { "<th scope=\"col\">\($0.store)</th>" }
        let totals = dayTotals
        let rows: [HTML] = days.enumerated().reversed().map { dayIndex, day in
            let cells: [HTML] = series.map { "<td>\(ChartLabels.count($0.counts[dayIndex]))</td>" }
            return """
                <tr><th scope="row"><time datetime="\(ChartLabels.isoDay(day))">\(ChartLabels.day(day))</time></th>\
                \(cells)<td>\(ChartLabels.count(totals[dayIndex]))</td></tr>
                """
        }
        return """
            <details class="chart-data"><summary>Show the numbers</summary><table class="chart-table">\
            <caption>\(title)</caption><thead><tr><th scope="col">Day</th>\(head)<th scope="col">All stores</th></tr>\
            </thead><tbody>\(rows)</tbody></table></details>
            """
    }
}
