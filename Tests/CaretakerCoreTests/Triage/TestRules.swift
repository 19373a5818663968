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

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

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
