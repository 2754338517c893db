/// The drawing area shared by the bar charts: a fixed `viewBox` the SVG scales from (it is drawn at 100 % of its
/// container's width, down to a 360 px phone), the plot inside its margins, and the grid and value axis.
struct ChartFrame: Sendable {
    static let width = 560.0
    static let height = 250.0
    /// Text size in `viewBox` units; in a chart narrower than 32rem (a phone) the drawing shrinks to about half,
    /// and the stylesheet (``ChartStyles``) raises the text to ``phoneFontSize`` there.
    static let fontSize = 14
    static let phoneFontSize = 19.0

    /// Room for the value axis's longest label at the phone's text size.
    let left: Double
    let right = 6.0
    let top = 14.0
    /// Room for one row of category labels under the plot, or two when they alternate.
    let bottom: Double

    init(scale: ChartScale, labelRows: Int = 1) {
        let longest = scale.ticks.map { ChartLabels.count($0).count }.max() ?? 1
        left = 10 + Double(longest) * Self.characterWidth
        bottom = 8 + Self.phoneFontSize * Double(labelRows)
    }

    /// A digit's or letter's width at the phone's text size, roughly: enough to keep labels from colliding.
    static let characterWidth = phoneFontSize * 0.6

    var plotWidth: Double { Self.width - left - right }
    var plotHeight: Double { Self.height - top - bottom }
    var baseline: Double { Self.height - bottom }

    /// The height of a bar for `count` on `scale`.
    func barHeight(_ count: Int, scale: ChartScale) -> Double { scale.fraction(count) * plotHeight }

    /// Horizontal grid lines with their values at the left.
    func grid(_ scale: ChartScale) -> HTML {
        var lines: [HTML] = []
        for tick in scale.ticks {
            let y = ChartScale.coordinate(baseline - barHeight(tick, scale: scale))
            lines.append(
                """
                <line x1="\(ChartScale.coordinate(left))" x2="\(ChartScale.coordinate(Self.width - right))" \
                y1="\(y)" y2="\(y)" stroke="currentColor" stroke-opacity="\(tick == 0 ? "0.6" : "0.15")"/>\
                <text x="\(ChartScale.coordinate(left - 6))" y="\(y)" dy="0.35em" text-anchor="end">\
                \(ChartLabels.count(tick))</text>
                """)
        }
        return "<g class=\"chart-grid\" aria-hidden=\"true\">\(lines)</g>"
    }

    /// The opening of the `<svg>`: scales with its container, named for assistive technology by its `<title>`
    /// and `<desc>`.
    func open(id: String, title: String, description: String) -> HTML {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" \
        width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        font-size="\(Self.fontSize)" fill="currentColor">\
        <title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(description)</desc>
        """
    }

    /// A chart with nothing to draw: a sentence in place of an empty grid, so the page looks deliberate.
    static func empty(id: String, message: String, hint: String) -> HTML {
        """
        <figure class="chart chart-empty" id="\(id)"><p class="chart-empty-message"><strong>\(message)</strong></p>\
        <p class="chart-empty-hint">\(hint)</p></figure>
        """
    }
}
