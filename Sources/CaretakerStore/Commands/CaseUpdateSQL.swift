import CaretakerCore
import Postgres

/// Writes an accepted command's effect on a case row inside the caller's transaction.
enum CaseUpdateSQL {
    /// Stores `record`'s state, routing (with whom it accuses), counters, feedback date and
    /// complaint decisions (validity, other body, cause analysed); sets `satisfaction` when
    /// given (a follow-up), `closed_at` (cleared again by a reopening) and `updated_at`.
    static func update(_ record: CaseRecord, satisfaction: Int?, closedAt: RFC3339Timestamp?, now: RFC3339Timestamp,
                       in transaction: PostgresTransaction) async throws {
        let updated = try await transaction.execute("""
            UPDATE cases SET
                state = \(record.state.rawValue),
                department = \(record.department.rawValue),
                category = \(record.category),
                priority = \(record.priority?.rawValue),
                needs_triage = \(record.needsTriage),
                accused = \(record.accused.map(\.rawValue)),
                about_own_staff = \(!record.accused.isEmpty),
                postponements = \(record.postponements),
                reopenings = \(record.reopenings),
                promised_feedback_at = \(record.report.promisedFeedbackAt?.description)::timestamptz,
                appointment_at = \(record.report.appointmentAt?.description)::timestamptz,
                validity = \(record.validity?.rawValue),
                other_body = \(record.otherBody?.rawValue),
                cause_analysed = \(record.causeAnalysed),
                meeting_held = \(record.meetingHeld),
                quote_price_fen = \(record.quote?.priceFen)::bigint,
                quote_materials = \(record.quote?.materials),
                quote_state = \(record.quoteState.rawValue),
                fee_fen = \(record.feeFen)::bigint,
                receipt_number = \(record.receiptNumber),
                dispute_open = \(record.disputeOpen),
                plan_summary = \(record.plan?.summary),
                plan_expected_at = \(record.plan?.expectedCompletion.description)::timestamptz,
                plan_state = \(record.planState.rawValue),
                plan_approvals = \(record.planApprovals.sorted().map(\.rawValue)),
                notify = \(record.notify.map(\.rawValue)),
                satisfaction = coalesce(\(satisfaction)::smallint, satisfaction),
                closed_at = \(closedAt?.description)::timestamptz,
                updated_at = \(now.description)::timestamptz
            WHERE case_id = \(record.caseID)::uuid
            """)
        guard updated == 1 else {
            throw PostgresError(kind: .usage, code: .misuse, table: "cases",
                                reason: "the locked case row was not updated (\(updated) rows)")
        }
    }
}
