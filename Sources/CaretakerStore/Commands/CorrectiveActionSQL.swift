import CaretakerCore
import Postgres

/// Keeps a complaint's corrective actions in `corrective_actions`: `correct` adds the next one,
/// `verify_correction` records the verdict on the open one (at most one is open per case).
enum CorrectiveActionSQL {
    /// Records what `command` does to the corrective actions of case `caseID`, if anything.
    static func record(_ command: ConsoleCommand, caseID: String, in transaction: PostgresTransaction) async throws {
        switch command.action {
        case .correct(let correction):
            try await transaction.execute("""
                INSERT INTO corrective_actions (case_id, seq, action, owner, due_at, recorded_at, recorded_by, command_id)
                SELECT \(caseID)::uuid, coalesce(max(seq), 0) + 1, \(correction.action), \(correction.owner),
                       \(correction.dueAt.description)::timestamptz, \(command.at.description)::timestamptz,
                       \(command.actor.id), \(command.commandID)
                FROM corrective_actions WHERE case_id = \(caseID)::uuid
                """)
        case .verifyCorrection(let verdict, _):
            let updated = try await transaction.execute("""
                UPDATE corrective_actions
                SET verified_at = \(command.at.description)::timestamptz, verified_by = \(command.actor.id),
                    verdict = \(verdict.rawValue)
                WHERE case_id = \(caseID)::uuid AND verified_at IS NULL
                """)
            guard updated == 1 else {
                throw PostgresError(kind: .usage, code: .misuse, table: "corrective_actions",
                                    reason: "no open corrective action to verify (\(updated) rows)")
            }
        default:
            break
        }
    }
}
