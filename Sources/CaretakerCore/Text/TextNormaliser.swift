/// Folds report text into the form the rules are matched in, one Unicode scalar at a time.
///
/// Traditional Chinese → Simplified (single-character table, `TraditionalToSimplifiedTable`),
/// full-width ASCII → ASCII, the ideographic space → space, 。、 → `.` `,`, and ASCII/Latin-1
/// letters → lower case. Keywords in the rules are folded the same way, so either script matches.
public enum TextNormaliser {
    /// The BMP part of the Traditional→Simplified table, indexed by code point (0 = unchanged).
    private static let bmpTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x10000)
        var traditional: UInt32?
        for scalar in TraditionalToSimplifiedTable.pairs.unicodeScalars {
            if let from = traditional {
                if from < 0x10000 { table[Int(from)] = scalar.value }
                traditional = nil
            } else {
                traditional = scalar.value
            }
        }
        return table
    }()

    /// Supplementary-plane entries of the table.
    private static let supplementaryTable: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        var traditional: UInt32?
        for scalar in TraditionalToSimplifiedTable.pairs.unicodeScalars {
            if let from = traditional {
                if from >= 0x10000 { table[from] = scalar.value }
                traditional = nil
            } else {
                traditional = scalar.value
            }
        }
        return table
    }()

    /// The folded form of one scalar value.
    @inline(__always)
    public static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            if value >= 0x41, value <= 0x5A { return value + 32 }
            if value == 0x0D || value == 0x09 { return 0x20 }
            return value
        }
        if value < 0x3000 {
            if value >= 0xC0, value <= 0xDE, value != 0xD7 { return value + 32 }
            return value
        }
        if value < 0x10000 {
            switch value {
            case 0x3000: return 0x20
            case 0x3001: return 0x2C
            case 0x3002, 0xFF61: return 0x2E
            case 0xFF01...0xFF5E:
                let ascii = value - 0xFEE0
                return ascii >= 0x41 && ascii <= 0x5A ? ascii + 32 : ascii
            default:
                let mapped = bmpTable[Int(value)]
                return mapped == 0 ? value : mapped
            }
        }
        return supplementaryTable[value] ?? value
    }

    /// Whether a folded scalar ends a clause (negation never reaches across one).
    @inline(__always)
    public static func isClauseBoundary(_ value: UInt32) -> Bool {
        switch value {
        case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x0A, 0x3A, 0x7E, 0x2026, 0xFF5E: true
        default: false
        }
    }

    /// Folds `text` into `buffer` (cleared first; its capacity is reused).
    public static func normalise(_ text: String, into buffer: inout [UInt32]) {
        buffer.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            buffer.append(fold(scalar.value))
        }
    }

    /// The folded form of `text` as a string (for keywords, tests and debugging).
    public static func normalised(_ text: String) -> String {
        var buffer: [UInt32] = []
        normalise(text, into: &buffer)
        var out = String.UnicodeScalarView()
        for value in buffer {
            if let scalar = Unicode.Scalar(value) { out.append(scalar) }
        }
        return String(out)
    }
}
