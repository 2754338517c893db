/// The fill of each series in a chart: the Okabe–Ito colours, which stay apart for the common colour-vision
/// deficiencies, each with its own pattern so that the series also stay apart printed in greyscale.
///
/// Series keep their place: the first store is always solid blue, drawn lowest in a stack and listed first in
/// the legend, so order is a third cue besides colour and pattern.
enum ChartPalette {
    /// Ordered so that neighbours differ in lightness as well as hue.
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

    /// Patterns laid over the colour, the first none; a series past the last gets the colour and pattern of its
    /// index modulo each list's length, so the pairs repeat only after 7 × 6 series.
    private static let patterns: [(name: String, marks: String)] = [
        ("solid", ""),
        ("stripes", #"<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="white" stroke-width="1.4"/>"#),
        ("dots", #"<circle cx="3" cy="3" r="1.3" fill="white"/>"#),
        ("crosshatch", #"<path d="M0,0 L6,6 M6,0 L0,6" stroke="white" stroke-width="1"/>"#),
        ("bands", #"<path d="M0,3 H6" stroke="white" stroke-width="1.4"/>"#),
        ("columns", #"<path d="M3,0 V6" stroke="white" stroke-width="1.4"/>"#),
    ]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// The pattern's name, for a legend's class or a test.
    static func patternName(_ index: Int) -> String { patterns[index % patterns.count].name }

    /// The `fill` of series `index`: its colour, or a pattern defined by ``definitions(prefix:count:)``.
    static func fill(_ index: Int, prefix: String) -> String {
        patterns[index % patterns.count].marks.isEmpty ? colour(index) : "url(#\(prefix)-fill-\(index))"
    }

    /// `<pattern>` elements for the first `count` series, ids starting with `prefix` (unique in the page).
    static func definitions(prefix: String, count: Int) -> HTML {
        var pieces: [HTML] = []
        for index in 0..<count {
            let marks = patterns[index % patterns.count].marks
            guard !marks.isEmpty else { continue }
            pieces.append(
                """
                <pattern id="\(prefix)-fill-\(index)" width="6" height="6" patternUnits="userSpaceOnUse">\
                <rect width="6" height="6" fill="\(colour(index))"/>\(HTML(unsafeRaw: marks))</pattern>
                """)
        }
        return pieces.isEmpty ? .empty : "<defs>\(pieces)</defs>"
    }
}
