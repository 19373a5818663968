import CaretakerCore
import Foundation
import Testing

/// The statistical model: reproducible training, a validated file format, and how its
/// probabilities combine with the rules.
@Suite struct TriageModelTests {
    @Test func trainingTheTrainSplitReproducesTheCommittedModelByteForByte() throws {
        let url = TestRules.repositoryRoot.appendingPathComponent("corpus/train.jsonl")
        let bytes = try Data(contentsOf: url)
        let reports = try LabelledReport.parseLines(bytes)
        let trainer = TriageModelTrainer()
        let examples = reports.map { TriageModelTrainer.Example(text: $0.message.text, kind: $0.message.kind, labels: $0.labels) }
        let model = trainer.train(examples, version: trainer.version(prefix: "2026.2", corpus: bytes),
                                  trainedOn: "corpus/train.jsonl (\(reports.count) reports)")
        let committed = String(decoding: TestRules.modelBytes, as: UTF8.self)
        #expect(model.serialized() == committed, "retrain with: caretaker triage train --corpus corpus/train.jsonl")
        #expect(try TriageModel.parse(Data(model.serialized().utf8)) == model)
    }

    /// A model with every weight zero: the model has no opinion (uniform probabilities).
    static func blankModel(minimumConfidence: Double = 0.34) -> TriageModel {
        var heads: [TriageModel.Head: TriageModel.Weights] = [:]
        for head in TriageModel.Head.allCases {
            let k = head.classes.count
            heads[head] = TriageModel.Weights(bias: Array(repeating: 0, count: k), rows: Array(repeating: 0, count: 16 * k))
        }
        return TriageModel(version: "blank", trainedOn: "nothing", features: TriageFeatures(buckets: 16), weightScale: 1000,
                           fusion: .init(ruleWeight: 1.5, levelRuleWeight: 1.5, minimumConfidence: minimumConfidence, urgentThreshold: 0.5), heads: heads)
    }

    @Test func aModelWithoutAnOpinionKeepsTheRulesDecision() throws {
        let combined = TriageClassifier(rules: TestRules.classifier.rules, model: Self.blankModel())
        let message = TestRules.message("电梯卡在三楼，里面关着一个老人", kind: .repair)
        let rulesOnly = TestRules.classifier.classify(message)
        let both = combined.classify(message)
        #expect(both.department == rulesOnly.department)
        #expect(both.priority == .urgent && rulesOnly.priority == .urgent)
        #expect(both.modelVersion == "blank" && rulesOnly.modelVersion == nil)
        #expect(both.reasons.contains { $0.hasPrefix("model.department:") })
    }

    @Test func anUnsureDepartmentGoesToCustomerServiceForTriage() throws {
        let combined = TriageClassifier(rules: TestRules.classifier.rules, model: Self.blankModel(minimumConfidence: 0.9))
        let decision = combined.classify(TestRules.message("水管爆了", kind: .repair))
        #expect(decision.department == .customerService)
        #expect(decision.needsTriage)
        #expect(decision.reasons.contains { $0.hasPrefix("model.low_confidence:") })
    }

    @Test func serialisationRoundTrips() throws {
        let model = Self.blankModel()
        let text = model.serialized()
        #expect(try TriageModel.parse(Data(text.utf8)) == model)
        #expect(text.hasPrefix("{\n  \"format\": \"caretaker.triage-model/1\""))
    }

    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (String) -> String
        var path: String
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "not JSON", edit: { _ in "{" }, path: "$"),
        BadFile(name: "wrong format", edit: { $0.replacingOccurrences(of: "caretaker.triage-model/1", with: "other/2") }, path: "format"),
        BadFile(name: "buckets not a power of two", edit: { $0.replacingOccurrences(of: "\"buckets\": 16", with: "\"buckets\": 15") }, path: "features.buckets"),
        BadFile(name: "classes reordered", edit: { $0.replacingOccurrences(of: "[\"minor\", \"important\", \"major\"]", with: "[\"major\", \"important\", \"minor\"]") }, path: "heads.severity.classes"),
        BadFile(name: "a bias missing", edit: { $0.replacingOccurrences(of: "\"bias\": [0, 0, 0],", with: "\"bias\": [0, 0],") }, path: "heads.severity.bias"),
        BadFile(name: "unknown key", edit: { $0.replacingOccurrences(of: "\"weight_scale\"", with: "\"weight_scal\"") }, path: "weight_scal"),
        BadFile(name: "fusion out of range", edit: { $0.replacingOccurrences(of: "\"minimum_confidence\": 0.34", with: "\"minimum_confidence\": 3.4") }, path: "fusion.minimum_confidence"),
    ]

    @Test(arguments: badFiles)
    func anInvalidModelFileNamesThePlace(_ bad: BadFile) throws {
        let text = bad.edit(Self.blankModel().serialized())
        #expect(throws: TriageRulesError.self) { try TriageModel.parse(Data(text.utf8)) }
        do {
            _ = try TriageModel.parse(Data(text.utf8))
        } catch {
            #expect(error.path == bad.path, "\(error)")
        }
    }

    @Test func aRowOutOfRangeOrOutOfOrderIsRefused() throws {
        var model = Self.blankModel()
        model.heads[.department]?.rows[4 * 3] = 1
        model.heads[.department]?.rows[4 * 5] = 1
        let text = model.serialized()
        #expect(text.contains("[3, 1000, 0, 0, 0]"))
        let swapped = text.replacingOccurrences(of: "[3, 1000, 0, 0, 0],\n        [5, 1000, 0, 0, 0]", with: "[5, 1000, 0, 0, 0],\n        [3, 1000, 0, 0, 0]")
        #expect(throws: TriageRulesError.self) { try TriageModel.parse(Data(swapped.utf8)) }
        let outside = text.replacingOccurrences(of: "[5, 1000, 0, 0, 0]", with: "[16, 1000, 0, 0, 0]")
        #expect(throws: TriageRulesError.self) { try TriageModel.parse(Data(outside.utf8)) }
    }
}

extension TriageModelTests {
    @Test(arguments: [-30.0, -5.5, -1, -0.001, 0, 0.3, 1.5, 4, 12.25])
    func theOwnExponentialMatchesTheTrueOne(_ x: Double) {
        let reference = [-30.0: 9.357622968840175e-14, -5.5: 0.004086771438464067, -1: 0.36787944117144233,
                         -0.001: 0.9990004998333750, 0: 1, 0.3: 1.3498588075760032, 1.5: 4.4816890703380645,
                         4: 54.598150033144236, 12.25: 208981.28886971297][x]!
        #expect(abs(TriageModelTrainer.exponential(x) - reference) <= reference * 1e-10)
    }
}
