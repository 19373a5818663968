import ArgumentParser
import CaretakerApp
import CaretakerStore
import Postgres

/// `caretaker timers`: the SLA timers still running or overdue.
struct TimersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers",
        abstract: "List pending and overdue SLA timers (by case, kind, due time, level).",
        discussion: """
            Times are in clock.display_time_zone (Asia/Shanghai by default). "overdue" is measured against the database clock. Timers \
            waiting for a calendar year that is not installed are listed as needs_calendar (first, \
            with no due time) — also under --overdue, since their deadline may well have passed; \
            install the year's calendar and restart the worker to give them their deadlines.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Show at most this many, soonest first.")
    var limit: Int = 100

    @Flag(help: "Only timers past their deadline, and those waiting for a calendar (deadline unknown).")
    var overdue = false

    @Flag(help: "Only timers waiting for a calendar year that is not installed (needs_calendar).")
    var needsCalendar = false

    @Option(help: "Only the timers of this case number.")
    var caseNumber: String?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let configuration = try await options.load(command: "timers")
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration.postgres.postgresConfiguration(applicationName: "caretaker-timers"))
        } catch {
            StandardStreams.writeError("caretaker timers: cannot reach PostgreSQL: \(error)\n")
            throw ExitCode(ExitStatus.unavailable)
        }
        let listing = TimerListing(displayTimeZone: configuration.clock.displayTimeZone)
        let entries = try await listing.entries(
            .init(overdue: overdue, needsCalendar: needsCalendar, caseNumber: caseNumber, limit: limit), on: connection)
        guard !entries.isEmpty else {
            if let caseNumber, !(try await listing.caseExists(caseNumber, on: connection)) {
                StandardStreams.writeError("caretaker timers: no case numbered \(caseNumber)\n")
                throw ExitCode(1)
            }
            print(caseNumber.map { "no pending timers for \($0)" } ?? "no pending timers")
            return
        }
        print("case_number\tdepartment\tkind\tstate\tlevel\tversion\tdue\tnext\toverdue\tcalendar")
        for entry in entries {
            print([entry.caseNumber, entry.department, entry.kind, entry.state, String(entry.level),
                   "v\(entry.deadlineVersion)", entry.due, entry.next,
                   entry.lateSeconds > 0 ? Self.describe(seconds: entry.lateSeconds) : "-", entry.calendar]
                .joined(separator: "\t"))
        }
    }

    static func describe(seconds: Int) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d\((seconds % 86_400) / 3_600)h" }
        if seconds >= 3_600 { return "\(seconds / 3_600)h\((seconds % 3_600) / 60)m" }
        return "\(seconds / 60)m"
    }
}
