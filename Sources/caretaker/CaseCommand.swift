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
        discussion: "The resident's name and phone number are shown masked; times are in clock.display_time_zone (Asia/Shanghai by default)."
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
        print(CaseSummary.lines(record, local: configuration.clock.displayed).joined(separator: "\n"))
        let timeline = CaseTimeline(displayTimeZone: configuration.clock.displayTimeZone)
        let people = try await timeline.people(of: record.caseID, on: connection)
        print("  people       受理 accepted by \(people.acceptedBy ?? "-")  跟进 handled by \(people.handledBy ?? "-")  "
            + "回访 visited by \(people.visitedBy ?? "-")")
        if let plan = record.plan {
            print(CasePlanLines.lines(
                plan: plan, state: record.planState, approved: record.planApprovals,
                approvals: try await timeline.planApprovals(of: record.caseID, on: connection),
                progress: try await timeline.progress(of: record.caseID, on: connection),
                local: configuration.clock.displayed
            ).joined(separator: "\n"))
        }
        let steps = try await timeline.steps(of: record.caseID, on: connection)
        print("\nhistory (\(steps.count) steps):")
        for step in steps {
            let states = step.fromState == step.toState ? step.toState : "\(step.fromState) → \(step.toState)"
            print("  \(step.at)  \(pad(step.step, 18))\(pad(states, 32))\(step.actor)  \(step.details)")
        }
        let timers = try await timeline.timers(of: record.caseID, on: connection)
        print("\ntimers (\(timers.count)):")
        for timer in timers {
            print("  \(pad(timer.kind, 28))v\(timer.deadlineVersion)  \(pad(timer.state, 15))level \(timer.level)  "
                + "due \(timer.due)  next \(timer.next)")
        }
        let events = try await timeline.events(of: record.caseID, on: connection)
        print("\nevents (\(events.count)):")
        for event in events {
            print("  \(event.at)  \(pad(event.routingKey, 40))\(event.status)")
        }
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// The head of `caretaker case`: what was reported and how it was routed, contact masked.
enum CaseSummary {
    /// The lines, times written by `local` (the display time zone).
    static func lines(_ record: CaseRecord, local: (RFC3339Timestamp) -> RFC3339Timestamp) -> [String] {
        let report = record.report
        let grade = record.severity.map { "severity \($0.rawValue)" } ?? record.priority.map { "priority \($0.rawValue)" } ?? "-"
        var lines = [
            "\(record.caseNumber)  \(record.kind.rawValue)  \(record.state.rawValue)  (case id \(record.caseID))",
            "  routed to    \(record.department.rawValue) / \(record.category)  \(grade)"
                + (record.responsibility.map { "  responsibility \($0.rawValue)" } ?? "")
                + (record.notify.isEmpty ? "" : "  notify \(record.notify.map(\.rawValue).joined(separator: ", "))")
                + (record.needsTriage ? "  NEEDS MANUAL TRIAGE" : ""),
            "  received     \(local(report.receivedAt)) via \(report.channel.rawValue)  message \(record.correlationID)",
            "  where        \(report.estate ?? "-")  \(report.location ?? "-")",
            "  escalation   level \(record.escalationLevel)  postponements \(record.postponements)  reopenings \(record.reopenings)",
            "  rules        \(record.rulesVersion)",
            "  text         \(report.text)",
        ]
        // The record fields (contract v1, optional): shown only when the intake gave them.
        if let incidentAt = report.incidentAt { lines.append("  incident at  \(local(incidentAt))") }
        if let appointment = report.appointmentAt { lines.append("  appointment  \(local(appointment))  (the on-site deadline)") }
        if let about = report.complainedAbout { lines.append("  about        \(about)") }
        if let request = report.residentRequest { lines.append("  request      \(request)") }
        if let validity = record.validity {
            lines.append("  assessed     \(validity.rawValue)" + (record.otherBody.map { "  other body \($0.rawValue)" } ?? "")
                + (record.causeAnalysed ? "  cause analysed" : ""))
        }
        if let correction = record.openCorrection {
            lines.append("  correction   \(correction.action)  by \(correction.owner)  due \(local(correction.dueAt))"
                + "  (awaiting verification)")
        }
        if let resident = report.resident {
            lines.append("  resident     \(resident.name.map(PersonalData.maskName) ?? "-")  "
                + "\(resident.phone.map(PersonalData.maskPhone) ?? "-")  unit \(resident.unit ?? "-")")
        }
        return lines
    }
}
