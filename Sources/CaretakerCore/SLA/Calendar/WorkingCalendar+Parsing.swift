extension WorkingCalendar {
    /// Parses and validates a calendar file (UTF-8 JSON); the first problem is thrown with its path.
    ///
    /// Checked: every date is a real `YYYY-MM-DD` in `year`; holiday ranges run forward and do not
    /// overlap; a make-up working day is a weekend day and not a holiday; no date is listed twice.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(CalendarError) -> WorkingCalendar where Bytes.Element == UInt8 {
        let top = try DataFileReader(try DataFileError.parseJSON(bytes)).object(allowedKeys: [
            "version", "year", "region", "description", "source", "weekend", "holidays", "workdays",
        ])
        let version = try top.string("version")!
        let year = try top.integer("year", range: 2000...2200)!
        _ = try top.string("region", required: false)
        _ = try top.string("description", required: false)
        _ = try top.string("source", required: false)

        var weekend: Set<Weekday> = [.saturday, .sunday]
        if try top.raw("weekend", required: false) != nil {
            weekend = []
            for item in try top.items("weekend", nonEmpty: false) {
                let day: Weekday = try item.enumeration()
                guard weekend.insert(day).inserted else {
                    throw CalendarError(path: item.path, problem: .duplicate, message: "\(day.rawValue) is listed twice")
                }
            }
        }

        func date(_ reader: DataFileReader, _ key: String) throws(CalendarError) -> CivilDate {
            let text = try reader.string(key)!
            guard let date = CivilDate(text) else {
                throw CalendarError(path: reader.at(key), problem: .invalidDate, message: "\"\(text)\" is not a real date written YYYY-MM-DD")
            }
            guard date.year == year else {
                throw CalendarError(path: reader.at(key), problem: .invalidDate, message: "\(date) is not in \(year), the year this file covers")
            }
            return date
        }

        var holidays = Set<CivilDate>()
        for item in try top.items("holidays") {
            let entry = try item.object(allowedKeys: ["name", "from", "to", "note"])
            _ = try entry.string("name")
            _ = try entry.string("note", required: false)
            let from = try date(entry, "from")
            let to = try date(entry, "to")
            guard from <= to else {
                throw CalendarError(path: entry.at("to"), problem: .conflict, message: "\(to) is before \(from)")
            }
            for day in from.daysSinceEpoch...to.daysSinceEpoch {
                let holiday = CivilDate(daysSinceEpoch: day)
                guard holidays.insert(holiday).inserted else {
                    throw CalendarError(path: entry.path, problem: .duplicate, message: "\(holiday) is already in an earlier holiday")
                }
            }
        }

        var workdays = Set<CivilDate>()
        for item in try top.items("workdays", required: false, nonEmpty: false) {
            let entry = try item.object(allowedKeys: ["date", "name", "note"])
            _ = try entry.string("name", required: false)
            _ = try entry.string("note", required: false)
            let day = try date(entry, "date")
            guard !holidays.contains(day) else {
                throw CalendarError(path: entry.at("date"), problem: .conflict, message: "\(day) is also listed as a holiday")
            }
            guard weekend.contains(day.weekday) else {
                throw CalendarError(path: entry.at("date"), problem: .conflict,
                                    message: "\(day) is a \(day.weekday.rawValue), already a working day; a make-up working day falls on a weekend")
            }
            guard workdays.insert(day).inserted else {
                throw CalendarError(path: entry.at("date"), problem: .duplicate, message: "\(day) is listed twice")
            }
        }
        return WorkingCalendar(version: version, year: year, weekend: weekend, holidays: holidays, workdays: workdays)
    }
}
