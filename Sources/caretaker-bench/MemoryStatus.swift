import Foundation

/// This process's resident memory from `/proc/self/status` (Linux): current (`VmRSS`) and peak
/// (`VmHWM`), in kilobytes; zero where the file is missing.
struct MemoryStatus {
    /// Resident set size now.
    var currentKB = 0
    /// The highest resident set size since start or since ``resetPeak()``.
    var peakKB = 0

    /// Reads the figures now.
    static func read() -> MemoryStatus {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return MemoryStatus() }
        var status = MemoryStatus()
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let value = Int(fields[1]) else { continue }
            if fields[0] == "VmRSS:" { status.currentKB = value }
            if fields[0] == "VmHWM:" { status.peakKB = value }
        }
        return status
    }

    /// Starts `VmHWM` over from the current RSS (writes 5 to `/proc/self/clear_refs`), so the
    /// peak covers the measured phase only and not the setup before it.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Megabytes, one decimal.
    static func megabytes(_ kilobytes: Int) -> String {
        String(format: "%.1f MB", Double(kilobytes) / 1024)
    }
}
