/// A plain-text table with columns padded to the widest cell, counting CJK characters as two
/// columns so Chinese labels line up in a terminal.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// The table's lines: header, a rule, then the rows.
    var text: String {
        let widths = header.indices.map { column in
            ([header] + rows).map { Self.width(column < $0.count ? $0[column] : "") }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - Self.width(cell))
            }.joined(separator: "  ").trailingSpacesRemoved
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
            + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// Terminal columns: East Asian wide characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
