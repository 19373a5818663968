import CaretakerCore
import Foundation
import Testing

/// Working-day arithmetic on the shipped 2026 calendar (State Council notice of 2025-11-04), and
/// calendar file validation.
@Suite struct WorkingCalendarTests {
    struct Addition: CustomTestStringConvertible, Sendable {
        var name: String
        var start: String
        var days: Int
        var expected: String
        var testDescription: String { name }
    }

    static let additions: [Addition] = [
        Addition(name: "plain weekend: Friday + 1 is Monday", start: "2026-03-06", days: 1, expected: "2026-03-09"),
        Addition(name: "7 working days in an ordinary fortnight", start: "2026-03-02", days: 7, expected: "2026-03-11"),
        Addition(name: "Saturday make-up day before Spring Festival", start: "2026-02-13", days: 1, expected: "2026-02-14"),
        Addition(name: "across Spring Festival (Feb 15–23)", start: "2026-02-13", days: 2, expected: "2026-02-24"),
        Addition(name: "Spring Festival and the Feb 28 make-up Saturday", start: "2026-02-13", days: 7, expected: "2026-03-02"),
        Addition(name: "15 working days across Spring Festival", start: "2026-02-10", days: 15, expected: "2026-03-09"),
        Addition(name: "start on a holiday, Sunday make-up day next", start: "2026-01-03", days: 1, expected: "2026-01-04"),
        Addition(name: "start on Labour Day", start: "2026-05-01", days: 1, expected: "2026-05-06"),
        Addition(name: "Labour Day and the May 9 make-up Saturday", start: "2026-05-01", days: 4, expected: "2026-05-09"),
        Addition(name: "Sunday make-up day Sep 20", start: "2026-09-18", days: 1, expected: "2026-09-20"),
        Addition(name: "across Mid-Autumn (Sep 25–27)", start: "2026-09-24", days: 1, expected: "2026-09-28"),
        Addition(name: "across National Day (Oct 1–7)", start: "2026-09-30", days: 1, expected: "2026-10-08"),
        Addition(name: "National Day then the Oct 10 make-up Saturday", start: "2026-09-30", days: 3, expected: "2026-10-10"),
        Addition(name: "15 working days across National Day", start: "2026-09-21", days: 15, expected: "2026-10-19"),
        Addition(name: "ends on Dec 31 without needing 2027", start: "2026-12-22", days: 7, expected: "2026-12-31"),
        Addition(name: "start in an uncovered year, count in a covered one", start: "2025-12-31", days: 1, expected: "2026-01-04"),
    ]

    @Test(arguments: additions)
    func addsWorkingDays(_ row: Addition) throws {
        let result = try SLAFixtures.calendars.addWorkingDays(row.days, after: SLAFixtures.date(row.start))
        #expect(result.date == SLAFixtures.date(row.expected))
        #expect(result.calendarVersion == "cn-2026.1")
    }

