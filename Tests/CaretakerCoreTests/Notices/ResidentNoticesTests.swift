import CaretakerCore
import Testing

/// What the resident is told, and what a notice must never carry.
@Suite struct ResidentNoticesTests {
    typealias F = SLAFixtures
    static let technician = CaseActor(id: "E1024", name: "李师傅", role: "technician", audience: .engineering)

    func text(_ event: CaseEvent) -> String {
        if case .string(let text)? = event.payload["text"] { return text }
        return ""
    }

    @Test func receivedTellsTheCaseNumberTheDepartmentAndTheTimeLimit() throws {
        let record = F.record(.repair, priority: .urgent, receivedAt: "2026-03-02T09:00:00")
        let plan = try F.planner.caseCreated(record, at: F.time("2026-03-02T09:00:00"))
        var promise: TimerSchedule?
        for case .start(let schedule) in plan where schedule.kind == .urgentRepairCompletion { promise = schedule }
        let event = ResidentNotices.received(record, promise: promise, at: F.time("2026-03-02T09:00:01"), makeID: { "n-1" })
        #expect(event.routingKey == "resident.notice.received")
        #expect(text(event) == "您好，您的报修已登记，编号BX-20260302-000001，由工程部负责处理。我们将于3月2日 11:00前完成维修。")
        #expect(event.payload["time_limit"]?["due_at"] == .string("2026-03-02T11:00:00+08:00"))
        #expect(event.payload["handler"]?["department_name"] == .string("工程部"))
    }

    @Test func aComplaintIsPromisedItsFirstReplyAndMajorWorksTheirETA() {
        let complaint = F.record(.complaint, receivedAt: "2026-03-02T09:00:00")
        let reply = TimerSchedule(kind: .complaintFirstReply, startedAt: F.time("2026-03-02T09:00:00"), remindAt: nil,
                                  dueAt: F.time("2026-03-03T09:00:00"), deadlineVersion: 1, calendarVersion: nil)
        #expect(text(ResidentNotices.received(complaint, promise: reply, at: F.time("2026-03-02T09:00:00"), makeID: { "n" }))
            .hasSuffix("我们将于3月3日 09:00前给您答复。"))
        let works = F.record(.repair, priority: .major)
        let eta = TimerSchedule(kind: .majorRepairETA, startedAt: F.time("2026-03-02T09:00:00"), remindAt: nil,
                                dueAt: F.time("2026-03-04T09:00:00"), deadlineVersion: 1, calendarVersion: nil)
        #expect(text(ResidentNotices.received(works, promise: eta, at: F.time("2026-03-02T09:00:00"), makeID: { "n" }))
            .contains("3月4日 09:00前告知您处理方案和预计完成时间"))
    }

    @Test func aNoticeNeverCarriesTheContactTheReportOrStaffDetails() throws {
        let record = F.record(.repair)
        let actions: [CaseAction] = [
            .postpone(until: F.time("2026-03-05T18:00:00"), reason: "等配件，供应商王经理13800009999"),
            .informResident(note: "需更换主管道", eta: F.time("2026-03-06T18:00:00")),
            .complete(note: "内部备注：李师傅换了阀门"),
            .followUp(satisfaction: 2, note: "住户抱怨李师傅迟到"),
        ]
        for action in actions {
            let event = try #require(ResidentNotices.after(action, record: record, actor: Self.technician,
                                                           at: F.time("2026-03-03T10:00:00"), makeID: { "n" }))
            let body = event.payload.serialized
            #expect(event.audience == .resident)
            for secret in ["13900000000", "李女士", "3-2-1201", "楼道灯坏了", "E1024", "technician", "13800009999", "内部备注", "迟到"] {
                #expect(!body.contains(secret), "\(action.rawName) notice leaks \(secret)")
            }
            #expect(event.payload["handler"]?["display_name"] == .string("李师傅"))
        }
    }

    @Test func internalStepsGiveTheResidentNothing() {
        let record = F.record(.complaint)
        for action: CaseAction in [.accept, .analyse(cause: "x"), .assess(validity: .valid, reason: "x", otherBody: nil),
                                   .reassign(to: .security, category: nil, reason: "x"), .close, .reopen(reason: "x")] {
            #expect(ResidentNotices.after(action, record: record, actor: Self.technician,
                                          at: F.time("2026-03-03T10:00:00"), makeID: { "n" }) == nil)
        }
    }

    @Test func theResultAndTheExplanationAreTheTextsToldToTheResident() throws {
        let record = F.record(.complaint)
        let resolved = try #require(ResidentNotices.after(.resolve(note: "已更换保洁员并加强检查"), record: record,
                                                          actor: Self.technician, at: F.time("2026-03-03T10:00:00"), makeID: { "n" }))
        #expect(resolved.type == .noticeResolved)
        #expect(text(resolved) == "您反映的问题（编号BX-20260302-000001）已处理：已更换保洁员并加强检查。如有疑问请联系客服中心。")
        let informed = try #require(ResidentNotices.after(.informResident(note: "停水系市政检修。", eta: nil), record: record,
                                                          actor: Self.technician, at: F.time("2026-03-03T10:00:00"), makeID: { "n" }))
        #expect(informed.type == .noticeInformed)
        #expect(text(informed) == "关于您的投诉（编号BX-20260302-000001）：停水系市政检修。")
    }
}
