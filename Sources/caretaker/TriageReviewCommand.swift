import ArgumentParser

/// `caretaker triage review`: the cases consoles reassigned or re-graded in a month, grouped by
/// the rule or model decision that was wrong.
struct TriageReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the cases consoles reassigned or re-graded in a month, by the decision that was wrong."
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .long, help: ArgumentHelp("The month, YYYY-MM.", valueName: "YYYY-MM"))
    var month: String

    func run() async throws {
        throw ValidationError("not built yet")
    }
}