    @Test(arguments: [("2026-12-23", 7), ("2026-12-31", 1), ("2026-12-30", 2)])
    func yearEndIntoUncovered2027Throws(_ start: String, _ days: Int) {
        #expect(throws: CalendarError.yearNotCovered(2027)) {
            _ = try SLAFixtures.calendars.addWorkingDays(days, after: SLAFixtures.date(start))
        }
    }

    @Test func aCalendarWithoutWorkdaysIsValidAndHasNoMakeUpDays() throws {
        let json = #"""
            {"version": "hk-2027.1", "year": 2027, "region": "HK", "weekend": ["sunday"],
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}]}
            """#
        let calendar = try WorkingCalendar.parse(Data(json.utf8))
        #expect(calendar.isWorkingDay(SLAFixtures.date("2027-01-02")))  // a Saturday, not in this weekend
        #expect(!calendar.isWorkingDay(SLAFixtures.date("2027-01-03")))  // a Sunday
        #expect(!calendar.isWorkingDay(SLAFixtures.date("2027-01-01")))
    }

    @Test func yearNotCoveredSaysWhichYearAndWhatToDo() throws {
        do {
            _ = try SLAFixtures.calendars.workingDayDeadline(7, from: SLAFixtures.time("2026-12-28T10:00:00"))
            Issue.record("computed a deadline in 2027 without a 2027 calendar")
        } catch {
            #expect(error.problem == .yearNotCovered)
            #expect(error.year == 2027)
            #expect(error.description.contains("cn-2027.json"))
        }
    }

    @Test(arguments: [
        ("2026-01-01", false), ("2026-01-04", true), ("2026-02-14", true), ("2026-02-23", false),
        ("2026-02-24", true), ("2026-02-28", true), ("2026-03-07", false), ("2026-03-08", false),
        ("2026-03-09", true), ("2026-10-07", false), ("2026-10-10", true), ("2026-10-11", false),
    ])
    func knowsWorkingDays(_ date: String, _ working: Bool) throws {
        #expect(try SLAFixtures.calendars.isWorkingDay(SLAFixtures.date(date)) == working)
    }

    @Test func isWorkingDayInAnUncoveredYearThrows() {
        #expect(throws: CalendarError.yearNotCovered(2027)) {
            _ = try SLAFixtures.calendars.isWorkingDay(SLAFixtures.date("2027-01-04"))
        }
    }

    struct Deadline: CustomTestStringConvertible, Sendable {
        var name: String
        var start: String
        var days: Int
        var due: String
        var testDescription: String { name }
    }

    static let deadlines: [Deadline] = [
        Deadline(name: "morning start: the start day does not count", start: "2026-03-02T09:00:00+08:00", days: 7, due: "2026-03-11T23:59:59+08:00"),
        Deadline(name: "late evening in Shanghai is still that day", start: "2026-03-02T23:30:00+08:00", days: 7, due: "2026-03-11T23:59:59+08:00"),
        Deadline(name: "UTC afternoon is the next Shanghai day", start: "2026-03-02T16:30:00Z", days: 7, due: "2026-03-12T23:59:59+08:00"),
        Deadline(name: "UTC morning is the same Shanghai day", start: "2026-03-02T15:59:59Z", days: 7, due: "2026-03-11T23:59:59+08:00"),
        Deadline(name: "Sunday start counts from Monday", start: "2026-03-08T20:00:00+08:00", days: 1, due: "2026-03-09T23:59:59+08:00"),
    ]

    @Test(arguments: deadlines)
    func workingDayDeadlineEndsTheLastDayInShanghai(_ row: Deadline) throws {
        let result = try SLAFixtures.calendars.workingDayDeadline(row.days, from: SLAFixtures.time(row.start))
        #expect(result.dueAt.description == row.due)
        #expect(result.calendarVersion == "cn-2026.1")
    }

    @Test func spansTwoCalendarsWhenBothExist() throws {
        let next = WorkingCalendar(version: "test-2027", year: 2027, holidays: [SLAFixtures.date("2027-01-01")], workdays: [])
        let set = try CalendarSet([SLAFixtures.calendar2026, next])
        let result = try set.addWorkingDays(7, after: SLAFixtures.date("2026-12-28"))
        #expect(result.date == SLAFixtures.date("2027-01-07"))
        #expect(result.calendarVersion == "cn-2026.1+test-2027")
        #expect(throws: CalendarError.self) { _ = try CalendarSet([SLAFixtures.calendar2026, SLAFixtures.calendar2026]) }
    }

    @Test func shippedCalendarMatchesTheNotice() {
        let calendar = SLAFixtures.calendar2026
        #expect(calendar.year == 2026)
        #expect(calendar.version == "cn-2026.1")
        #expect(calendar.holidays.count == 3 + 9 + 3 + 5 + 3 + 3 + 7)
        #expect(calendar.workdays.map(\.description).sorted() == [
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        ])
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var path: String
        var problem: CalendarError.Problem
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "not JSON", replace: "{", with: "[", path: "$", problem: .notJSON),
        Broken(name: "missing year", replace: "\"year\": 2026,", with: "", path: "year", problem: .missing),
        Broken(name: "unknown key", replace: "\"region\"", with: "\"country\"", path: "country", problem: .unknownKey),
        Broken(name: "unknown weekday", replace: "[\"saturday\", \"sunday\"]", with: "[\"saturday\", \"sundae\"]",
               path: "weekend[1]", problem: .unknownValue),
        Broken(name: "not a date", replace: "\"from\": \"2026-02-15\"", with: "\"from\": \"2026-2-15\"",
               path: "holidays[1].from", problem: .invalidDate),
        Broken(name: "no such day", replace: "\"from\": \"2026-02-15\"", with: "\"from\": \"2026-02-30\"",
               path: "holidays[1].from", problem: .invalidDate),
        Broken(name: "date in another year", replace: "\"to\": \"2026-01-03\"", with: "\"to\": \"2027-01-03\"",
               path: "holidays[0].to", problem: .invalidDate),
        Broken(name: "range backwards", replace: "\"to\": \"2026-02-23\"", with: "\"to\": \"2026-02-13\"",
               path: "holidays[1].to", problem: .conflict),
        Broken(name: "overlapping holidays", replace: "\"from\": \"2026-04-04\"", with: "\"from\": \"2026-02-20\"",
               path: "holidays[2]", problem: .duplicate),
        Broken(name: "make-up day on a weekday", replace: "\"date\": \"2026-02-28\"", with: "\"date\": \"2026-02-27\"",
               path: "workdays[2].date", problem: .conflict),
        Broken(name: "make-up day on a holiday", replace: "\"date\": \"2026-02-28\"", with: "\"date\": \"2026-02-21\"",
               path: "workdays[2].date", problem: .conflict),
        Broken(name: "make-up day twice", replace: "\"date\": \"2026-02-28\"", with: "\"date\": \"2026-02-14\"",
               path: "workdays[2].date", problem: .duplicate),
        Broken(name: "empty version", replace: "\"version\": \"cn-2026.1\"", with: "\"version\": \" \"",
               path: "version", problem: .empty),
    ]

    @Test(arguments: broken)
    func rejects(_ row: Broken) throws {
        let text = String(decoding: SLAFixtures.calendarBytes, as: UTF8.self)
        let range = try #require(text.range(of: row.replace), "fixture text not found: \(row.replace)")
        let mutated = text.replacingCharacters(in: range, with: row.with)
        do {
            _ = try WorkingCalendar.parse(Array(mutated.utf8))
            Issue.record("accepted a calendar with \(row.name)")
        } catch {
            #expect(error.path == row.path, "\(error)")
            #expect(error.problem == row.problem, "\(error)")
        }
    }

    @Test(arguments: [
        ("2026-01-31T10:00:00+08:00", 1, "2026-02-28T10:00:00+08:00"),
        ("2028-01-31T10:00:00+08:00", 1, "2028-02-29T10:00:00+08:00"),
        ("2026-12-15T23:30:00+08:00", 1, "2027-01-15T23:30:00+08:00"),
        ("2026-03-31T17:00:00Z", 1, "2026-05-01T01:00:00+08:00"),
    ])
    func addsCalendarMonthsInShanghai(_ start: String, _ months: Int, _ expected: String) {
        #expect(SLATime.adding(months: months, to: SLAFixtures.time(start)).description == expected)
    }

    @Test(arguments: [("1970-01-01", Weekday.thursday), ("2026-01-04", .sunday), ("2026-02-14", .saturday), ("1969-12-31", .wednesday)])
    func knowsWeekdays(_ date: String, _ weekday: Weekday) {
        #expect(SLAFixtures.date(date).weekday == weekday)
    }
}
