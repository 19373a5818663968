/// One year of working days for mainland China: weekends, public holidays and make-up working
/// days (调休), as published in the State Council's yearly notice and shipped as a versioned file.
///
/// A day is a working day when it is a make-up working day, or when it is neither a holiday nor
/// a weekend day. The file format is in docs/sla.md.
public struct WorkingCalendar: Sendable, Equatable {
    /// The file's version, recorded with every timer whose deadline it computed (e.g. `cn-2026.1`).
    public var version: String
    /// The year the file covers; every date in it lies in this year.
    public var year: Int
    /// The days of the week that are rest days unless listed as make-up working days.
    public var weekend: Set<Weekday>
    /// Public holidays (including the weekend days inside a holiday period).
    public var holidays: Set<CivilDate>
    /// Make-up working days (调休) that fall on a weekend day.
    public var workdays: Set<CivilDate>

    /// Creates a calendar; no validation is done here (use `parse(_:)` for a file).
    public init(version: String, year: Int, weekend: Set<Weekday> = [.saturday, .sunday],
                holidays: Set<CivilDate>, workdays: Set<CivilDate>) {
        self.version = version
        self.year = year
        self.weekend = weekend
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Whether `date` (which must lie in `year`) is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if workdays.contains(date) { return true }
        if holidays.contains(date) { return false }
        return !weekend.contains(date.weekday)
    }
}
