/// A horizontal bar chart drawn as inline SVG: no scripts, no external fonts or files, so the
/// HTML report prints and opens anywhere.
struct SVGBarChart {
    /// One bar: its label, its length and the text written after it.
    struct Bar {
        var label: String
        var value: Double
        var text: String
    }

    var title: String
    var bars: [Bar]
    /// The value of a full-length bar (100 for percentages).
    var scale: Double
    /// A dashed line across the bars at this value (a target such as 98 %), if any.
    var target: Double? = nil
    var colour = "#2f6fb0"

    private let labelWidth = 230.0, barWidth = 300.0, rowHeight = 26.0, top = 34.0

    var svg: String {
        let height = top + rowHeight * Double(max(bars.count, 1)) + 10
        let width = labelWidth + barWidth + 90
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTMLText.escape(title))">
            <text x="0" y="18" class="chart-title">\(HTMLText.escape(title))</text>

            """
        if bars.isEmpty {
            out += "<text x=\"0\" y=\"\(Int(top + 16))\" class=\"chart-empty\">无数据 No data</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let length = scale > 0 ? max(0, min(1, bar.value / scale)) * barWidth : 0
            out += """
                <text x="\(Int(labelWidth - 8))" y="\(Int(y + 16))" text-anchor="end" class="chart-label">\(HTMLText.escape(bar.label))</text>
                <rect x="\(Int(labelWidth))" y="\(Int(y + 3))" width="\(Self.format(length))" height="\(Int(rowHeight - 8))" fill="\(colour)"/>
                <text x="\(Self.format(labelWidth + length + 6))" y="\(Int(y + 16))" class="chart-value">\(HTMLText.escape(bar.text))</text>

                """
        }
        if let target, scale > 0 {
            let x = labelWidth + min(1, target / scale) * barWidth
            out += """
                <line x1="\(Self.format(x))" y1="\(Int(top - 4))" x2="\(Self.format(x))" y2="\(Int(height - 6))" class="chart-target"/>
                <text x="\(Self.format(x))" y="\(Int(top - 8))" text-anchor="middle" class="chart-value">目标 \(Self.format(target))%</text>

                """
        }
        return out + "</svg>"
    }

    static func format(_ value: Double) -> String {
        let rounded = ReportMath.rounded(value, places: 1)
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Escaping for text placed in HTML and SVG.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
