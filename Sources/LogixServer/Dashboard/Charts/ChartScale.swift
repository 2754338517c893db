/// A value axis that starts at zero and ends on a round number (1, 2, 2.5 or 5 times a power of ten), with
/// evenly spaced ticks, so that a reader can read a bar's height off the grid.
struct ChartScale: Sendable, Equatable {
    /// The axis's top value: at least the largest count, and at least 1 so an all-zero chart still draws.
    let maximum: Int
    /// The tick values from 0 to `maximum`.
    let ticks: [Int]

    init(largest: Int, tickCount: Int = 4) {
        let largest = max(largest, 1)
        let rough = Double(largest) / Double(tickCount)
        var magnitude = 1
        while Double(magnitude * 10) <= rough { magnitude *= 10 }
        // Counts are whole numbers: no step below one, and 2.5 only from 25 up.
        let steps = magnitude >= 10 ? [magnitude, magnitude * 2, magnitude * 5 / 2, magnitude * 5] : [1, 2, 5]
        let step = steps.first { $0 * tickCount >= largest } ?? magnitude * 10
        let top = ((largest + step - 1) / step) * step
        maximum = top
        ticks = Array(stride(from: 0, through: top, by: step))
    }

    /// `count`'s share of the axis, 0…1.
    func fraction(_ count: Int) -> Double { Double(count) / Double(maximum) }

    /// A coordinate written with at most one decimal: enough for a chart, and short in the page.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10
        let decimal = abs(tenths) % 10
        return decimal == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(decimal)"
    }
}
