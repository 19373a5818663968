import ArgumentParser
import CaretakerCore

/// The text `caretaker version` and `caretaker --version` print.
enum CaretakerVersionInfo {
    static let text = "caretaker \(CaretakerVersion.current) (intake contract v\(CaretakerVersion.intakeContract))"
}

/// `caretaker version`: prints the release and the contract version this build speaks.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the Caretaker version."
    )

    func run() {
        print(CaretakerVersionInfo.text)
    }
}
