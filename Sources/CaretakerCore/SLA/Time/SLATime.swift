/// Asia/Shanghai local time for SLA deadlines: UTC+08:00 all year (China has had no daylight
/// saving time since 1991), so a fixed offset is exact and needs no zone database.
public enum SLATime {
    /// The offset every SLA deadline is computed and written in: +08:00.
    public static let offsetMinutes: Int16 = 480

    /// The Asia/Shanghai date of `instant`, whatever offset it was written with.
    public static func localDate(of instant: RFC3339Timestamp) -> CivilDate {
        let local = instant.secondsSinceEpoch + Int64(offsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return CivilDate(daysSinceEpoch: Int(days))
    }

    /// The same instant written in +08:00.
    public static func local(_ instant: RFC3339Timestamp) -> RFC3339Timestamp {
        instant.inOffset(minutes: offsetMinutes)
    }

    /// The last second of `date` in Asia/Shanghai: `YYYY-MM-DDT23:59:59+08:00`.
    public static func endOfDay(_ date: CivilDate) -> RFC3339Timestamp {
        let local = Int64(date.daysSinceEpoch) * 86_400 + 86_399
        return RFC3339Timestamp(secondsSinceEpoch: local - Int64(offsetMinutes) * 60, utcOffsetMinutes: offsetMinutes)
    }

    /// `instant` plus `seconds`, written in +08:00 (fractions of a second are dropped).
    public static func adding(seconds: Int64, to instant: RFC3339Timestamp) -> RFC3339Timestamp {
        RFC3339Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch + seconds, utcOffsetMinutes: offsetMinutes)
    }

    /// The same local time `count` calendar months later in Asia/Shanghai; a day that the target
    /// month lacks becomes its last day (Jan 31 + 1 month = Feb 28 or 29).
    public static func adding(months count: Int, to instant: RFC3339Timestamp) -> RFC3339Timestamp {
        let local = instant.secondsSinceEpoch + Int64(offsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let date = CivilDate(daysSinceEpoch: Int(days))
        let monthIndex = date.year * 12 + (date.month - 1) + count
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        let day = min(date.day, RFC3339Timestamp.daysIn(month: month, year: year))
        let target = Int64(RFC3339Timestamp.daysFromCivil(year: year, month: month, day: day)) * 86_400 + secondOfDay
        return RFC3339Timestamp(secondsSinceEpoch: target - Int64(offsetMinutes) * 60, utcOffsetMinutes: offsetMinutes)
    }
}
