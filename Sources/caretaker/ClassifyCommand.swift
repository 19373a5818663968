import ArgumentParser

/// `caretaker classify`: placeholder until the triage core lands (issue 3).
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify intake messages given as JSON lines."
    )

    func run() throws {
        throw ValidationError("classify is not available yet")
    }
}
