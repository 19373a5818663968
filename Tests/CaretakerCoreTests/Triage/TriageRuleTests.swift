import CaretakerCore
import Testing

/// One row per rule on docs/triage-labelling.md, run through the shipped rules file.
@Suite struct TriageRuleTests {
    struct Severity: CustomTestStringConvertible, Sendable {
        var text: String
        var flags: [IntakeMessage.Flag] = []
        var times: Int?
        var expected: ComplaintSeverity
        var testDescription: String { "\(text) → \(expected)" }
    }

    static let severities: [Severity] = [
        Severity(text: "楼道灯坏了，已经第三次反映了", expected: .major),
        Severity(text: "电梯坏了多次反映都没用", expected: .major),
        Severity(text: "垃圾一直没人管", expected: .major),
        Severity(text: "保安不拦人", flags: [.repeat], expected: .major),
        Severity(text: "保安不拦人", times: 3, expected: .major),
        Severity(text: "保安不拦人", times: 2, expected: .important),
        Severity(text: "保洁拖地没放警示牌，我妈滑倒受伤了", expected: .major),
        Severity(text: "楼上漏水把我家地板泡坏了", expected: .major),
        Severity(text: "停车场车被刮了，要求物业赔偿", expected: .major),
        Severity(text: "车被刮了", flags: [.compensation], expected: .major),
        Severity(text: "管理处主任说话太难听", expected: .major),
        Severity(text: "前台把我的个人信息泄露给了推销公司", expected: .major),
        Severity(text: "工程部的人没经过我同意就开门进来了", expected: .major),
        Severity(text: "客服态度很差，挂我电话", expected: .important),
        Severity(text: "报修了一个星期还没修", expected: .important),
        Severity(text: "楼道很脏没人打扫", expected: .important),
        Severity(text: "物业费多收了两百", expected: .important),
        Severity(text: "车位太少了，晚上找不到位置", expected: .minor),
        Severity(text: "早高峰电梯太难等了", expected: .minor),
        Severity(text: "路灯有点暗", expected: .minor),
        Severity(text: "建议开通线上缴费", expected: .minor),
        Severity(text: "没有人受伤，只是楼道灯不亮", expected: .important),
    ]

    @Test(arguments: severities)
    func complaintSeverity(_ row: Severity) {
        let decision = TestRules.classifier.classify(TestRules.message(row.text, flags: row.flags, reportedTimes: row.times))
        #expect(decision.severity == row.expected, "\(decision.reasons)")
        #expect(decision.priority == nil)
        #expect(decision.responsibility == nil)
        // Seed 000 3.2: major → the general manager; important → the supervising manager hears of it.
        let expectedNotify: [Audience] = row.expected == .major ? [.management, .leadership]
            : row.expected == .important ? [.management] : []
        #expect(decision.notify == expectedNotify)
    }

