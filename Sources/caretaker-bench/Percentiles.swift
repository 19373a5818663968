import Foundation

/// Nearest-rank percentiles of a set of latencies in milliseconds.
struct Percentiles {
    private let sorted: [Double]

    /// Sorts `samples` once.
    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    /// How many samples there are.
    var count: Int { sorted.count }

    /// The value at `fraction` (0...1) by nearest rank; 0 without samples.
    func value(at fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// `p50 … p90 … p99 … max …` in milliseconds.
    var summary: String {
        let parts = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)].map { name, fraction in
            "\(name) \(String(format: "%.1f", value(at: fraction))) ms"
        }
        return (parts + ["max \(String(format: "%.1f", sorted.last ?? 0)) ms"]).joined(separator: "  ")
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds.
    var milliseconds: Double { seconds * 1000 }
}
