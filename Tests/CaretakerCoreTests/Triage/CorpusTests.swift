import CaretakerCore
import Foundation
import Testing

/// Accuracy of the rules and model on the labelled corpus (corpus/README.md). The figures that
/// count come from the test split, written blind by a writer who saw DOMAIN.md and nothing of the
/// rules or the model, and from the safety sets; the train split only shows the model learned.
@Suite struct CorpusTests {
    /// Accuracy the blind test split must reach (issue 9's targets are 0.97 / 0.93; see the
    /// figures in docs/triage.md).
    static let testTargets: [TriageEvaluation.Field: Double] = [.department: 0.945, .level: 0.875]
    /// Share of the test split's urgent repairs that must come out urgent (76 of 78 today).
    static let testUrgentRecall = 0.97

    @Test func blindTestSplitReachesItsTargets() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus("test"))
        print("test split (blind):\n" + evaluation.summary())
        for (field, target) in Self.testTargets where evaluation.accuracy(field) < target {
            Issue.record("test split \(field.rawValue) accuracy \(evaluation.accuracy(field)) is below \(target)")
            for miss in evaluation.misses where miss.field == field { print("miss \(miss.id): expected \(miss.expected), got \(miss.got)") }
        }
        #expect(evaluation.urgentRecall >= Self.testUrgentRecall, "urgent recall \(evaluation.urgentFound)/\(evaluation.urgentLabelled)")
    }

    /// A later blind split and the figures it must keep: written by a writer who saw DOMAIN.md
    /// only, never trained or tuned on (figures in docs/triage.md).
    struct BlindSplit: Sendable, CustomStringConvertible {
        /// The corpus file's name without `.jsonl`.
        var name: String
        /// Accuracy per field it must keep.
        var targets: [TriageEvaluation.Field: Double]
        /// Urgent repairs it must hold at least, so the recall means something.
        var minimumUrgent: Int
        /// Share of them that must come out urgent.
        var urgentRecall: Double

        var description: String { name }
    }

    /// test2: the fourth round; test3: the sixth, written after the rules 2026.5.
    static let laterBlindSplits = [
        BlindSplit(name: "test2", targets: [.department: 0.92, .level: 0.795], minimumUrgent: 40, urgentRecall: 0.97),
        BlindSplit(name: "test3", targets: [.department: 0.965, .level: 0.87], minimumUrgent: 50, urgentRecall: 0.98),
    ]

    @Test(arguments: laterBlindSplits) func laterBlindSplitKeepsItsFigures(_ split: BlindSplit) throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus(split.name))
        try #require(evaluation.urgentLabelled >= split.minimumUrgent)
        print("\(split.name) split (blind):\n" + evaluation.summary())
        for (field, target) in split.targets {
            #expect(evaluation.accuracy(field) >= target,
                    "\(split.name) \(field.rawValue) accuracy \(evaluation.accuracy(field)) is below \(target)")
        }
        #expect(evaluation.urgentRecall >= split.urgentRecall, "urgent recall \(evaluation.urgentFound)/\(evaluation.urgentLabelled)")
    }

    /// Every report of the safety set comes out urgent. Its misses were read once to widen the
    /// situations, so it is a regression test, not a blind figure.
    @Test func everyUrgentSituationOfTheSafetySetComesOutUrgent() throws {
        let reports = try TestRules.corpus("safety")
        try #require(reports.count >= 200, "the safety set has only \(reports.count) reports")
        var scratch = TriageScratch()
        for report in reports {
            let decision = TestRules.combined.classify(report.message, scratch: &scratch)
            #expect(decision.priority == .urgent, "\(report.id) came out \(decision.priority?.rawValue ?? "-"): \(decision.reasons)")
        }
    }

    /// The holdout safety set was written after the first by another writer and never tuned on:
    /// its recall is the honest figure (docs/triage.md), held here so it cannot fall.
    static let holdoutUrgentRecall = 0.97

    @Test func theHoldoutSafetySetKeepsItsUrgentRecall() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus("safety-holdout"))
        try #require(evaluation.urgentLabelled >= 200)
        print("safety holdout (blind): urgent recall \(evaluation.urgentFound)/\(evaluation.urgentLabelled)")
        #expect(evaluation.urgentRecall >= Self.holdoutUrgentRecall, "urgent recall \(evaluation.urgentRecall)")
    }

    @Test func trainingSplitIsLearned() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus("train"))
        #expect(evaluation.accuracy(.department) >= 0.97, "\(evaluation.summary())")
        #expect(evaluation.accuracy(.level) >= 0.93, "\(evaluation.summary())")
    }

    @Test func splitsAreLargeAndDisjoint() throws {
        let splits = try ["train", "dev", "dev2", "test", "test2", "test3", "safety", "safety-holdout"].map { try TestRules.corpus($0) }
        let total = splits.map(\.count).reduce(0, +)
        #expect(total >= 2000, "the corpus has \(total) reports")
        for (i, a) in splits.enumerated() {
            for b in splits[(i + 1)...] {
                let ids = Set(a.map(\.id)).intersection(b.map(\.id))
                let texts = Set(a.map(\.message.text)).intersection(b.map(\.message.text))
                #expect(ids.isEmpty && texts.isEmpty, "splits share ids \(Array(ids.prefix(5))) and texts \(Array(texts.prefix(5)))")
            }
        }
    }

    @Test func rulesAloneStillRouteTheTrainingSplit() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.classifier, reports: try TestRules.corpus("train"))
        #expect(evaluation.accuracy(.department) >= 0.80, "\(evaluation.summary())")
    }
}
