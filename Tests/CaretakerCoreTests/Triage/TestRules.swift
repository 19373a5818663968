import CaretakerCore
import Foundation

/// The repository's rules file and corpus, found from this source file's location.
enum TestRules {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let rulesBytes: Data = {
        let url = repositoryRoot.appendingPathComponent("config/triage-rules.json")
        guard let data = try? Data(contentsOf: url) else { fatalError("cannot read \(url.path)") }
        return data
    }()

    static let classifier: TriageClassifier = {
        do {
            return TriageClassifier(rules: try TriageRules.parse(rulesBytes))
        } catch {
            fatalError("config/triage-rules.json is invalid: \(error)")
        }
    }()

    /// The committed model file's bytes.
    static let modelBytes: Data = {
        let url = repositoryRoot.appendingPathComponent("config/triage-model.json")
        guard let data = try? Data(contentsOf: url) else { fatalError("cannot read \(url.path)") }
        return data
    }()

    /// The rules and the committed model together, as the worker runs them.
    static let combined: TriageClassifier = {
        do {
            return TriageClassifier(rules: try TriageRules.parse(rulesBytes), model: try TriageModel.parse(modelBytes))
        } catch {
            fatalError("config/triage-rules.json or config/triage-model.json is invalid: \(error)")
        }
    }()

    /// The labelled reports of `corpus/NAME.jsonl`.
    static func corpus(_ name: String) throws -> [LabelledReport] {
        let url = repositoryRoot.appendingPathComponent("corpus/\(name).jsonl")
        return try LabelledReport.parseLines(try Data(contentsOf: url))
    }

    /// A message with the given text and defaults for everything else.
    static func message(
        _ text: String, kind: IntakeMessage.Kind = .complaint, flags: [IntakeMessage.Flag] = [],
        reportedTimes: Int? = nil, location: String? = nil, hint: String? = nil
    ) -> IntakeMessage {
        IntakeMessage(
            messageID: "t", kind: kind, text: text, receivedAt: RFC3339Timestamp(secondsSinceEpoch: 0),
            channel: .hotline, location: location, categoryHint: hint, flags: flags, reportedTimes: reportedTimes
        )
    }
}
