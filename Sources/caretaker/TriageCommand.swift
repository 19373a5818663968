import ArgumentParser

/// `caretaker triage`: the tools of the people who tune the triage — train the model, measure it
/// on a labelled file, and list what consoles corrected.
struct TriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Train and evaluate the triage model; review consoles' corrections.",
        subcommands: [TriageTrainCommand.self, TriageEvalCommand.self, TriageReviewCommand.self]
    )
}
