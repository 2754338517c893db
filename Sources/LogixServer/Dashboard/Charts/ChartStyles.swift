/// The stylesheet rules the charts rely on, served after the dashboard's own (``Assets``): `.charts`, a grid whose
/// cells are never narrower than 28rem (a chart needs the room) or the screen, the legend in a row, the empty
/// state as a quiet panel, and larger text in the drawing when the chart itself is narrow (a container query:
/// a phone, or a narrow column on a desktop). Colours come from `currentColor`, so the charts follow the page.
enum ChartStyles {
    static let css = """
        .charts { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); \
        margin-bottom: 16px; }
        .charts > .card { margin-bottom: 0; }
        .chart { margin: 0; min-width: 0; container-type: inline-size; }
        .chart-summary { margin: 0 0 .5rem; }
        .chart-svg { display: block; width: 100%; height: auto; max-width: 46rem; overflow: visible; }
        .chart-svg text { font-variant-numeric: tabular-nums; }
        @container (max-width: 32rem) { .chart-svg { font-size: \(Int(ChartFrame.phoneFontSize))px; } }
        .chart-legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: .5rem 0; \
        padding: 0; }
        .chart-legend li { display: flex; align-items: baseline; gap: .4rem; }
        .chart-legend li > svg { align-self: center; }
        .chart .chart-swatch { flex: none; width: 12px; height: 12px; border-radius: 2px; }
        .chart-legend-count { opacity: .7; font-variant-numeric: tabular-nums; }
        .chart-data summary { cursor: pointer; }
        .chart-table { border-collapse: collapse; margin-top: .5rem; font-variant-numeric: tabular-nums; }
        .chart-table caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
        .chart-table th, .chart-table td { padding: .15rem .6rem; text-align: right; \
        border-bottom: 1px solid rgba(127, 127, 127, .25); }
        .chart-table th[scope=row], .chart-table thead th:first-child { text-align: left; }
        .chart-empty { border: 1px dashed rgba(127, 127, 127, .5); border-radius: .5rem; padding: 1.5rem 1rem; \
        text-align: center; }
        .chart-empty p { margin: 0; }
        .chart-empty-hint { opacity: .75; margin-top: .25rem !important; }
        """
}
