/// Rules compiled into one phrase automaton; classifies intake messages without I/O or shared state.
///
/// Build one per rules file (compilation takes milliseconds) and share it: it is immutable and
/// `Sendable`. For the hot path pass a reused `TriageScratch` to avoid per-call buffer allocation.
public struct TriageClassifier: Sendable {
    /// What one phrase occurrence is evidence of.
    enum Use: Sendable {
        case keyword(category: Int32, weight: Double)
        case severity(modifier: Int32)
        case priority(modifier: Int32)
        case responsibility(cue: Int32)
        case situation(situation: Int32, group: Int32)
        case negation(cue: Int32)
        case closer(cue: Int32)
        case breaker
        case hedge
    }

    /// The rules this classifier was compiled from.
    public let rules: TriageRules
    /// The statistical model beside the rules, or `nil` for rules only.
    public let model: TriageModel?
    let matcher: PhraseMatcher
    /// The normalised text of each phrase, for reasons.
    let phraseText: [String]
    /// What each phrase is evidence of.
    let uses: [[Use]]
    /// Category indices by normalised code or name, for `category_hint`.
    let hintIndex: [String: Int32]
    /// Whether each phrase starts / ends with an ASCII letter or digit and so must match whole words.
    let wordBoundaryLeft: [Bool]
    let wordBoundaryRight: [Bool]
    /// Whether each category applies to complaints / repairs.
    let appliesToComplaint: [Bool]
    let appliesToRepair: [Bool]
    /// Severity forced by each flag.
    let flagSeverity: [IntakeMessage.Flag: ComplaintSeverity]

    /// Compiles `rules`, to be combined with `model` when one is given.
    public init(rules: TriageRules, model: TriageModel? = nil) {
        self.rules = rules
        self.model = model
        var index: [String: Int] = [:]
        var texts: [String] = []
        var scalars: [[UInt32]] = []
        var uses: [[Use]] = []
        func add(_ phrase: String, _ use: Use) {
            let folded = TextNormaliser.normalised(String(phrase.trimmingSpaces))
            guard !folded.isEmpty else { return }
            if let existing = index[folded] {
                uses[existing].append(use)
            } else {
                index[folded] = texts.count
                texts.append(folded)
                scalars.append(folded.unicodeScalars.map(\.value))
                uses.append([use])
            }
        }
        var hints: [String: Int32] = [:]
        for (c, category) in rules.categories.enumerated() {
            for keyword in category.keywords {
                add(keyword.phrase, .keyword(category: Int32(c), weight: keyword.weight))
            }
            for name in [category.code, category.nameZh, category.nameEn] {
                let key = TextNormaliser.normalised(name)
                if hints[key] == nil { hints[key] = Int32(c) }
            }
        }
        for (m, modifier) in rules.severityModifiers.enumerated() {
            for phrase in modifier.phrases { add(phrase, .severity(modifier: Int32(m))) }
        }
        for (m, modifier) in rules.priorityModifiers.enumerated() {
            for phrase in modifier.phrases { add(phrase, .priority(modifier: Int32(m))) }
        }
        for (r, cue) in rules.responsibilityCues.enumerated() {
            for phrase in cue.phrases { add(phrase, .responsibility(cue: Int32(r))) }
        }
        for (n, situation) in rules.situations.enumerated() {
            for (g, group) in situation.groups.enumerated() {
                for phrase in group { add(phrase, .situation(situation: Int32(n), group: Int32(g))) }
            }
        }
        for (n, cue) in rules.negationCues.enumerated() {
            add(cue.phrase, .negation(cue: Int32(n)))
            for closer in cue.closers { add(closer, .closer(cue: Int32(n))) }
        }
        for breaker in rules.scopeBreakers { add(breaker, .breaker) }
        for hedge in rules.hedges { add(hedge, .hedge) }

        matcher = PhraseMatcher(phrases: scalars)
        wordBoundaryLeft = scalars.map { TriageClassifier.isWordScalar($0.first ?? 0) }
        wordBoundaryRight = scalars.map { TriageClassifier.isWordScalar($0.last ?? 0) }
        phraseText = texts
        self.uses = uses
        hintIndex = hints
        appliesToComplaint = rules.categories.map { $0.kinds.contains(.complaint) }
        appliesToRepair = rules.categories.map { $0.kinds.contains(.repair) }
        var flags: [IntakeMessage.Flag: ComplaintSeverity] = [:]
        for rule in rules.flagRules { flags[rule.flag] = max(flags[rule.flag] ?? .minor, rule.severity) }
        flagSeverity = flags
    }

    /// Number of distinct phrases in the automaton.
    public var phraseCount: Int { phraseText.count }
}
