import ArgumentParser

/// The `caretaker` command: the worker daemon and the tools ops use around it.
@main
struct Caretaker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caretaker",
        abstract: "Triage, route and track residents' complaints and repair requests.",
        discussion: """
            Caretaker consumes hotline reports from RabbitMQ, classifies them, routes each case to \
            the department that owns it, keeps every step in PostgreSQL and raises reminders and \
            escalations when time limits pass.
            """,
        version: CaretakerVersionInfo.text,
        subcommands: [RunCommand.self, PublishCommand.self, DeadLettersCommand.self, TopologyCommand.self, TimersCommand.self, WatchCommand.self, CaseCommand.self, VersionCommand.self, ClassifyCommand.self, TriageCommand.self, MigrateCommand.self, ConfigCommand.self, ReportCommand.self]
    )
}
