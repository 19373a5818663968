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

    @Option(name: .long, help: "Passes over the data (default: the shipped setting).")
    var epochs: Int?

    @Option(name: .long, help: "Longest character n-gram (default: the shipped setting).")
    var longestNgram: Int?

    @Option(name: .long, help: "Hash buckets, a power of two (default: the shipped setting).")
    var buckets: Int?

    @Option(name: .long, help: "Reports a bucket must appear in to get a weight (default: the shipped setting).")
    var minimumReports: Int?

    @Option(name: .long, help: "Fusion: log-odds the rules' explicit evidence adds (default: the shipped setting).")
    var ruleWeight: Double?

    @Option(name: .long, help: "Fusion: log-odds the rules' explicit severity / priority / responsibility evidence adds (default: the shipped setting).")
    var levelRuleWeight: Double?

    @Option(name: .long, help: "Fusion: model probability of urgent that makes a repair urgent (default: the shipped setting).")
    var urgentThreshold: Double?

    @Option(name: .long, help: "Fusion: least combined department probability before customer service triages (default: the shipped setting).")
    var minimumConfidence: Double?

    /// The shipped settings with the options given on the command line.
    var settings: TriageModelTrainer.Settings {
        var settings = TriageModelTrainer.Settings()
        if let epochs { settings.epochs = epochs }
        if let longestNgram { settings.longestNGram = longestNgram }
        if let buckets { settings.buckets = buckets }
        if let minimumReports { settings.minimumReports = minimumReports }
        if let ruleWeight { settings.fusion.ruleWeight = ruleWeight }
        if let levelRuleWeight { settings.fusion.levelRuleWeight = levelRuleWeight }
        if let urgentThreshold { settings.fusion.urgentThreshold = urgentThreshold }
        if let minimumConfidence { settings.fusion.minimumConfidence = minimumConfidence }
        return settings
    }

    func validate() throws {
        if let buckets, buckets < 16 || buckets > 1 << 22 || buckets & (buckets - 1) != 0 {
            throw ValidationError("--buckets must be a power of two between 16 and 4194304")
        }
        if let longestNgram, !(1...6).contains(longestNgram) { throw ValidationError("--longest-ngram must be 1-6") }
        if let epochs, !(1...1000).contains(epochs) { throw ValidationError("--epochs must be 1-1000") }
        if let minimumReports, minimumReports < 1 { throw ValidationError("--minimum-reports must be at least 1") }
        for (name, value) in [("--urgent-threshold", urgentThreshold), ("--minimum-confidence", minimumConfidence)] {
            if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
        }
        for (name, value) in [("--rule-weight", ruleWeight), ("--level-rule-weight", levelRuleWeight)] {
            if let value, !(0...100).contains(value) { throw ValidationError("\(name) must be between 0 and 100") }
        }
    }

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
        let trainer = TriageModelTrainer(settings: settings)
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
