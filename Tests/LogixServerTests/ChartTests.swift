import Foundation
import Testing

@testable import LogixServer

/// The dashboard's server-rendered charts: well-formed SVG whose bars measure what they say, store names
/// escaped, the numbers repeated as a table, and a sentence instead of an empty grid.
@Suite struct OrdersPerDayChartTests {
    static let now = Date(timeIntervalSince1970: 1_796_400_000)  // 2026-12-04 16:00 UTC
    static let days = OrdersPerDayChart.days(30, endingAt: now)

    static func chart(_ names: [String] = ["Kestrel", "Bluebell"]) -> OrdersPerDayChart {
        OrdersPerDayChart(
            days: days,
            series: names.enumerated().map { index, name in
                OrdersPerDayChart.Series(store: name, counts: days.indices.map { ($0 * 7 + index * 3) % 23 })
            })
    }

    @Test func theWindowIsThirtyUTCDaysEndingToday() {
        #expect(Self.days.count == 30)
        #expect(ChartLabels.isoDay(Self.days.last!) == "2026-12-04")
        #expect(ChartLabels.isoDay(Self.days.first!) == "2026-11-05")
        #expect(Self.days.allSatisfy { Int($0.timeIntervalSince1970) % 86_400 == 0 })
    }

    @Test func theFigureIsWellFormedAndNamedForAssistiveTechnology() throws {
        let markup = try ParsedMarkup(Self.chart().render().markup)
        let svg = try #require(markup.all("svg").first { $0.attributes["class"] == "chart-svg" })
        #expect(svg.attributes["role"] == "img")
        #expect(svg.attributes["width"] == "100%")
        #expect(svg.attributes["viewBox"] == "0 0 560 250")
        let labelled = try #require(svg.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        let named = markup.elements.filter { $0.attributes["id"].map(labelled.contains) ?? false }
        #expect(named.map(\.name) == ["title", "desc"])
        #expect(named[0].text == "Orders per day per store, last 30 days")
        #expect(named[1].text.contains("orders in the last 30 days from 2 stores"))
        // A legend entry per store, in the stack's order.
        let legend = markup.elements.filter { $0.name == "span" && $0.ancestors.last == "li" }.map {
            $0.text.trimmingCharacters(in: .whitespaces)
        }
        #expect(legend == ["Kestrel", "Bluebell"])
    }

    @Test func barsAreAsTallAsTheirCountsAndStackPerDay() throws {
        let chart = Self.chart()
        let rects = try ParsedMarkup(chart.render().markup).all("rect").filter { $0.attributes["data-count"] != nil }
        #expect(rects.count == chart.series.flatMap(\.counts).filter { $0 > 0 }.count)
        let scale = ChartScale(largest: chart.dayTotals.max()!)
        let frame = ChartFrame(scale: scale)
        let unit = frame.plotHeight / Double(scale.maximum)
        for rect in rects {
            let count = try #require(Double(rect.attributes["data-count"]!))
            let height = try #require(Double(rect.attributes["height"]!))
            // Coordinates are written to a tenth: off by at most half of one.
            #expect(abs(height - count * unit) <= 0.0501, "\(rect.attributes)")
        }
        // Segments of one day sit on one another, the first store at the bottom on the baseline.
        let baseline = frame.baseline
        for (day, segments) in Dictionary(grouping: rects, by: { $0.attributes["data-day"]! }) {
            var bottom = baseline
            for segment in segments {
                let y = Double(segment.attributes["y"]!)!
                let height = Double(segment.attributes["height"]!)!
                #expect(abs(y + height - bottom) <= 0.15, "day \(day)")
                bottom = y
            }
        }
        // The tallest day reaches most of the plot but not past it.
        let tallest = Dictionary(grouping: rects, by: { $0.attributes["data-day"]! }).values.map {
            $0.reduce(0) { $0 + Double($1.attributes["height"]!)! }
        }.max()!
        #expect(tallest <= frame.plotHeight + 0.1)
        #expect(tallest >= frame.plotHeight / 2)
    }

