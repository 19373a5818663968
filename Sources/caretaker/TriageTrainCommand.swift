import ArgumentParser
import CaretakerCore
import Foundation

/// `caretaker triage train`: trains the statistical model from labelled corpus files and writes
/// the model file; the same corpus always gives the same bytes.
struct TriageTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the triage model from labelled JSON lines and write the model file.",
        discussion: """
            Each corpus line is {"id","note","intake":{…},"expect":{"department","severity"|"priority",\
            "responsibility"?}} (corpus/README.md). Train on the train split only; measure on the \
            test split with `caretaker triage eval`. The model's version is derived from the corpus \
            bytes and the settings, so retraining an unchanged corpus reproduces the file byte for byte.
            """
    )

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Labelled corpus files to train on.", valueName: "FILE"))
    var corpus: [String] = ["corpus/train.jsonl"]

    @Option(name: .long, help: ArgumentHelp("Where to write the model.", valueName: "PATH"))
    var out: String = "config/triage-model.json"

    @Option(name: .long, help: ArgumentHelp("Prefix of the model version.", valueName: "TEXT"))
    var versionPrefix: String = "2026.2"

    func run() throws {
        var bytes: [UInt8] = []
        var examples: [TriageModelTrainer.Example] = []
        var described: [String] = []
        for file in corpus {
            let reports = try TriageCorpusFiles.read(file, command: "triage train")
            bytes += (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))) ?? []
            examples += reports.map { TriageModelTrainer.Example(text: $0.message.text, kind: $0.message.kind, labels: $0.labels) }
            described.append("\(file) (\(reports.count) reports)")
        }
        let trainer = TriageModelTrainer()
        let model = trainer.train(examples, version: trainer.version(prefix: versionPrefix, corpus: bytes),
                                  trainedOn: described.joined(separator: ", "))
        do {
            try Data(model.serialized().utf8).write(to: URL(fileURLWithPath: out))
        } catch {
            StandardStreams.writeError("caretaker triage train: cannot write \(out): \(error.localizedDescription)\n")
            throw ExitCode(73)
        }
        print("model \(model.version): \(examples.count) reports → \(out)")
    }
}

/// Reads labelled corpus files for the triage commands, with errors that name file and line.
enum TriageCorpusFiles {
    /// The reports of `file`, or a message on stderr and exit 65 (EX_DATAERR) / 66 (EX_NOINPUT).
    static func read(_ file: String, command: String) throws -> [LabelledReport] {
        guard let data = FileManager.default.contents(atPath: file) else {
            StandardStreams.writeError("caretaker \(command): cannot read \(file)\n")
            throw ExitCode(66)
        }
        do {
            return try LabelledReport.parseLines(data)
        } catch {
            StandardStreams.writeError("caretaker \(command): \(file) \(error)\n")
            throw ExitCode(65)
        }
    }
}
