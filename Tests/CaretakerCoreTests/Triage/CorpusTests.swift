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

    /// Accuracy the second blind test split (written in a later round by a writer who saw
    /// DOMAIN.md only, never trained or tuned on) must keep; figures in docs/triage.md.
    static let test2Targets: [TriageEvaluation.Field: Double] = [.department: 0.92, .level: 0.795]

    @Test func secondBlindTestSplitKeepsItsFigures() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus("test2"))
        try #require(evaluation.urgentLabelled >= 40)
        print("test2 split (blind):\n" + evaluation.summary())
        for (field, target) in Self.test2Targets {
            #expect(evaluation.accuracy(field) >= target, "test2 \(field.rawValue) accuracy \(evaluation.accuracy(field)) is below \(target)")
        }
        #expect(evaluation.urgentRecall >= 0.97, "urgent recall \(evaluation.urgentFound)/\(evaluation.urgentLabelled)")
    }

    /// Accuracy the third blind test split (written in the sixth round, after every other split and
    /// the rules 2026.5, by a writer who saw DOMAIN.md only; never trained or tuned on) must keep.
    static let test3Targets: [TriageEvaluation.Field: Double] = [.department: 0.965, .level: 0.87]

    @Test func thirdBlindTestSplitKeepsItsFigures() throws {
        let evaluation = TriageEvaluation(classifier: TestRules.combined, reports: try TestRules.corpus("test3"))
        try #require(evaluation.urgentLabelled >= 50)
        print("test3 split (blind):\n" + evaluation.summary())
        for (field, target) in Self.test3Targets {
            #expect(evaluation.accuracy(field) >= target, "test3 \(field.rawValue) accuracy \(evaluation.accuracy(field)) is below \(target)")
        }
        #expect(evaluation.urgentRecall >= 0.98, "urgent recall \(evaluation.urgentFound)/\(evaluation.urgentLabelled)")
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