    @Test func theTableRepeatsTheNumbers() throws {
        let chart = Self.chart()
        let markup = try ParsedMarkup(chart.render().markup)
        let rows = markup.all("tr").count - 1
        #expect(rows == 30)
        let cells = markup.all("td").map { Int($0.text.replacingOccurrences(of: ",", with: ""))! }
        // Per row: a cell per store and the day's total, newest day first.
        #expect(cells.count == 30 * 3)
        let newest = Array(cells.prefix(3))
        #expect(newest == [chart.series[0].counts[29], chart.series[1].counts[29], chart.dayTotals[29]])
        #expect(cells.reduce(0, +) == chart.total * 2)
    }

    @Test func aStoreNameIsTextNeverMarkup() throws {
        let name = "Shop <script>alert(\"x\")</script> & 'Co'"
        let rendered = Self.chart([name, "Other"]).render().markup
        #expect(!rendered.contains("<script"))
        #expect(rendered.contains("Shop &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;"))
        let markup = try ParsedMarkup(rendered)
        #expect(markup.all("script").isEmpty)
        #expect(markup.all("rect").contains { $0.attributes["data-store"] == name })
        #expect(markup.all("th").contains { $0.text == name })
    }

    @Test func storesStayApartWithoutColour() throws {
        let names = (1...6).map { "Store \($0)" }
        let markup = try ParsedMarkup(Self.chart(names).render().markup)
        // Each store's bars share one fill, and no two stores share one; all but the first are patterns.
        var fills: [String: Set<String>] = [:]
        for rect in markup.all("rect") where rect.attributes["data-store"] != nil {
            fills[rect.attributes["data-store"]!, default: []].insert(rect.attributes["fill"]!)
        }
        #expect(fills.values.allSatisfy { $0.count == 1 })
        #expect(Set(fills.values.map { $0.first! }).count == 6)
        #expect(markup.all("pattern").count == 5)
    }

    @Test func countsFromEntriesLandOnTheirStoreAndDay() {
        let stores = [OrdersPerDayChart.Store(id: 7, name: "A"), OrdersPerDayChart.Store(id: 9, name: "B")]
        let chart = OrdersPerDayChart(
            days: Self.days, stores: stores,
            entries: [
                .init(storeID: 9, day: Self.days[29], count: 4), .init(storeID: 7, day: Self.days[0], count: 2),
                .init(storeID: 7, day: Self.days[0], count: 1),
                // Another store's, and a day before the window: left out.
                .init(storeID: 8, day: Self.days[3], count: 50),
                .init(storeID: 7, day: Self.days[0].addingTimeInterval(-86_400), count: 50),
            ])
        #expect(chart.series.map(\.store) == ["A", "B"])
        #expect(chart.series[0].counts[0] == 3)
        #expect(chart.series[1].counts[29] == 4)
        #expect(chart.total == 7)
        #expect(chart.summary == "7 orders in the last 30 days from 2 stores; the busiest day was 4 Dec with 4.")
    }

    @Test func noOrdersIsASentenceNotAnEmptyChart() throws {
        for chart in [
            OrdersPerDayChart(days: Self.days, series: []),
            OrdersPerDayChart(days: Self.days, series: [.init(store: "A", counts: Array(repeating: 0, count: 30))]),
            OrdersPerDayChart(days: [], series: []),
        ] {
            let rendered = chart.render().markup
            let markup = try ParsedMarkup(rendered)
            #expect(markup.all("svg").isEmpty)
            #expect(markup.all("strong").map(\.text) == ["No orders in the last 30 days"])
        }
    }
}

