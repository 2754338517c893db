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
            ([columns[index].heading] + rows.map { $0[index] }).map(Self.width).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { index -> String in
                let padding = String(repeating: " ", count: widths[index] - Self.width(cells[index]))
                return columns[index].alignedRight ? padding + cells[index] : cells[index] + padding
            }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        return [line(columns.map(\.heading))] + rows.map(line)
    }

    /// How many columns of a terminal `text` takes: East Asian wide characters and emoji take two (customers'
    /// names are in every script), combining marks none.
    static func width(_ text: String) -> Int {
        text.reduce(0) { total, character in
            guard let scalar = character.unicodeScalars.first else { return total }
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
                return total + 2
            default:
                return total + 1
            }
        }
    }

    /// Prints the table, or `empty` when it has no rows.
    func print(empty: String) {
        guard !rows.isEmpty else { return Swift.print(empty) }
        for line in lines { Swift.print(line) }
    }
}
