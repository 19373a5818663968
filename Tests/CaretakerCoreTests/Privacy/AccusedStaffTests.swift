import CaretakerCore
import Testing

/// Whose staff a complaint is about (seed 001 一.2(4)): the audiences that must never see the contact.
@Suite struct AccusedStaffTests {
    static let staff = AccusedStaff(staffCategories: ["guard_conduct": .security, "staff_conduct": .customerService])

    static func complaint(_ text: String, flags: [IntakeMessage.Flag] = [], kind: IntakeMessage.Kind = .complaint) -> IntakeMessage {
        IntakeMessage(messageID: "m-1", kind: kind, text: text, receivedAt: RFC3339Timestamp("2026-11-02T09:00:00+08:00")!,
                      channel: .hotline, flags: flags)
    }

    @Test(arguments: [
        ("维修师傅上门态度很差,修完就走了", "repair_service", Department.engineering, [EventAudience.engineering]),
        ("电工来了说不归他管", "electrical", .engineering, [.engineering]),
        ("The technician never showed up", "repair_service", .engineering, [.engineering]),
        ("保安半夜在岗亭睡觉", "guard_conduct", .security, [.security]),
        ("門衛不讓我朋友進來", "gate_access", .security, [.security]),
        ("The guards let strangers in", "strangers", .security, [.security]),
        ("保洁阿姨把我的鞋柜扔了", "cleaning", .environment, [.environment]),
        ("园丁修剪时把我的花剪了", "greening", .environment, [.environment]),
        ("the gardener cut my hedge", "greening", .environment, [.environment]),
        ("前台小妹挂我电话", "staff_conduct", .customerService, [.customerService]),
        ("管家答应回电话一直没回", "staff_conduct", .customerService, [.customerService]),
        ("管理处主任不处理我的问题", "director", .customerService, [.management]),
        ("物业经理推脱责任", "director", .customerService, [.management]),
        // Generic staff words point at the department handling the case.
        ("师傅来了一趟就没下文了", "repair_service", .engineering, [.engineering]),
        ("工作人员不戴工牌", "cleaning", .environment, [.environment]),
        // An about_staff category with no role word in the text.
        ("态度恶劣,还挂我电话", "staff_conduct", .customerService, [.customerService]),
        // The text names a technician: the attitude category does not accuse customer service too.
        ("维修师傅态度恶劣", "staff_conduct", .customerService, [.engineering]),
        // Two staff named.
        ("保安和保洁员都不管", "cleaning", .environment, [.security, .environment]),
    ])
    func roleWordsAccuseTheirDepartment(_ text: String, _ category: String, _ department: Department,
                                        _ expected: [EventAudience]) {
        #expect(Self.staff.audiences(of: Self.complaint(text), category: category, department: department) == expected)
    }

    @Test(arguments: [
        ("楼道灯坏了三天没人修", "lighting", Department.engineering),
        ("楼上装修太吵", "renovation", .security),
        ("垃圾桶满了没人倒", "garbage", .environment),
        ("物业费多收了两百元", "billing", .customerService),
        ("The guardrail on the stairs is loose", "building_structure", .engineering),
        ("my managerial neighbour parks in my space", "parking_order", .security),
    ])
    func complaintsAboutThingsAccuseNoOne(_ text: String, _ category: String, _ department: Department) {
        #expect(Self.staff.audiences(of: Self.complaint(text), category: category, department: department).isEmpty)
    }

    @Test func theDirectorFlagAccusesTheManagementOffice() {
        let report = Self.complaint("我要投诉", flags: [.againstDirector])
        #expect(Self.staff.audiences(of: report, category: "unclassified", department: .customerService) == [.management])
    }

    @Test func repairsAccuseNoOne() {
        let report = Self.complaint("保安室的灯坏了,请电工来修", kind: .repair)
        #expect(Self.staff.audiences(of: report, category: "lighting", department: .engineering).isEmpty)
    }

    @Test func theRulesAboutStaffCategoriesAccuseTheirDepartment() {
        let staff = AccusedStaff(rules: TestRules.classifier.rules)
        #expect(staff.staffCategories["guard_conduct"] == .security)
        #expect(staff.staffCategories["staff_conduct"] == .customerService)
        #expect(staff.staffCategories["water_leak"] == nil)
    }

    @Test func aReassignmentKeepsWhoeverWasAccusedAndAddsTheNewCategorysDepartment() {
        var record = sampleRecord(department: .security, accused: [.security])
        record.report.text = "半夜有人在门口吵"
        record.department = .customerService
        record.category = "staff_conduct"
        #expect(Self.staff.audiences(afterChangeOf: record) == [.security, .customerService])
    }
}