/// Time from order to shipment: a histogram with the median and 90th percentile in words.
@Suite struct ShipmentTimeChartTests {
    static let chart = ShipmentTimeChart(
        buckets: [
            .init(label: "< 1 h", count: 40), .init(label: "1–4 h", count: 120), .init(label: "4–12 h", count: 60),
            .init(label: "1–2 d", count: 0), .init(label: "> 2 d", count: 5),
        ],
        median: .seconds(4 * 3600 + 600), p90: .seconds(27 * 3600))

    @Test func theMedianAndP90AreSaidInWords() throws {
        #expect(Self.chart.samples == 225)
        #expect(
            Self.chart.summary
                == "Half of the 225 shipped orders left within 4 hours 10 minutes; 9 in 10 within 1 day 3 hours.")
        let markup = try ParsedMarkup(Self.chart.render().markup)
        #expect(markup.all("figcaption").map(\.text) == [Self.chart.summary])
        #expect(markup.all("desc").map(\.text) == [Self.chart.summary])
    }

    @Test func barsAreAsTallAsTheirCounts() throws {
        let markup = try ParsedMarkup(Self.chart.render().markup)
        let rects = markup.all("rect")
        #expect(rects.map { $0.attributes["data-bucket"] } == ["< 1 h", "1–4 h", "4–12 h", "1–2 d", "> 2 d"])
        let heights = rects.map { Double($0.attributes["height"]!)! }
        let unit = heights[1] / 120
        for (rect, height) in zip(rects, heights) {
            #expect(abs(height - Double(rect.attributes["data-count"]!)! * unit) <= 0.1)
        }
        #expect(heights[3] == 0)
        #expect(markup.all("td").map(\.text) == ["40", "120", "60", "0", "5"])
    }

    @Test func noShipmentsIsASentence() throws {
        let markup = try ParsedMarkup(ShipmentTimeChart(buckets: [], median: nil, p90: nil).render().markup)
        #expect(markup.all("svg").isEmpty)
        #expect(markup.all("strong").map(\.text) == ["No shipments in the last 30 days"])
    }
}

/// Numbers, days and durations as the charts write them, and the value axis.
@Suite struct ChartLabelTests {
    @Test func durationsInTheTwoLargestUnits() {
        #expect(ChartLabels.duration(.seconds(45)) == "45 seconds")
        #expect(ChartLabels.duration(.seconds(60)) == "1 minute")
        #expect(ChartLabels.duration(.seconds(4 * 3600 + 600 + 7)) == "4 hours 10 minutes")
        #expect(ChartLabels.duration(.seconds(2 * 86_400 + 5 * 60)) == "2 days")
        #expect(ChartLabels.duration(.milliseconds(300)) == "under a second")
    }

    @Test func countsAreGroupedByThousands() {
        #expect(ChartLabels.count(0) == "0")
        #expect(ChartLabels.count(999) == "999")
        #expect(ChartLabels.count(1_000) == "1,000")
        #expect(ChartLabels.count(1_234_567) == "1,234,567")
        #expect(ChartLabels.count(1, "order", "orders") == "1 order")
    }

    @Test func theAxisEndsOnARoundNumberAtOrAboveTheLargest() {
        #expect(ChartScale(largest: 0).ticks == [0, 1])
        #expect(ChartScale(largest: 7).ticks == [0, 2, 4, 6, 8])
        #expect(ChartScale(largest: 87).ticks == [0, 25, 50, 75, 100])
        #expect(ChartScale(largest: 120).ticks == [0, 50, 100, 150])
        #expect(ChartScale(largest: 1_000).maximum == 1_000)
        for largest in [1, 3, 9, 11, 99, 101, 333, 4_999] {
            let scale = ChartScale(largest: largest)
            #expect(scale.maximum >= largest && scale.ticks.count <= 6, "\(largest): \(scale.ticks)")
        }
        #expect(ChartScale.coordinate(12.34) == "12.3")
        #expect(ChartScale.coordinate(-0.04) == "0")
        #expect(ChartScale.coordinate(-1.25) == "-1.3")
    }
}
