import Foundation
import Storage
import Sync

/// The progress of an order sync as `logix integrations sync` shows it: on a terminal a bar redrawn in place
/// (`\r`), on a pipe or a file plain lines a script or a log can read (the first page, then at most one a
/// second, and the last page); both say pages done of total, orders, orders a second and the time left.
struct SyncProgressDisplay {
    enum Mode {
        /// A terminal `columns` wide.
        case bar(columns: Int)
        case lines
    }

    let mode: Mode
    /// Where the figures of this process start: a resumed run has pages and orders from before.
    private let startPages: Int
    private let startOrders: Int
    private let started: ContinuousClock.Instant
    private let clock = ContinuousClock()
    private var lastDrawn: ContinuousClock.Instant?
    private var latest: OrderImportProgress?
    /// Whether the bar is on screen (so the next line must start on a line of its own).
    private var barShown = false

    init(mode: Mode, run: SyncRun) {
        self.mode = mode
        startPages = run.pagesDone
        startOrders = run.counts.total
        started = clock.now
    }

    /// The mode for standard output: the bar on a terminal, lines otherwise.
    static func modeForStandardOutput() -> Mode {
        guard isatty(STDOUT_FILENO) != 0 else { return .lines }
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : 0
        return .bar(columns: columns > 20 ? columns : 80)
    }

    /// Shows a page's progress (the bar at most ten times a second, lines at most once).
    mutating func show(_ progress: OrderImportProgress) {
        latest = progress
        let now = clock.now
        let last = progress.totalPages > 0 && progress.pagesDone >= progress.totalPages
        switch mode {
        case .bar(let columns):
            if let lastDrawn, now - lastDrawn < .milliseconds(100), !last { return }
            Self.write("\r" + bar(progress, columns: columns) + "\u{1B}[K")
            barShown = true
        case .lines:
            if let lastDrawn, now - lastDrawn < .seconds(1), !last { return }
            Self.write(figures(progress) + "\n")
        }
        lastDrawn = now
    }

    /// A line between progress (the bar, if shown, is drawn again under it at the next page).
    mutating func note(_ line: String) {
        Self.write((barShown ? "\r\u{1B}[K" : "") + line + "\n")
        barShown = false
    }

    /// Ends the display with the line that says how the run ended.
    mutating func finish(_ line: String) {
        if barShown, let latest, case .bar(let columns) = mode {
            // The bar's final state stays on screen, the summary under it.
            Self.write("\r" + bar(latest, columns: columns) + "\u{1B}[K\n")
        }
        barShown = false
        Self.write(line + "\n")
    }

    /// Seconds since the display started.
    var elapsed: Double {
        let (seconds, attoseconds) = (clock.now - started).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    // MARK: - Lines

    /// `pages 12/200, 1200 orders, 540 orders/s, 0:22 left`
    private func figures(_ progress: OrderImportProgress) -> String {
        let seconds = elapsed
        let orders = progress.counts.total
        let rate = seconds > 0 ? Double(orders - startOrders) / seconds : 0
        let pagesHere = progress.pagesDone - startPages
        var left = "--:--"
        if pagesHere > 0, progress.totalPages > 0 {
            let perPage = seconds / Double(pagesHere)
            left = OperatorFormat.clock(seconds: perPage * Double(max(0, progress.totalPages - progress.pagesDone)))
        }
        let total = progress.totalPages > 0 ? String(progress.totalPages) : "?"
        return "pages \(progress.pagesDone)/\(total), \(orders) orders, \(Int(rate.rounded())) orders/s, \(left) left"
    }

    /// `[#########...........]  45% pages 90/200, 9000 orders, 540 orders/s, 0:22 left`, cut to the width.
    private func bar(_ progress: OrderImportProgress, columns: Int) -> String {
        let text = figures(progress)
        let percent = String(format: "%3d%%", Int((progress.fraction * 100).rounded(.down)))
        // Room for the bar: the line is kept under the width so that the terminal never wraps it.
        let width = max(10, min(40, columns - 1 - text.count - percent.count - 4))
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let line =
            "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + percent + " " + text
        return String(line.prefix(max(1, columns - 1)))
    }

    /// Unbuffered: a redraw must show at once, and lines must reach a pipe as they are made.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
