import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerStore
import Foundation
import Postgres

/// `caretaker report`: the monthly statistics (seed 003, 004) per department and overall.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the monthly report: cases, on-time rates, times, escalations, satisfaction, rework.",
        discussion: """
            Covers the cases received in the month (Asia/Shanghai). Timers still running are judged \
            at --as-of (default: now). Definitions are in docs/report.md.
            """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
    }

    @OptionGroup var options: ConfigurationOptions

    @Option(help: ArgumentHelp("The month to report on.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: "table, csv, json or html (a self-contained page with charts).")
    var format: Format = .table

    @Option(help: ArgumentHelp("Judge running timers at this instant instead of now.", valueName: "RFC3339"))
    var asOf: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        guard ReportMonth(month) != nil else { throw ValidationError("--month must be YYYY-MM, e.g. 2026-10") }
        if let asOf, RFC3339Timestamp(asOf) == nil { throw ValidationError("--as-of must be an RFC 3339 timestamp") }
    }

    func run() async throws {
        let configuration = try await options.load(command: "report")
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration.postgres.postgresConfiguration(applicationName: "caretaker-report"))
        } catch {
            StandardStreams.writeError("caretaker report: cannot reach PostgreSQL: \(error)\n")
            throw ExitCode(ExitStatus.unavailable)
        }
        let instant = asOf.flatMap(RFC3339Timestamp.init) ?? RFC3339Timestamp(Date())
        let report = try await ReportStore().monthlyReport(ReportMonth(month)!, asOf: instant, on: connection)
        await connection.close()
        let text = switch format {
        case .table: report.table
        case .csv: report.csv
        case .json: report.json.serialized + "\n"
        case .html: report.html
        }
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            print(text, terminator: "")
        }
    }
}
