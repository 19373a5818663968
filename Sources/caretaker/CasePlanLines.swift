import CaretakerCore
import CaretakerStore

/// The plan part of `caretaker case`, pure: the lines from the plan and its history steps.
enum CasePlanLines {
    /// The heading, the plan, each approval (and each approver still awaited), then the entries.
    static func lines(plan: RepairPlan, state: PlanState, approved: Set<PlanApprover>, approvals: [CaseTimeline.Approval],
                      progress: [CaseTimeline.Progress], local: (RFC3339Timestamp) -> RFC3339Timestamp) -> [String] {
        var lines = [
            "",
            "plan (\(state.rawValue)):",
            "  summary      \(plan.summary)",
            "  expected     \(local(plan.expectedCompletion))",
        ]
        for approval in approvals {
            lines.append("  approved     \(approval.approver)  by \(approval.actor)  at \(approval.at)")
        }
        for approver in PlanApprover.allCases where !approved.contains(approver) {
            lines.append("  awaiting     \(approver.rawValue)")
        }
        lines.append("progress (\(progress.count) entries):")
        for entry in progress {
            let percent = entry.percentDone.map { "\($0)%" } ?? "-"
            lines.append("  \(entry.at)  \(percent + String(repeating: " ", count: max(0, 5 - percent.count)))\(entry.note)")
        }
        return lines
    }
}
