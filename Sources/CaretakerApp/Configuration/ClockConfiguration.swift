import CaretakerCore
import Configuration
import Foundation

/// How fast SLA time runs, and in which time zone people are shown times (the `clock` section).
public struct ClockConfiguration: Sendable, Equatable {
    /// SLA seconds per real second: 1 in production; the demo uses e.g. 3600 (an hour a second).
    public var timeScale: Double
    /// The IANA time zone `caretaker timers` (and other listings) show times in.
    public var displayTimeZone: String

    /// Creates a configuration with the documented defaults.
    public init(timeScale: Double = 1.0, displayTimeZone: String = "Asia/Shanghai") {
        self.timeScale = timeScale
        self.displayTimeZone = displayTimeZone
    }

    /// Reads and validates the section from a reader scoped to `clock`.
    ///
    /// ## Configuration keys
    /// - `time_scale` (double, > 0, default 1.0): SLA time speed-up.
    /// - `display_time_zone` (string, an IANA zone such as `Asia/Shanghai` or `Asia/Hong_Kong`,
    ///   default `Asia/Shanghai`): the zone listings show times in.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `clock`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        timeScale = try reader.positiveDouble("time_scale")
        displayTimeZone = try reader.string("display_time_zone", maxBytes: 64)
        guard TimeZone(identifier: displayTimeZone) != nil else {
            throw ConfigurationError(
                key: "display_time_zone",
                problem: "\(SettingReader.printable(displayTimeZone)) is not a time zone; use an IANA name such as Asia/Shanghai")
        }
    }

    /// `instant` written in the display time zone's offset at that instant (daylight saving
    /// included), as listings show it.
    public func displayed(_ instant: RFC3339Timestamp) -> RFC3339Timestamp {
        let zone = TimeZone(identifier: displayTimeZone) ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let date = Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch))
        return instant.inOffset(minutes: Int16(zone.secondsFromGMT(for: date) / 60))
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [ConfigurationEntry("time_scale", .double(timeScale)),
         ConfigurationEntry("display_time_zone", .string(displayTimeZone))]
    }
}
