import CaretakerCore
import Testing

/// The complaint procedure's order of decisions and who may take them (seed 004 第4篇 5.2–5.6).
@Suite struct ComplaintProcedureTests {
    static let due = RFC3339Timestamp("2026-11-09T18:00:00+08:00")!
    static let correction = CaseAction.correct(CorrectiveAction(action: "调整排班", owner: "环境部主管", dueAt: due))
    static let supervisor = CaseActor(id: "S7", name: "王主管", role: "supervisor", audience: .customerService)

    static func complaint(_ state: CaseState = .accepted, validity: ComplaintValidity? = nil, analysed: Bool = false,
                          open: Bool = false) -> CaseSnapshot {
        CaseSnapshot(kind: .complaint, state: state, department: .environment, category: "cleaning",
                     validity: validity, causeAnalysed: analysed, correctionOpen: open)
    }

    func refusal(_ action: CaseAction, _ snapshot: CaseSnapshot, by actor: CaseActor? = supervisor) -> CommandRejection? {
        if case .failure(let rejection) = CaseLifecycle.apply(action, to: snapshot, by: actor) { return rejection }
        return nil
    }

    @Test(arguments: [EventAudience.engineering, .security, .environment])
    func aDepartmentMayNotAssessOrVerify(_ audience: EventAudience) {
        let technician = CaseActor(id: "E1", audience: audience)
        let assess = CaseAction.assess(validity: .invalid, reason: "非我司责任", otherBody: nil)
        #expect(refusal(assess, Self.complaint(), by: technician)?.reason == .notPermitted)
        let verify = CaseAction.verifyCorrection(verdict: .effective, note: "")
        #expect(refusal(verify, Self.complaint(validity: .valid, analysed: true, open: true), by: technician)?.reason
            == .notPermitted)
    }

    @Test(arguments: [EventAudience.customerService, .management, .leadership])
    func customerServiceTheOfficeAndLeadershipMayAssess(_ audience: EventAudience) {
        let assess = CaseAction.assess(validity: .valid, reason: "保洁漏扫", otherBody: nil)
        #expect(refusal(assess, Self.complaint(), by: CaseActor(id: "M1", audience: audience)) == nil)
    }

    @Test func anAssessmentRecordsValidityAndFiresItsOutcomeTriggers() throws {
        let assess = CaseAction.assess(validity: .invalid, reason: "停水系自来水公司检修", otherBody: .waterCompany)
        let transition = try CaseLifecycle.apply(assess, to: Self.complaint(), by: Self.supervisor).get()
        #expect(transition.snapshot.validity == .invalid)
        #expect(transition.snapshot.state == .accepted)
        #expect(transition.triggers == ["assess", "assess_invalid", "assess_other_body"])
        let valid = try CaseLifecycle.apply(.assess(validity: .valid, reason: "x", otherBody: nil), to: Self.complaint()).get()
        #expect(valid.triggers == ["assess", "assess_valid"])
    }

    @Test func aComplaintIsAssessedOnce() {
        let again = CaseAction.assess(validity: .valid, reason: "改判", otherBody: nil)
        #expect(refusal(again, Self.complaint(validity: .invalid))?.reason == .precondition)
    }

    @Test func analysisNeedsAValidComplaintAndHappensOnce() {
        let analyse = CaseAction.analyse(cause: "排班漏了该楼层")
        #expect(refusal(analyse, Self.complaint())?.reason == .precondition, "not assessed")
        #expect(refusal(analyse, Self.complaint(validity: .invalid))?.reason == .precondition, "invalid")
        #expect(refusal(analyse, Self.complaint(validity: .valid)) == nil)
        #expect(refusal(analyse, Self.complaint(validity: .valid, analysed: true))?.reason == .precondition, "twice")
    }

    @Test func aCorrectiveActionNeedsTheAnalysisAndNoOtherOpenOne() throws {
        #expect(refusal(Self.correction, Self.complaint(validity: .invalid, analysed: true))?.reason == .precondition)
        #expect(refusal(Self.correction, Self.complaint(validity: .valid))?.reason == .precondition)
        #expect(refusal(Self.correction, Self.complaint(validity: .valid, analysed: true, open: true))?.reason == .precondition)
        let opened = try CaseLifecycle.apply(Self.correction, to: Self.complaint(validity: .valid, analysed: true)).get()
        #expect(opened.snapshot.correctionOpen)
    }

    @Test func verificationClosesTheOpenActionOnly() throws {
        let verify = CaseAction.verifyCorrection(verdict: .ineffective, note: "仍未清扫")
        #expect(refusal(verify, Self.complaint(validity: .valid, analysed: true))?.reason == .precondition)
        let verified = try CaseLifecycle.apply(verify, to: Self.complaint(.resolved, validity: .valid, analysed: true, open: true),
                                               by: Self.supervisor).get()
        #expect(!verified.snapshot.correctionOpen)
        #expect(verified.snapshot.state == .resolved)
        #expect(refusal(Self.correction, verified.snapshot) == nil, "an ineffective action is followed by a new one")
    }

    @Test func aComplaintWithAnOpenCorrectiveActionIsNotClosed() {
        let open = Self.complaint(.followedUp, validity: .valid, analysed: true, open: true)
        #expect(refusal(.close, open)?.reason == .precondition)
        #expect(refusal(.close, Self.complaint(.followedUp, validity: .valid, analysed: true)) == nil)
    }

    @Test(arguments: [(ComplaintSeverity.minor, HandlingLevel.customerServiceSupervisor), (.important, .departmentHead),
                      (.major, .generalManager)])
    func severityDecidesTheHandlingLevel(_ severity: ComplaintSeverity, _ level: HandlingLevel) {
        #expect(HandlingLevel(severity) == level)
    }

    @Test func aMajorComplaintIsResolvedByAManagerAfterTheOfficeMeeting() throws {
        let resolve = CaseAction.resolve(note: "已赔偿并整改")
        var major = Self.complaint(.acknowledged)
        major.severity = .major
        #expect(refusal(resolve, major)?.reason == .notPermitted, "customer service does not resolve a major complaint")
        let manager = CaseActor(id: "M1", name: "林经理", role: "manager", audience: .management)
        #expect(refusal(resolve, major, by: manager)?.reason == .precondition, "not before the office meeting")
        let met = try CaseLifecycle.apply(.holdMeeting(note: "经理牵头整改", attendees: nil), to: major, by: manager).get()
        #expect(met.snapshot.meetingHeld)
        #expect(refusal(resolve, met.snapshot, by: manager) == nil)
        #expect(refusal(resolve, met.snapshot, by: CaseActor(id: "L1", audience: .leadership)) == nil)
    }

    @Test func aMajorComplaintsFinalVisitIsQualityManagementsWithTheCorrectiveReport() {
        var major = Self.complaint(.resolved)
        major.severity = .major
        let visit = CaseAction.followUp(satisfaction: 4, note: "满意", visitedBy: "黄主任", correctiveReport: "保安队加强培训")
        #expect(refusal(visit, major)?.reason == .notPermitted, "customer service does not make the final visit")
        let quality = CaseActor(id: "Q1", name: "黄主任", audience: .quality)
        #expect(refusal(.followUp(satisfaction: 4, note: ""), major, by: quality)?.reason == .invalidField, "no report")
        #expect(refusal(visit, major, by: quality) == nil)
        var important = major
        important.severity = .important
        #expect(refusal(.followUp(satisfaction: 4, note: ""), important) == nil, "anyone visits an important complaint")
    }

    @Test(arguments: [ComplaintSeverity.minor, .important])
    func minorAndImportantComplaintsAreResolvedByTheirHandlers(_ severity: ComplaintSeverity) {
        var complaint = Self.complaint(.acknowledged)
        complaint.severity = severity
        #expect(refusal(.resolve(note: "已处理"), complaint, by: CaseActor(id: "H1", audience: .environment)) == nil)
    }

    @Test func informingTheResidentLeavesEitherKindWhereItIs() throws {
        let inform = CaseAction.informResident(note: "已向住户解释原因", eta: nil)
        #expect(try CaseLifecycle.apply(inform, to: Self.complaint(.acknowledged)).get().snapshot.state == .acknowledged)
        let repair = CaseSnapshot(kind: .repair, state: .onSite, department: .engineering, category: "water_leak")
        #expect(try CaseLifecycle.apply(inform, to: repair).get().snapshot.state == .onSite)
        #expect(refusal(inform, Self.complaint(.closed))?.reason == .invalidForState)
    }
}