    struct Priority: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: RepairPriority
        var notify: [Audience] = []
        var testDescription: String { "\(text) → \(expected)" }
    }

    static let priorities: [Priority] = [
        Priority(text: "3号楼电梯困人了，快来", expected: .urgent),
        Priority(text: "厨房水管爆了，到处是水", expected: .urgent),
        Priority(text: "地下车库水淹了", expected: .urgent),
        Priority(text: "整栋楼停电了", expected: .urgent),
        Priority(text: "楼道里有很重的煤气味", expected: .urgent),
        Priority(text: "插座冒火花", expected: .urgent),
        Priority(text: "下水道倒灌，污水往外冒", expected: .urgent),
        Priority(text: "我们单元没水了", expected: .urgent),
        Priority(text: "钥匙锁在家里了，进不了家", expected: .urgent),
        Priority(text: "阳台上的花架松了，要掉下来", expected: .urgent),
        Priority(text: "楼顶屋面防水层要重新做", expected: .major, notify: [.management]),
        Priority(text: "电梯曳引机要换，得从厂家订", expected: .major, notify: [.management]),
        Priority(text: "水泵房的水泵坏了要更换水泵", expected: .major, notify: [.management]),
        Priority(text: "小区变压器要换新的", expected: .major, notify: [.management]),
        Priority(text: "卫生间水龙头滴水", expected: .small),
        Priority(text: "楼道灯不亮", expected: .small),
        Priority(text: "单元门闭门器坏了", expected: .small),
        Priority(text: "对讲机没声音", expected: .general),
        // Situations: object + state (+ who is at risk), in any order, any script.
        Priority(text: "电梯停在七楼半天不动，我妈还在里面", expected: .urgent),
        Priority(text: "我妈还在里面，电梯停在七楼半天不动", expected: .urgent),
        Priority(text: "升降機停咗喺半路，入面有個阿婆", expected: .urgent),
        Priority(text: "The lift stopped between floors and my son is inside", expected: .urgent),
        Priority(text: "楼上漏水，天花板哗哗往下流", expected: .urgent),
        Priority(text: "单元门的电磁锁坏了，晚上门关不上", expected: .urgent),
        Priority(text: "阳台地漏堵了，外面下暴雨，水快进屋了", expected: .urgent),
        Priority(text: "上周电梯困人已经修好了，今天就是按钮灯不亮", expected: .small),
        Priority(text: "不是水管爆了，是水龙头有点滴水", expected: .small),
        Priority(text: "有个插座没电了", expected: .small),
        // A denial that spells out what it denies denies the hazard inside it (不漏气, 没人在,
        // 没有滴水, 没有电梯 is no power cut).
        Priority(text: "燃气灶打不着火，闻不到煤气味，不漏气", expected: .general),
        Priority(text: "电梯停在18楼不走了，没人在里面", expected: .general),
        Priority(text: "电梯厅天花板有一片水渍，没有滴水", expected: .general),
        Priority(text: "老楼没有电梯，楼道灯不亮", expected: .small),
        Priority(text: "Kitchen tap drips water inside the cabinet", expected: .small),
        // A repair demanding compensation goes to leadership (seed 004 第2篇 四); a resident who
        // says they do not want any does not.
        Priority(text: "楼上漏水，天花板哗哗往下流，泡坏了我的沙发，要求物业赔偿", expected: .urgent,
                 notify: [.management, .leadership]),
        Priority(text: "楼道灯不亮，不要求赔偿，尽快修就行", expected: .small),
    ]

    @Test func aRepairWithTheCompensationFlagGoesToLeadership() {
        let decision = TestRules.classifier.classify(TestRules.message("卫生间水龙头滴水", kind: .repair, flags: [.compensation]))
        #expect(decision.notify == [.management, .leadership])
        #expect(decision.reasons.contains("notify.repair.compensation: management, leadership"))
    }

    @Test(arguments: priorities)
    func repairPriority(_ row: Priority) {
        let decision = TestRules.classifier.classify(TestRules.message(row.text, kind: .repair))
        #expect(decision.priority == row.expected, "\(decision.reasons)")
        #expect(decision.severity == nil)
        #expect(decision.notify == row.notify)
        #expect(decision.department == .engineering)
    }

    struct Responsibility: CustomTestStringConvertible, Sendable {
        var text: String
        var location: String?
        var expected: RepairResponsibility
        var testDescription: String { "\(text) @ \(location ?? "-") → \(expected)" }
    }

    static let responsibilities: [Responsibility] = [
        Responsibility(text: "我家卫生间水龙头滴水", expected: .paid),
        Responsibility(text: "厨房插座坏了", expected: .paid),
        Responsibility(text: "楼道灯不亮", expected: .free),
        Responsibility(text: "大堂门禁坏了", expected: .free),
        Responsibility(text: "电梯按钮失灵", expected: .free),
        Responsibility(text: "刚交房三个月，客厅墙面开裂，还在保修期", expected: .developer),
        Responsibility(text: "外墙渗水，新房才住半年", expected: .developer),
        Responsibility(text: "灯不亮", expected: .unknown),
        Responsibility(text: "灯不亮", location: "5号楼2单元楼道", expected: .free),
        Responsibility(text: "灯不亮", location: "3-2-1201 卧室", expected: .paid),
    ]

    @Test(arguments: responsibilities)
    func repairResponsibility(_ row: Responsibility) {
        let decision = TestRules.classifier.classify(TestRules.message(row.text, kind: .repair, location: row.location))
        #expect(decision.responsibility == row.expected, "\(decision.reasons)")
    }

    struct Routing: CustomTestStringConvertible, Sendable {
        var text: String
        var kind: IntakeMessage.Kind = .complaint
        var department: Department
        var category: String
        var secondary: [String] = []
        var testDescription: String { "\(text) → \(department.rawValue)/\(category)" }
    }

    static let routings: [Routing] = [
        // Negation.
        Routing(text: "不是漏水,是排风扇坏了", kind: .repair, department: .engineering, category: "hvac"),
        Routing(text: "并非漏水，而是排风扇坏了", kind: .repair, department: .engineering, category: "hvac"),
        Routing(text: "It's not a leak, the extractor fan is broken", kind: .repair, department: .engineering, category: "hvac"),
        Routing(text: "没有漏水问题，排风扇坏了", kind: .repair, department: .engineering, category: "hvac"),
        Routing(text: "家里没有热水", kind: .repair, department: .engineering, category: "water_supply"),
        Routing(text: "家里没水了", kind: .repair, department: .engineering, category: "water_supply"),
        Routing(text: "家里没电了", kind: .repair, department: .engineering, category: "electrical"),
        // Traditional Chinese and full-width input.
        Routing(text: "電梯門壞了，關不上", kind: .repair, department: .engineering, category: "lift_fault"),
        Routing(text: "保安態度很差", department: .security, category: "guard_conduct"),
        Routing(text: "垃圾房好臭，幾日冇人清理", department: .environment, category: "garbage"),
        Routing(text: "ＬＩＦＴ　is broken", kind: .repair, department: .engineering, category: "lift_fault"),
        // English.
        Routing(text: "The guard at the north gate was rude to my mother", department: .security, category: "guard_conduct"),
        Routing(text: "There are cockroaches in the bin room", department: .environment, category: "pests"),
        Routing(text: "I was overcharged on my management fee bill", department: .customerService, category: "billing"),
        Routing(text: "The bus service changed its timetable", department: .customerService, category: "unclassified"),
        // Several topics: the strongest is primary, the others are kept.
        Routing(text: "楼道漏水好几天了，楼道也很脏，垃圾没人清", department: .environment, category: "cleaning",
                secondary: ["garbage", "water_leak"]),
        Routing(text: "电梯又坏了，顺便说一下大堂有蟑螂", kind: .repair, department: .engineering, category: "lift_fault",
                secondary: ["pests"]),
        // Mentioned departments are not the subject.
        Routing(text: "保安说车库门禁读卡器坏了让我报修", kind: .repair, department: .engineering, category: "door_lock"),
    ]

    @Test(arguments: routings)
    func routing(_ row: Routing) {
        let decision = TestRules.classifier.classify(TestRules.message(row.text, kind: row.kind))
        #expect(decision.department == row.department, "\(decision.reasons)")
        #expect(decision.category == row.category, "\(decision.reasons)")
        for code in row.secondary {
            #expect(decision.secondaryCategories.contains(code), "\(decision.secondaryCategories)")
        }
        #expect(decision.needsTriage == (row.category == "unclassified"))
    }

    @Test(arguments: [IntakeMessage.Kind.complaint, .repair])
    func nothingMatchesGoesToCustomerServiceForTriage(_ kind: IntakeMessage.Kind) {
        let decision = TestRules.classifier.classify(TestRules.message("你好，请问一下", kind: kind))
        #expect(decision.department == .customerService)
        #expect(decision.needsTriage)
        #expect(decision.category == TriageClassifier.unclassifiedCategory)
        #expect(decision.severity == (kind == .complaint ? .minor : nil))
        #expect(decision.priority == (kind == .repair ? .general : nil))
        #expect(decision.notify.isEmpty)
    }

    @Test func decisionsCarryRuleIDsAndVersion() {
        let decision = TestRules.classifier.classify(TestRules.message("保安态度很差，第三次反映了"))
        #expect(decision.rulesVersion == TestRules.classifier.rules.version)
        #expect(decision.reasons.contains { $0.hasPrefix("category.guard_conduct") })
        #expect(decision.reasons.contains { $0.hasPrefix("severity.repeated") })
    }

    @Test func categoryHintBreaksAWeakMatch() {
        let withHint = TestRules.classifier.classify(TestRules.message("那个东西又坏了", kind: .repair, hint: "电梯"))
        #expect(withHint.category == "lift_fault")
        let without = TestRules.classifier.classify(TestRules.message("那个东西又坏了", kind: .repair))
        #expect(without.needsTriage)
    }
}
