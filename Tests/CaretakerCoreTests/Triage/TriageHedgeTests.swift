import CaretakerCore
import Testing

/// A danger that is only feared or narrowly missed (怕小孩关在里面, 差点出不来) is evidence for
/// `urgent`, not a hard override: the model may weigh it. A danger happening now stays a hard
/// override, and a hedge in another clause does not soften it.
@Suite struct TriageHedgeTests {
    /// Rules with a model of no opinion, so the reasons show what the rules decided.
    static let classifier = TriageClassifier(rules: TestRules.classifier.rules, model: TriageModelTests.blankModel())

    static func reasons(_ text: String) -> [String] {
        var scratch = TriageScratch()
        return classifier.classify(TestRules.message(text, kind: .repair), scratch: &scratch).reasons
    }

    static let feared = [
        "卧室门的锁舌卡住了,关上以后要用力拧好几下才能打开,怕小孩关在里面。",
        "厕所门把手掉了,里面的人差点出不来,麻烦来装一下。",
        "空调外机支架有点锈了,担心外机掉下来砸到人。",
    ]

    @Test(arguments: feared)
    func aFearedDangerIsNotAHardOverride(_ text: String) {
        let reasons = Self.reasons(text)
        #expect(reasons.contains { $0.contains("(feared: ") }, "\(reasons)")
        #expect(!reasons.contains { $0.contains("safety override") }, "\(reasons)")
    }

    static let happening = [
        "小孩被关在卧室里面出不来了,门锁坏了,快来人!",
        "我很担心。电梯停在七楼不动,我妈还困在里面。",
        "淋浴房的玻璃门合页断了,整扇玻璃已经掉下来砸碎了,地上全是碎玻璃。",
    ]

    @Test(arguments: happening)
    func aDangerHappeningNowStaysAHardOverride(_ text: String) {
        let reasons = Self.reasons(text)
        #expect(reasons.contains { $0.contains("safety override") }, "\(reasons)")
    }

    @Test func theRulesFileDeclaresItsHedges() {
        let hedges = TestRules.classifier.rules.hedges
        #expect(hedges.contains("怕") && hedges.contains("差点") && hedges.contains("in case"), "\(hedges)")
    }
}
