import CaretakerCore
import Testing

/// The complaint procedure's timers under the shipped policy: 2 days to explain an invalid
/// complaint, 1 day to analyse a valid one, 3 days to contact the resident when another body is
/// involved, and the corrective action verified by its own due date.
@Suite struct ComplaintProcedureTimerTests {
    let planner = SLAFixtures.planner
    typealias F = SLAFixtures
    typealias P = TimerPlannerTests

    func assessed(_ validity: ComplaintValidity, otherBody: OtherBody? = nil) throws -> [TimerChange] {
        let before = F.record(.complaint, state: .accepted, severity: .important)
        var after = before
        after.validity = validity
        after.otherBody = otherBody
        let action = CaseAction.assess(validity: validity, reason: "x", otherBody: otherBody)
        return try planner.transitionApplied(
            command: .assess, outcomes: action.outcomeTriggers, before: before, after: after,
            at: F.time("2026-03-02T10:00:00"),
            existing: P.pending(.complaintFirstReply, .complaintResult, .complaintUnresolvedMonth))
    }

    @Test func anInvalidComplaintIsExplainedWithinTwoDaysAndNeverUpgraded() throws {
        let changes = try assessed(.invalid)
        #expect(P.cancelled(changes) == [.complaintUnresolvedMonth], "no one-month upgrade for an invalid complaint")
        let started = P.started(changes)
        #expect(Set(started.keys) == ["invalid_complaint_explanation"])
        #expect(started["invalid_complaint_explanation"]?.dueAt.description == "2026-03-04T10:00:00+08:00")
    }

    @Test func aValidComplaintIsAnalysedWithinADayAndKeepsTheMonthUpgrade() throws {
        let changes = try assessed(.valid)
        #expect(P.cancelled(changes).isEmpty)
        let started = P.started(changes)
        #expect(Set(started.keys) == ["valid_complaint_analysis"])
        #expect(started["valid_complaint_analysis"]?.dueAt.description == "2026-03-03T10:00:00+08:00")
    }

    @Test func anotherBodyMeansContactingTheResidentWithinThreeDays() throws {
        let started = P.started(try assessed(.valid, otherBody: .powerBureau))
        #expect(Set(started.keys) == ["valid_complaint_analysis", "other_body_contact"])
        #expect(started["other_body_contact"]?.dueAt.description == "2026-03-05T10:00:00+08:00")
    }

    @Test func informingTheResidentStopsTheExplanationAndTheContact() throws {
        let record = F.record(.complaint, state: .accepted, severity: .important)
        let changes = try planner.transitionApplied(
            command: .informResident, before: record, after: record, at: F.time("2026-03-03T10:00:00"),
            existing: P.pending("invalid_complaint_explanation", "other_body_contact", .complaintResult))
        #expect(P.cancelled(changes) == ["invalid_complaint_explanation", "other_body_contact"])
    }

    @Test func aCorrectiveActionIsDueAtItsOwnDateAndStoppedByVerification() throws {
        let before = F.record(.complaint, state: .resolved, severity: .important)
        var after = before
        after.openCorrection = CorrectiveAction(action: "调整排班", owner: "环境部主管", dueAt: F.time("2026-03-09T18:00:00"))
        let changes = try planner.transitionApplied(
            command: .correct, before: before, after: after, at: F.time("2026-03-03T10:00:00"), existing: [])
        let started = try #require(P.started(changes)["corrective_action_verification"])
        #expect(started.dueAt.description == "2026-03-09T18:00:00+08:00")
        #expect(started.startedAt.description == "2026-03-03T10:00:00+08:00")

        let verified = try planner.transitionApplied(
            command: .verifyCorrection, before: after, after: before, at: F.time("2026-03-09T17:00:00"),
            existing: P.pending("corrective_action_verification"))
        #expect(verified == [.cancel(kind: "corrective_action_verification", deadlineVersion: 1)])
    }

    @Test func aNewCorrectiveActionAfterAnIneffectiveOneIsANewVersion() throws {
        let before = F.record(.complaint, state: .resolved, severity: .important)
        var after = before
        after.openCorrection = CorrectiveAction(action: "更换保洁员", owner: "环境部经理", dueAt: F.time("2026-03-20T18:00:00"))
        let changes = try planner.transitionApplied(
            command: .correct, before: before, after: after, at: F.time("2026-03-10T10:00:00"),
            existing: [ExistingTimer(kind: "corrective_action_verification", deadlineVersion: 1, isPending: false)])
        #expect(P.started(changes)["corrective_action_verification"]?.deadlineVersion == 2)
    }
}
