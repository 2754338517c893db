/// Time from order to shipment as a histogram in inline SVG, rendered on the server from plain values: the
/// median and the 90th percentile said in words above it (a reader wants "most orders leave within a day",
/// not a bar to measure), each bar labelled with its count, and the numbers as a table as well.
struct ShipmentTimeChart: Sendable {
    /// Orders shipped within one span of time, e.g. "4–12 h".
    struct Bucket: Sendable, Equatable {
        let label: String
        let count: Int
    }

    let buckets: [Bucket]
    /// Half of the orders shipped within this long; `nil` when nothing shipped.
    let median: Duration?
    /// Nine in ten shipped within this long.
    let p90: Duration?
    /// Shipments measured; the buckets' counts add up to it.
    let samples: Int
    /// Unique in the page: the SVG's ids start with it.
    var id = "shipment-time"
    var emptyMessage = "No shipments in the last 30 days"
    var emptyHint = "Once orders are shipped, the time each took appears here."

    init(buckets: [Bucket], median: Duration?, p90: Duration?, samples: Int? = nil) {
        self.buckets = buckets.map { Bucket(label: $0.label, count: max(0, $0.count)) }
        self.median = median
        self.p90 = p90
        self.samples = samples ?? self.buckets.reduce(0) { $0 + $1.count }
    }

    /// "Half of the 312 shipped orders left within 4 hours 10 minutes; 9 in 10 within 1 day 3 hours."
    var summary: String {
        let shipped = ChartLabels.count(samples, "shipped order", "shipped orders")
        guard let median else { return "\(shipped)." }
        var text =
            samples == 1
            ? "The one shipped order left after \(ChartLabels.duration(median))"
            : "Half of the \(shipped) left within \(ChartLabels.duration(median))"
        if let p90, samples > 1 { text += "; 9 in 10 within \(ChartLabels.duration(p90))" }
        return text + "."
    }

    func render() -> HTML {
        let largest = buckets.map(\.count).max() ?? 0
        guard samples > 0, largest > 0 else {
            return ChartFrame.empty(id: id, message: emptyMessage, hint: emptyHint)
        }
        let scale = ChartScale(largest: largest)
        let frame = ChartFrame(scale: scale, labelRows: labelsAlternate ? 2 : 1)
        let title = "Time from order to shipment"
        let summary = self.summary
        return """
            <figure class="chart chart-shipment-time" id="\(id)">\
            <figcaption class="chart-summary">\(summary)</figcaption>\
            \(frame.open(id: id, title: title, description: summary))\
            \(frame.grid(scale))\(bars(frame, scale))</svg>\(table(title))</figure>
            """
    }

    private func bars(_ frame: ChartFrame, _ scale: ChartScale) -> HTML {
        let band = frame.plotWidth / Double(max(buckets.count, 1))
        let width = band * 0.8
        var pieces: [HTML] = []
        for (index, bucket) in buckets.enumerated() {
            let x = frame.left + band * Double(index) + (band - width) / 2
            let centre = ChartScale.coordinate(x + width / 2)
            let height = frame.barHeight(bucket.count, scale: scale)
            let top = frame.baseline - height
            let share = Int((Double(bucket.count) / Double(samples) * 100).rounded())
            pieces.append(
                """
                <rect x="\(ChartScale.coordinate(x))" y="\(ChartScale.coordinate(top))" \
                width="\(ChartScale.coordinate(width))" height="\(ChartScale.coordinate(height))" \
                fill="\(ChartPalette.colour(0))" data-bucket="\(bucket.label)" data-count="\(bucket.count)">\
                <title>\(bucket.label): \(ChartLabels.count(bucket.count, "order", "orders")) (\(share) %)</title></rect>\
                <text x="\(centre)" y="\(ChartScale.coordinate(top - 4))" text-anchor="middle" aria-hidden="true">\
                \(ChartLabels.count(bucket.count))</text>
                """)
            let row = labelsAlternate && index % 2 == 1 ? 2.0 : 1.0
            pieces.append(
                """
                <text x="\(centre)" y="\(ChartScale.coordinate(frame.baseline + ChartFrame.phoneFontSize * row))" \
                text-anchor="middle" aria-hidden="true">\(bucket.label)</text>
                """)
        }
        return "<g class=\"chart-bars\">\(pieces)</g>"
    }

    /// Whether the bucket labels, at a phone's text size, are wider than their bars: then every other one
    /// drops to a second row so that neighbours do not overlap.
    private var labelsAlternate: Bool {
        let band = (ChartFrame.width - 60) / Double(max(buckets.count, 1))
        return Double(buckets.map(\.label.count).max() ?? 0) * ChartFrame.characterWidth > band * 0.95
    }

    private func table(_ title: String) -> HTML {
        let rows: [HTML] = buckets.map { bucket in
            "<tr><th scope=\"row\">\(bucket.label)</th><td>\(ChartLabels.count(bucket.count))</td></tr>"
        }
        return """
            <details class="chart-data"><summary>Show the numbers</summary><table class="chart-table">\
            <caption>\(title)</caption><thead><tr><th scope="col">Shipped within</th><th scope="col">Orders</th>\
            </tr></thead><tbody>\(rows)</tbody></table></details>
            """
    }
}
