import CaretakerCore
import Testing

private func ids() -> () -> String {
    var next = 0
    return {
        next += 1
        return "event-\(next)"
    }
}

/// The record fields travel in every case event; `resident_request` is masked like the text for
/// an accused audience, `complained_about` is not (it names staff, not the resident).
@Suite struct CaseEventsRecordFieldsTests {
    static func record(accused: [EventAudience]) -> CaseRecord {
        var record = sampleRecord(accused: accused)
        record.report.incidentAt = RFC3339Timestamp("2026-11-02T22:40:00+08:00")
        record.report.complainedAbout = "保安部 小李"
        record.report.residentRequest = "要求赔偿，王小明，回电13800001234"
        return record
    }

    @Test func caseCreatedCarriesTheFieldsForAnAudienceThatIsNotAccused() {
        let record = Self.record(accused: [.security])
        let events = CaseEvents.created(record, at: record.report.receivedAt, makeID: ids())
        let customerService = events.first { $0.audience == .customerService }!
        #expect(customerService.payload["incident_at"] == .string("2026-11-02T22:40:00+08:00"))
        #expect(customerService.payload["complained_about"] == .string("保安部 小李"))
        #expect(customerService.payload["resident_request"] == .string("要求赔偿，王小明，回电13800001234"))
        // The event's own time keeps its name: the incident has a key of its own.
        #expect(customerService.payload["occurred_at"] == .string(record.report.receivedAt.description))
    }

    @Test func theAccusedGetTheRequestMaskedButTheComplainedAboutAsGiven() {
        let record = Self.record(accused: [.security])
        let events = CaseEvents.created(record, at: record.report.receivedAt, makeID: ids())
        let security = events.first { $0.audience == .security }!
        let request = security.payload["resident_request"]
        #expect(request == .string(PersonalData.maskText(record.report.residentRequest!, resident: record.report.resident)))
        #expect(request?.serialized.contains("要求赔偿") == true)
        #expect(!security.payload.serialized.contains("13800001234"))
        #expect(!security.payload.serialized.contains("王小明"))
        #expect(security.payload["complained_about"] == .string("保安部 小李"))
        #expect(security.payload["incident_at"] == .string("2026-11-02T22:40:00+08:00"))
    }

    @Test func aReassignedNoticeToTheDepartmentLeftMasksTheRequestToo() throws {
        var record = Self.record(accused: [])
        let transition = try CaseLifecycle.apply(
            .reassign(to: .environment, category: "odour", reason: "是异味"), to: record.snapshot).get()
        record.snapshot = transition.snapshot
        let events = CaseEvents.transition(
            transition, record: record, previousDepartment: .security,
            actor: CaseActor(id: "e-7", name: "李工", role: "supervisor", audience: .security),
            details: [], at: record.report.receivedAt, makeID: ids())
        let left = events.first { $0.audience == .security }!
        let now = events.first { $0.audience == .environment }!
        #expect(!left.payload.serialized.contains("13800001234"))
        #expect(now.payload["resident_request"] == .string("要求赔偿，王小明，回电13800001234"))
        #expect(left.payload["complained_about"] == .string("保安部 小李"))
    }

    @Test func casesWithoutTheFieldsCarryNulls() {
        let record = sampleRecord()
        for event in CaseEvents.created(record, at: record.report.receivedAt, makeID: ids()) {
            #expect(event.payload["incident_at"] == .null)
            #expect(event.payload["complained_about"] == .null)
            #expect(event.payload["resident_request"] == .null)
        }
    }

    @Test(arguments: [
        ("前台小王", [EventAudience.customerService]),
        ("保安部", [.security]),
        ("维修师傅和保洁员", [.engineering, .environment]),
        ("隔壁邻居", []),
    ])
    func complainedAboutAccusesTheStaffItNames(_ about: String, _ expected: [EventAudience]) {
        var report = sampleRecord().report
        report.text = "态度很差，说话很难听"
        report.complainedAbout = about
        let staff = AccusedStaff(staffCategories: [:])
        #expect(staff.audiences(of: report, category: "noise", department: .security) == expected)
        report.complainedAbout = nil
        #expect(staff.audiences(of: report, category: "noise", department: .security) == [])
    }
}
