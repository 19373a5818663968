import AMQP
import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import Foundation

/// `caretaker topology export | check`: the RabbitMQ definitions the worker declares, and how the
/// live broker compares with them.
struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Work with the RabbitMQ topology the worker declares.",
        subcommands: [Export.self, Check.self]
    )

    /// `caretaker topology export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or write) the exchanges, quorum queues and bindings as RabbitMQ definitions JSON.",
            discussion: """
                deploy/rabbitmq/definitions.json is this output with the default configuration; with \
                --permissions, deploy/rabbitmq/permissions.json: each party's configure/write/read regexes \
                from the authorization file (no users or passwords: those are credentials).
                """)

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: "The virtual host to put in the definitions.")
        var vhost = "/"

        @Flag(help: "Export the parties' permissions instead of the exchanges and queues.")
        var permissions = false

        func run() async throws {
            let configuration = try await options.load(command: "topology export")
            let json: String
            if permissions {
                let policy: AuthorizationPolicy
                do {
                    policy = try AuthorizationFile(path: configuration.authorization.file).load()
                } catch {
                    StandardStreams.writeError("caretaker topology export: \(error)\n")
                    throw ExitCode(ExitStatus.invalidConfiguration)
                }
                json = try BrokerPermission.definitionsJSON(parties: Array(policy.parties.values), vhost: vhost)
            } else {
                json = try configuration.topology.definitionsJSON(vhost: vhost)
            }
            if let output {
                try Data(json.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(json, terminator: "")
            }
        }
    }

    /// `caretaker topology check`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the broker's live exchanges and queues with the definitions; report what is missing.",
            discussion: """
                Connects to amqp.url and checks every exchange and queue of the definitions (by default \
                the topology this build declares, which is deploy/rabbitmq/definitions.json): missing, \
                different (the broker's reason), or present. Nothing is created. Bindings cannot be listed \
                over AMQP and are not checked: a missing binding shows as events returned unroutable \
                (caretaker case, caretaker_outbox_returned); `rabbitmqctl list_bindings -p VHOST` lists them. \
                Exit status 0 when everything is present, 1 when something is missing or different, \
                69 when the broker cannot be reached, 78 for an unusable definitions file.
                """)

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "A RabbitMQ definitions file to compare with (default: the topology this build declares).")
        var definitions: String?

        func run() async throws {
            let configuration = try await options.load(command: "topology check")
            let bytes: [UInt8]
            if let definitions {
                guard let data = FileManager.default.contents(atPath: definitions) else {
                    StandardStreams.writeError("caretaker topology check: \(definitions): cannot be read\n")
                    throw ExitCode(ExitStatus.invalidConfiguration)
                }
                bytes = [UInt8](data)
            } else {
                bytes = Array(try configuration.topology.definitionsJSON().utf8)
            }
            let check: TopologyCheck
            do {
                check = try TopologyCheck(definitions: bytes)
            } catch {
                StandardStreams.writeError("caretaker topology check: \(definitions ?? "definitions"): \(error)\n")
                throw ExitCode(ExitStatus.invalidConfiguration)
            }
            let connection: AMQPConnection
            do {
                connection = try await AMQPConnection.connect(
                    configuration.amqp.amqpConfiguration(connectionName: "caretaker-topology-check"))
            } catch {
                StandardStreams.writeError("caretaker topology check: cannot reach RabbitMQ: \(error)\n")
                throw ExitCode(ExitStatus.unavailable)
            }
            let findings: [TopologyCheck.Finding]
            do {
                findings = try await check.run(on: connection)
            } catch {
                await connection.close()
                StandardStreams.writeError("caretaker topology check: \(error)\n")
                throw ExitCode(ExitStatus.unavailable)
            }
            await connection.close()
            for finding in findings {
                let detail = finding.detail.isEmpty ? "" : "  \(finding.detail)"
                print("\(finding.kind)\t\(finding.name)\t\(finding.status.rawValue)\(detail)")
            }
            let problems = findings.filter { $0.status != .present }
            print("bindings: \(check.bindingCount) in the definitions, not checked (AMQP cannot list them)")
            print(problems.isEmpty
                ? "ok: all \(findings.count) exchanges and queues present"
                : "\(problems.count) of \(findings.count) exchanges and queues missing or different")
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
