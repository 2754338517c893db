/// Rows of text in aligned columns, for people reading a terminal: a header, then one line a row, columns
/// separated by two spaces, numbers aligned right.
struct TextTable {
    /// A column: its heading, and whether its values line up on the right (numbers).
    struct Column {
        let heading: String
        let alignedRight: Bool

        static func left(_ heading: String) -> Column { Column(heading: heading, alignedRight: false) }
        static func right(_ heading: String) -> Column { Column(heading: heading, alignedRight: true) }
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    /// Adds a row; missing cells are blank, a cell's line breaks become spaces.
    mutating func append(_ cells: [String]) {
        rows.append(
            columns.indices.map { index in
                index < cells.count ? cells[index].split(whereSeparator: \.isNewline).joined(separator: " ") : ""
            })
    }

    /// The table's lines, without trailing spaces.
    var lines: [String] {
        let widths = columns.indices.map { index in
            ([columns[index].heading] + rows.map { $0[index] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { index -> String in
                let padding = String(repeating: " ", count: widths[index] - cells[index].count)
                return columns[index].alignedRight ? padding + cells[index] : cells[index] + padding
            }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        return [line(columns.map(\.heading))] + rows.map(line)
    }

    /// Prints the table, or `empty` when it has no rows.
    func print(empty: String) {
        guard !rows.isEmpty else { return Swift.print(empty) }
        for line in lines { Swift.print(line) }
    }
}
