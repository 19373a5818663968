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
            Times are in Asia/Shanghai. "overdue" is measured against the database clock. Timers \
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
        let rows = try await connection.query("""
            SELECT c.case_number, c.department, t.kind, t.state, t.level, t.deadline_version,
                   coalesce(to_char(t.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '-') AS due,
                   coalesce(to_char(t.next_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '-') AS next,
                   coalesce(extract(epoch FROM now() - t.due_at)::int8, 0) AS late_seconds,
                   coalesce(t.calendar_version, '-') AS calendar
            FROM timers t JOIN cases c USING (case_id)
            WHERE t.state IN ('pending', 'needs_calendar')
              AND (NOT \(overdue) OR t.due_at <= now() OR t.state = 'needs_calendar')
              AND (NOT \(needsCalendar) OR t.state = 'needs_calendar')
              AND (\(caseNumber)::text IS NULL OR c.case_number = \(caseNumber))
            ORDER BY t.due_at NULLS FIRST LIMIT \(limit)
            """)
        guard !rows.isEmpty else {
            if let caseNumber, try await connection.query(
                "SELECT 1 AS found FROM cases WHERE case_number = \(caseNumber)").rows.isEmpty {
                StandardStreams.writeError("caretaker timers: no case numbered \(caseNumber)\n")
                throw ExitCode(1)
            }
            print(caseNumber.map { "no pending timers for \($0)" } ?? "no pending timers")
            return
        }
        print("case_number\tdepartment\tkind\tstate\tlevel\tversion\tdue\tnext\toverdue\tcalendar")
        for row in rows {
            let late = try row.decode("late_seconds", as: Int.self)
            let columns = [
                try row.decode("case_number", as: String.self), try row.decode("department", as: String.self),
                try row.decode("kind", as: String.self), try row.decode("state", as: String.self),
                String(try row.decode("level", as: Int.self)), "v\(try row.decode("deadline_version", as: Int.self))",
                try row.decode("due", as: String.self), try row.decode("next", as: String.self),
                late > 0 ? Self.describe(seconds: late) : "-", try row.decode("calendar", as: String.self),
            ]
            print(columns.joined(separator: "\t"))
        }
    }

    static func describe(seconds: Int) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d\((seconds % 86_400) / 3_600)h" }
        if seconds >= 3_600 { return "\(seconds / 3_600)h\((seconds % 3_600) / 60)m" }
        return "\(seconds / 60)m"
    }
}
