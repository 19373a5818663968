/// What the rules found explicit evidence for, as opposed to a category's default, so the model
/// fusion can weigh the two differently.
struct RuleEvidence {
    /// The department of the best matching category, or `nil` when none matched.
    var department: Department?
    /// The severity or priority a modifier, flag or situation set, or `nil`.
    var level: String?
    /// Whether `level` is a hard override the model cannot lower: an urgent situation or
    /// modifier for repairs (safety), or a major flag / `reported_times` for complaints.
    var levelIsSafety = false
    /// Whether every urgent cue behind `level` is hedged (feared, not happening): the model
    /// weighs it like any other level evidence.
    var levelIsFeared = false
    /// The responsibility location cues pointed to, or `nil` when it came from a default.
    var responsibility: RepairResponsibility?
}
