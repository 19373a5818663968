/// The arithmetic the report shares: percentages and nearest-rank percentiles.
public enum ReportMath {
    /// `part ÷ whole × 100`, `nil` when `whole` is 0.
    public static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) * 100 / Double(whole)
    }

    /// The nearest-rank percentile: the ⌈p·n⌉-th smallest value (so the median of 4 values is
    /// the 2nd), `nil` for no values. Nearest rank keeps the figure an actual case's time.
    public static func percentile(_ p: Double, of values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// `value` rounded to `places` decimals, for printing.
    public static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
