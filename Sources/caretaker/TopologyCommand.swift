import ArgumentParser
import CaretakerApp
import CaretakerMessaging
import Foundation

/// `caretaker topology export`: the RabbitMQ definitions the worker declares.
struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Work with the RabbitMQ topology the worker declares.",
        subcommands: [Export.self]
    )

    /// `caretaker topology export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or write) the exchanges, quorum queues and bindings as RabbitMQ definitions JSON.",
            discussion: "deploy/rabbitmq/definitions.json is this output with the default configuration.")

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: "The virtual host to put in the definitions.")
        var vhost = "/"

        func run() async throws {
            let configuration = try await options.load(command: "topology export")
            let json = try Topology.caretaker(deliveryLimit: configuration.intake.deliveryLimit).definitionsJSON(vhost: vhost)
            if let output {
                try Data(json.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(json, terminator: "")
            }
        }
    }
}
