import CaretakerCore
import CaretakerStore
import Foundation

/// Where the worker's "now" comes from: the system clock, optionally sped up for the demo.
///
/// With a time scale of 3,600 one real second is an hour of SLA time, so reminders and
/// escalations of a 24-hour limit show up within a minute. Times are written in the offset ops
/// read them in (Asia/Shanghai, +08:00, by default).
public struct WorkerClock: Sendable {
    /// How many clock seconds pass per real second (1 in production).
    public let timeScale: Double
    /// The offset times are written in, in minutes east of UTC.
    public let utcOffsetMinutes: Int16
    private let origin: Date

    /// Creates a clock starting at the real current time.
    public init(timeScale: Double = 1, utcOffsetMinutes: Int16 = 480, origin: Date = Date()) {
        self.timeScale = timeScale
        self.utcOffsetMinutes = utcOffsetMinutes
        self.origin = origin
    }

    /// The current time on this clock.
    public func now() -> RFC3339Timestamp {
        let elapsed = Date().timeIntervalSince(origin) * timeScale
        return RFC3339Timestamp(origin.addingTimeInterval(elapsed), utcOffsetMinutes: utcOffsetMinutes)
    }

    /// `date` as an RFC 3339 timestamp in the given offset, to the microsecond.
    public static func timestamp(_ date: Date, utcOffsetMinutes: Int16 = 480) -> RFC3339Timestamp {
        RFC3339Timestamp(date, utcOffsetMinutes: utcOffsetMinutes)
    }
}
