/// The triage rules as data: categories with weighted phrases, modifiers, cues and negation.
///
/// Loaded from `config/triage-rules.json` with `TriageRules.parse(_:)`, which validates every
/// entry; compiled into a fast matcher by `TriageClassifier`. Every key is documented in
/// docs/triage.md.
public struct TriageRules: Sendable, Equatable {
    /// A phrase and how much evidence one occurrence adds.
    public struct WeightedPhrase: Sendable, Equatable {
        /// The phrase, matched after normalisation (Traditional→Simplified, full-width→ASCII, lower-case).
        public var phrase: String
        /// Evidence weight, 0 < weight ≤ 10.
        public var weight: Double

        /// Creates a weighted phrase.
        public init(phrase: String, weight: Double) {
            self.phrase = phrase
            self.weight = weight
        }
    }

    /// A topic a report can be about, owned by one department.
    public struct Category: Sendable, Equatable {
        /// Stable code reported in decisions, e.g. `water_leak`.
        public var code: String
        /// Chinese name.
        public var nameZh: String
        /// English name.
        public var nameEn: String
        /// The department that owns the topic.
        public var department: Department
        /// The kinds of report this category applies to.
        public var kinds: [IntakeMessage.Kind]
        /// Complaint severity when no modifier raises it.
        public var severity: ComplaintSeverity
        /// Repair priority when no modifier raises it.
        public var priority: RepairPriority
        /// Responsibility when the text has no location cue, or `nil` to leave it `unknown`.
        public var responsibility: RepairResponsibility?
        /// Phrases that are evidence for this category.
        public var keywords: [WeightedPhrase]
        /// Whether the category is a complaint about the owning department's own staff, so that
        /// department's console must not see who complained.
        public var aboutStaff: Bool = false
    }

    /// Phrases that raise a complaint's severity to at least `severity`.
    public struct SeverityModifier: Sendable, Equatable {
        /// Rule id shown in reasons.
        public var id: String
        /// The minimum severity when a phrase matches.
        public var severity: ComplaintSeverity
        /// The phrases.
        public var phrases: [String]
    }

    /// Phrases that raise a repair's priority to at least `priority`.
    public struct PriorityModifier: Sendable, Equatable {
        /// Rule id shown in reasons.
        public var id: String
        /// The minimum priority when a phrase matches.
        public var priority: RepairPriority
        /// The phrases.
        public var phrases: [String]
    }

    /// Phrases that say where a repair is, and so who pays.
    public struct ResponsibilityCue: Sendable, Equatable {
        /// Rule id shown in reasons.
        public var id: String
        /// The responsibility the phrases point to.
        public var responsibility: RepairResponsibility
        /// Evidence per matching phrase; the responsibility with most evidence wins.
        public var weight: Double
        /// The phrases.
        public var phrases: [String]
    }

    /// A denial (不是, 并非, not a) that cancels the matches that follow it in the same clause.
    public struct NegationCue: Sendable, Equatable {
        /// The denial phrase.
        public var phrase: String
        /// If non-empty, the cue only negates up to (and including) one of these phrases later in
        /// the clause (e.g. 没有 … 问题); without one the cue does nothing.
        public var closers: [String]
        /// If true the cue cancels every match in its clause, before and after it, up to scope
        /// breakers (praise or disclaimers: 挺好的, 没关系).
        public var wholeClause: Bool
    }

    /// Severity that an intake flag forces on a complaint.
    public struct FlagRule: Sendable, Equatable {
        /// The flag.
        public var flag: IntakeMessage.Flag
        /// The minimum severity.
        public var severity: ComplaintSeverity
    }

    /// Severity forced by `reported_times` ≥ `atLeast`.
    public struct ReportedTimesRule: Sendable, Equatable {
        /// The threshold.
        public var atLeast: Int
        /// The minimum severity.
        public var severity: ComplaintSeverity
    }

    /// Identifies this rule set in every decision (`rules_version`).
    public var version: String
    /// The least category score that counts as a match.
    public var minimumScore: Double
    /// Score added to a category named by the call taker's `category_hint`.
    public var hintWeight: Double
    /// The topics.
    public var categories: [Category]
    /// Complaint severity phrases.
    public var severityModifiers: [SeverityModifier]
    /// Repair priority phrases.
    public var priorityModifiers: [PriorityModifier]
    /// Situations decided from combined cues (object, state, who is at risk).
    public var situations: [Situation] = []
    /// Repair location phrases.
    public var responsibilityCues: [ResponsibilityCue]
    /// Denials.
    public var negationCues: [NegationCue]
    /// Phrases that end a denial's reach early (而是, but).
    public var scopeBreakers: [String]
    /// Phrases of fear or a near miss (怕, 担心, 万一, 差点, in case): an urgent situation or
    /// modifier whose cues share a clause with one is a danger feared, not happening, so it does
    /// not force `urgent` on its own; the model weighs it (and still makes it urgent when unsure).
    public var hedges: [String] = []
    /// Flags that force a complaint severity.
    public var flagRules: [FlagRule]
    /// `reported_times` thresholds, checked highest first.
    public var reportedTimesRules: [ReportedTimesRule]
    /// Extra audiences per complaint severity.
    public var complaintNotify: [ComplaintSeverity: [Audience]]
    /// Extra audiences per repair priority.
    public var repairNotify: [RepairPriority: [Audience]]
}
