/// The working-day calendars Caretaker has, one per year, and the working-day arithmetic.
///
/// Any question about a year with no calendar throws `CalendarError.yearNotCovered`: Caretaker
/// never assumes that an unlisted year has no holidays.
public struct CalendarSet: Sendable, Equatable {
    /// The calendars by year.
    public private(set) var calendars: [Int: WorkingCalendar]

    /// Creates a set; two calendars for one year are refused (`duplicate`).
    public init(_ calendars: [WorkingCalendar]) throws(CalendarError) {
        self.calendars = [:]
        for calendar in calendars {
            guard self.calendars[calendar.year] == nil else {
                throw CalendarError(path: "$", problem: .duplicate,
                                    message: "two calendars cover \(calendar.year) (\(self.calendars[calendar.year]!.version) and \(calendar.version))")
            }
            self.calendars[calendar.year] = calendar
        }
    }

    /// The years covered, ascending.
    public var years: [Int] { calendars.keys.sorted() }

    /// The calendar of `year`, or `yearNotCovered`.
    public func calendar(for year: Int) throws(CalendarError) -> WorkingCalendar {
        guard let calendar = calendars[year] else { throw .yearNotCovered(year) }
        return calendar
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        try calendar(for: date.year).isWorkingDay(date)
    }

    /// The `count`-th working day strictly after `start` (`start` itself never counts, whether or
    /// not it is a working day), and the versions of the calendars consulted, in year order.
    ///
    /// `count` must be at least 1. Only the days after `start` up to the result are consulted, so
    /// a deadline that ends on 31 December needs no calendar for the next year.
    public func addWorkingDays(_ count: Int, after start: CivilDate) throws(CalendarError) -> (date: CivilDate, calendarVersion: String) {
        precondition(count >= 1, "addWorkingDays needs a count of at least 1")
        var remaining = count
        var day = start
        var versions: [String] = []
        while remaining > 0 {
            day = day.adding(days: 1)
            let calendar = try calendar(for: day.year)
            if versions.last != calendar.version { versions.append(calendar.version) }
            if calendar.isWorkingDay(day) { remaining -= 1 }
        }
        return (day, versions.joined(separator: "+"))
    }

    /// The deadline of a budget of `count` working days started at `start`: the end
    /// (23:59:59 +08:00) of the `count`-th working day after the Asia/Shanghai date of `start`.
    public func workingDayDeadline(_ count: Int, from start: RFC3339Timestamp) throws(CalendarError) -> (dueAt: RFC3339Timestamp, calendarVersion: String) {
        let (date, version) = try addWorkingDays(count, after: SLATime.localDate(of: start))
        return (SLATime.endOfDay(date), version)
    }
}
