import CaretakerCore
import Testing

/// A repair taking more than 3 days (seed 003 五(二)3): a written plan approved by the engineering
/// manager and the office director, then a progress entry every day.
@Suite struct RepairPlanTests {
    static let plan = CaseAction.plan(RepairPlan(summary: "搭脚手架更换外墙砖",
                                                 expectedCompletion: RFC3339Timestamp("2026-11-20T18:00:00+08:00")!))
    static let engineering = CaseActor(id: "E2001", name: "周经理", audience: .engineering)
    static let director = CaseActor(id: "M0001", name: "林主任", audience: .management)

    static func repair(_ plan: PlanState = .none, approvals: Set<PlanApprover> = []) -> CaseSnapshot {
        CaseSnapshot(kind: .repair, state: .accepted, department: .engineering, category: "building_structure",
                     priority: .major, responsibility: .free, plan: plan, planApprovals: approvals)
    }

    func refusal(_ action: CaseAction, _ snapshot: CaseSnapshot, by actor: CaseActor? = nil) -> CommandRejection? {
        if case .failure(let rejection) = CaseLifecycle.apply(action, to: snapshot, by: actor) { return rejection }
        return nil
    }

    @Test func thePlanIsApprovedByBothAndOnlyTheSecondApprovalFiresPlanApproved() throws {
        let written = try CaseLifecycle.apply(Self.plan, to: Self.repair(), by: Self.engineering).get()
        #expect(written.snapshot.plan == .proposed)
        let first = try CaseLifecycle.apply(.approvePlan(.engineeringManager, note: ""), to: written.snapshot, by: Self.engineering).get()
        #expect(first.snapshot.plan == .proposed && first.snapshot.planApprovals == [.engineeringManager])
        #expect(first.triggers == ["approve_plan"])
        let second = try CaseLifecycle.apply(.approvePlan(.director, note: "同意"), to: first.snapshot, by: Self.director).get()
        #expect(second.snapshot.plan == .approved)
        #expect(second.triggers == ["approve_plan", "plan_approved"])
        #expect(second.snapshot.state == .accepted, "approvals leave the repair where it is")
    }

    @Test func eachApprovalComesFromItsOwnConsoleOnce() {
        let proposed = Self.repair(.proposed)
        #expect(refusal(.approvePlan(.director, note: ""), proposed, by: Self.engineering)?.reason == .notPermitted)
        #expect(refusal(.approvePlan(.engineeringManager, note: ""), proposed, by: Self.director)?.reason == .notPermitted)
        let security = CaseActor(id: "S1", audience: .security)
        #expect(refusal(.approvePlan(.engineeringManager, note: ""), proposed, by: security)?.reason == .notPermitted)
        #expect(refusal(.approvePlan(.engineeringManager, note: ""), Self.repair(.proposed, approvals: [.engineeringManager]),
                        by: Self.engineering)?.reason == .precondition, "approved twice")
    }

    @Test func nothingIsApprovedOrProgressedWithoutAPlan() {
        #expect(refusal(.approvePlan(.director, note: ""), Self.repair(), by: Self.director)?.reason == .precondition)
        #expect(refusal(.progress(note: "完成脚手架", percentDone: 30), Self.repair())?.reason == .precondition)
        #expect(refusal(.progress(note: "完成脚手架", percentDone: 30), Self.repair(.proposed)) == nil)
        #expect(refusal(.progress(note: "完成脚手架", percentDone: 30), Self.repair(.approved)) == nil)
    }

    @Test func aNewPlanNeedsBothApprovalsAgain() throws {
        let replanned = try CaseLifecycle.apply(Self.plan, to: Self.repair(.approved, approvals: Set(PlanApprover.allCases))).get()
        #expect(replanned.snapshot.plan == .proposed && replanned.snapshot.planApprovals.isEmpty)
    }

    @Test func aPlanIsForARepairStillBeingWorkedOn() {
        var completed = Self.repair()
        completed.state = .completed
        #expect(refusal(Self.plan, completed)?.reason == .invalidForState)
        let complaint = CaseSnapshot(kind: .complaint, state: .accepted, department: .engineering, category: "x")
        #expect(refusal(Self.plan, complaint)?.reason == .notForKind)
    }
}
