import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerStore
import Postgres

/// `caretaker triage review`: the cases consoles reassigned in a month, grouped by the rule or
/// model decision that was wrong, so the rules and the corpus improve from real corrections.
struct TriageReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the cases consoles reassigned in a month, grouped by the decision that was wrong.",
        discussion: """
            Each group is headed by what decided the department (category.<code>, unclassified, \
            model.department or model.low_confidence) and lists case number, the department the \
            triage chose → the one the console chose, and the console's reason. No resident data \
            is printed. Add the corrected reports to corpus/train.jsonl and retrain (docs/triage.md).
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .long, help: ArgumentHelp("The month, YYYY-MM.", valueName: "YYYY-MM"))
    var month: String

    func validate() throws {
        guard ReportMonth(month) != nil else { throw ValidationError("--month must be YYYY-MM, e.g. 2026-10") }
    }

    func run() async throws {
        let configuration = try await options.load(command: "triage review")
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration.postgres.postgresConfiguration(applicationName: "caretaker-triage-review"))
        } catch {
            StandardStreams.writeError("caretaker triage review: cannot reach PostgreSQL: \(error)\n")
            throw ExitCode(ExitStatus.unavailable)
        }
        let corrections = try await TriageReviewStore().corrections(in: ReportMonth(month)!, on: connection)
        await connection.close()
        guard !corrections.isEmpty else {
            print("no reassignments in \(month)")
            return
        }
        print("\(corrections.count) reassignments in \(month)")
        for group in TriageCorrection.grouped(corrections) {
            print("\n\(group.decision) — \(group.corrections.count) wrong")
            for correction in group.corrections {
                let category = correction.toCategory.map { " (\($0))" } ?? ""
                print("  \(correction.caseNumber)  \(correction.kind)  \(correction.fromDepartment) → \(correction.toDepartment)\(category)  \(correction.reason)")
            }
        }
    }
}
