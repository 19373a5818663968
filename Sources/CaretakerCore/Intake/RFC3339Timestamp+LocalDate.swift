extension RFC3339Timestamp {
    /// The calendar date (year, month 1–12, day 1–31) in the writer's own offset.
    public var localDate: (year: Int64, month: Int64, day: Int64) {
        let local = secondsSinceEpoch + Int64(utcOffsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let (year, month, day) = RFC3339Timestamp.civil(fromDays: days)
        return (year, month, day)
    }

    /// The same instant written in another offset (e.g. +480 for Asia/Shanghai).
    public func inOffset(minutes: Int16) -> RFC3339Timestamp {
        RFC3339Timestamp(secondsSinceEpoch: secondsSinceEpoch, nanoseconds: nanoseconds, utcOffsetMinutes: minutes)
    }
}
