import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerStore
import Postgres

/// `caretaker case <number>`: one case's full timeline — the report, a long repair's plan with its
/// approvals and progress entries, every step, its timers and the events it produced.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Print a case's timeline: plan, history, timers and events.",
        discussion: "The resident's name and phone number are shown masked; times are in Asia/Shanghai."
    )

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "The case number, e.g. BX-20261102-000045.")
    var number: String

    func run() async throws {
        let configuration = try await options.load(command: "case")
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration.postgres.postgresConfiguration(applicationName: "caretaker-case"))
        } catch {
            StandardStreams.writeError("caretaker case: cannot reach PostgreSQL: \(error)\n")
            throw ExitCode(ExitStatus.unavailable)
        }
        guard let reference = CaseReference(caseNumber: number),
              let record = try await CaseLoader.load(reference, on: connection) else {
            StandardStreams.writeError("caretaker case: no case numbered \(number)\n")
            throw ExitCode(1)
        }
        print(CaseSummary.lines(record).joined(separator: "\n"))
        try await printPeople(record.caseID, on: connection)
        try await printPlan(record, on: connection)
        try await printHistory(record.caseID, on: connection)
        try await printTimers(record.caseID, on: connection)
        try await printEvents(record.caseID, on: connection)
    }

    private func printHistory(_ caseID: String, on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at, step,
                   coalesce(from_state, '-') AS from_state, to_state,
                   coalesce(actor_name, actor_id, '-') || coalesce(' (' || actor_role || ')', '') AS actor,
                   details::text AS details
            FROM case_history WHERE case_id = \(caseID)::uuid ORDER BY id
            """)
        print("\nhistory (\(rows.count) steps):")
        for row in rows {
            let from = try row.decode("from_state", as: String.self), to = try row.decode("to_state", as: String.self)
            let states = from == to ? to : "\(from) → \(to)"
            print("  \(try row.decode("at", as: String.self))  \(pad(try row.decode("step", as: String.self), 18))"
                + "\(pad(states, 32))\(try row.decode("actor", as: String.self))  \(try row.decode("details", as: String.self))")
        }
    }

    /// 谁受理, 谁跟进, 谁回访 (seed 003 五(一)1): the latest person for each role in the history.
    private func printPeople(_ caseID: String, on connection: PostgresConnection) async throws {
        let row = try await connection.query("""
            SELECT
              (SELECT coalesce(actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step IN ('accept', 'reply') ORDER BY id LIMIT 1) AS accepted_by,
              (SELECT coalesce(actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step IN ('arrive', 'complete', 'resolve', 'inform_resident', 'correct') ORDER BY id DESC LIMIT 1) AS handled_by,
              (SELECT coalesce(details->>'visited_by', actor_name, actor_id) FROM case_history WHERE case_id = \(caseID)::uuid
                 AND step = 'follow_up' ORDER BY id DESC LIMIT 1) AS visited_by
            """).single()
        let accepted = try row.decode("accepted_by", as: String?.self) ?? "-"
        let handled = try row.decode("handled_by", as: String?.self) ?? "-"
        let visited = try row.decode("visited_by", as: String?.self) ?? "-"
        print("  people       受理 accepted by \(accepted)  跟进 handled by \(handled)  回访 visited by \(visited)")
    }

    private func printTimers(_ caseID: String, on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT kind, state, level, deadline_version,
                   coalesce(to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '-') AS due,
                   coalesce(to_char(next_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '-') AS next
            FROM timers WHERE case_id = \(caseID)::uuid ORDER BY started_at, kind, deadline_version
            """)
        print("\ntimers (\(rows.count)):")
        for row in rows {
            print("  \(pad(try row.decode("kind", as: String.self), 28))v\(try row.decode("deadline_version", as: Int.self))  "
                + "\(pad(try row.decode("state", as: String.self), 15))level \(try row.decode("level", as: Int.self))  "
                + "due \(try row.decode("due", as: String.self))  next \(try row.decode("next", as: String.self))")
        }
    }

    private func printEvents(_ caseID: String, on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at, routing_key,
                   CASE WHEN sent_at IS NOT NULL THEN 'confirmed'
                        WHEN last_outcome IS NULL THEN 'unsent'
                        ELSE last_outcome || ' (' || coalesce(last_error, '-') || '; attempts ' || attempts
                             || coalesce('; next try ' || to_char(retry_at AT TIME ZONE 'Asia/Shanghai',
                                                                  'YYYY-MM-DD HH24:MI:SS'), '') || ')'
                   END AS status
            FROM outbox WHERE case_id = \(caseID)::uuid ORDER BY id
            """)
        print("\nevents (\(rows.count)):")
        for row in rows {
            print("  \(try row.decode("at", as: String.self))  \(pad(try row.decode("routing_key", as: String.self), 40))"
                + "\(try row.decode("status", as: String.self))")
        }
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// The head of `caretaker case`: what was reported and how it was routed, contact masked.
enum CaseSummary {
    static func lines(_ record: CaseRecord) -> [String] {
        let report = record.report
        let grade = record.severity.map { "severity \($0.rawValue)" } ?? record.priority.map { "priority \($0.rawValue)" } ?? "-"
        var lines = [
            "\(record.caseNumber)  \(record.kind.rawValue)  \(record.state.rawValue)  (case id \(record.caseID))",
            "  routed to    \(record.department.rawValue) / \(record.category)  \(grade)"
                + (record.responsibility.map { "  responsibility \($0.rawValue)" } ?? "")
                + (record.notify.isEmpty ? "" : "  notify \(record.notify.map(\.rawValue).joined(separator: ", "))")
                + (record.needsTriage ? "  NEEDS MANUAL TRIAGE" : ""),
            "  received     \(report.receivedAt.inOffset(minutes: 480)) via \(report.channel.rawValue)  message \(record.correlationID)",
            "  where        \(report.estate ?? "-")  \(report.location ?? "-")",
            "  escalation   level \(record.escalationLevel)  postponements \(record.postponements)  reopenings \(record.reopenings)",
            "  rules        \(record.rulesVersion)",
            "  text         \(report.text)",
        ]
        // The record fields (contract v1, optional): shown only when the intake gave them.
        if let incidentAt = report.incidentAt { lines.append("  incident at  \(incidentAt.inOffset(minutes: 480))") }
        if let appointment = report.appointmentAt { lines.append("  appointment  \(appointment.inOffset(minutes: 480))  (the on-site deadline)") }
        if let about = report.complainedAbout { lines.append("  about        \(about)") }
        if let request = report.residentRequest { lines.append("  request      \(request)") }
        if let validity = record.validity {
            lines.append("  assessed     \(validity.rawValue)" + (record.otherBody.map { "  other body \($0.rawValue)" } ?? "")
                + (record.causeAnalysed ? "  cause analysed" : ""))
        }
        if let correction = record.openCorrection {
            lines.append("  correction   \(correction.action)  by \(correction.owner)  due \(correction.dueAt.inOffset(minutes: 480))"
                + "  (awaiting verification)")
        }
        if let resident = report.resident {
            lines.append("  resident     \(resident.name.map(PersonalData.maskName) ?? "-")  "
                + "\(resident.phone.map(PersonalData.maskPhone) ?? "-")  unit \(resident.unit ?? "-")")
        }
        return lines
    }
}
