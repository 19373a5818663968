/// A corrective action (纠正措施) recorded for a valid complaint with `correct`: what is done,
/// who answers for it and by when; verified with `verify_correction` by its due date
/// (seed 004 第4篇 5.3–5.4).
public struct CorrectiveAction: Sendable, Equatable {
    /// What will be done.
    public var action: String
    /// Who answers for it (a name or role, as the office writes it on the form).
    public var owner: String
    /// When it must be done and checked.
    public var dueAt: RFC3339Timestamp

    /// Creates a corrective action.
    public init(action: String, owner: String, dueAt: RFC3339Timestamp) {
        self.action = action
        self.owner = owner
        self.dueAt = dueAt
    }
}

/// What `verify_correction` found.
public enum CorrectionVerdict: String, Sendable, CaseIterable {
    /// The corrective action was carried out and worked.
    case effective
    /// It was not carried out or did not work: record a new corrective action.
    case ineffective
}
