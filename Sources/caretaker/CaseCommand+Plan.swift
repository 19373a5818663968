import CaretakerCore
import Postgres

extension CaseCommand {
    /// A long repair's written plan (seed 003 五(二)3): what and by when, where it stands, who
    /// approved it and the daily progress entries. Nothing for a case without a plan.
    func printPlan(_ record: CaseRecord, on connection: PostgresConnection) async throws {
        guard let plan = record.plan else { return }
        let caseID = record.caseID
        // A new plan needs both approvals again: only those given since the latest `plan` step count.
        let approvals = try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at,
                   coalesce(details->>'approver', '-') AS approver, coalesce(actor_name, actor_id, '-') AS actor
            FROM case_history
            WHERE case_id = \(caseID)::uuid AND step = 'approve_plan'
              AND id > (SELECT coalesce(max(id), 0) FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'plan')
            ORDER BY id
            """).map { row in
                CasePlanLines.Approval(approver: try row.decode("approver"), actor: try row.decode("actor"), at: try row.decode("at"))
            }
        let progress = try await connection.query("""
            SELECT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS at,
                   (details->>'percent_done')::numeric::int8 AS percent, coalesce(details->>'note', '') AS note
            FROM case_history WHERE case_id = \(caseID)::uuid AND step = 'progress' ORDER BY id
            """).map { row in
                CasePlanLines.Progress(at: try row.decode("at"), percentDone: try row.decode("percent"), note: try row.decode("note"))
            }
        print(CasePlanLines.lines(plan: plan, state: record.planState, approved: record.planApprovals,
                                  approvals: approvals, progress: progress).joined(separator: "\n"))
    }
}

/// The plan part of `caretaker case`, pure: the lines from the plan and its history steps.
enum CasePlanLines {
    /// One `approve_plan` step since the latest plan.
    struct Approval {
        /// `engineering_manager` or `director`.
        var approver: String
        /// Who gave it: the actor's name, else their id.
        var actor: String
        /// When, Asia/Shanghai.
        var at: String
    }

    /// One daily `progress` step.
    struct Progress {
        /// When, Asia/Shanghai.
        var at: String
        /// How much of the work is done, if the entry said.
        var percentDone: Int?
        /// What was done.
        var note: String
    }

    /// The heading, the plan, each approval (and each approver still awaited), then the entries.
    static func lines(plan: RepairPlan, state: PlanState, approved: Set<PlanApprover>, approvals: [Approval],
                      progress: [Progress]) -> [String] {
        var lines = [
            "",
            "plan (\(state.rawValue)):",
            "  summary      \(plan.summary)",
            "  expected     \(plan.expectedCompletion.inOffset(minutes: 480))",
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
