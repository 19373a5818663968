/// Decides whose staff a complaint is about, so that department or office never learns who
/// complained (seed 001 一.2(4), DOMAIN.md privacy).
///
/// Pure. A complaint accuses an audience when its text or its `complained_about` names that audience's staff
/// (`StaffRoles`), when the intake flagged it as against the director (the management office),
/// or when its category is about a department's own staff (`about_staff` in the rules). Repairs
/// accuse no one. English role words match whole words only, so "guardrail" is no guard.
public struct AccusedStaff: Sendable {
    /// The categories about a department's own staff, with that department.
    public let staffCategories: [String: Department]

    /// Uses the given staff categories.
    public init(staffCategories: [String: Department] = [:]) {
        self.staffCategories = staffCategories
    }

    /// Uses the rules' `about_staff` categories.
    public init(rules: TriageRules) {
        var categories: [String: Department] = [:]
        for category in rules.categories where category.aboutStaff { categories[category.code] = category.department }
        self.init(staffCategories: categories)
    }

    /// The audiences whose staff `report` complains about, sorted; empty for repairs.
    ///
    /// Role words in the text decide first. Only when the text names no one's staff do generic
    /// words ("师傅", "工作人员") accuse the handling department and an `about_staff` category its
    /// own: a "态度差" complaint lands in a customer-service category even when it is about a
    /// technician, and the "师傅" of "保安张师傅" is the guard.
    ///
    /// - Parameters:
    ///   - category: the case's category (after triage or a reassignment).
    ///   - department: the department handling the case, which generic staff words point at.
    public func audiences(of report: IntakeMessage, category: String, department: Department) -> [EventAudience] {
        guard report.kind == .complaint else { return [] }
        var accused: Set<EventAudience> = []
        if report.flags.contains(.againstDirector) { accused.insert(.management) }
        var text: [UInt32] = []
        // `complained_about` names the person or department outright ("前台小王", "保安部"), so its
        // role words accuse just as the text's do; the line break keeps phrases from joining.
        TextNormaliser.normalise(report.complainedAbout.map { report.text + "\n" + $0 } ?? report.text, into: &text)
        var matches: [PhraseMatcher.Match] = []
        let (matcher, owners) = StaffRoles.matcher
        matcher.findAll(in: text, into: &matches)
        var named = false
        var generic = false
        for match in matches {
            let range = (Int(match.end) - Int(matcher.phraseLengths[Int(match.phrase)]))..<Int(match.end)
            guard Self.standsAlone(range, in: text) else { continue }
            if let owner = owners[Int(match.phrase)] {
                accused.insert(owner)
                named = true
            } else {
                generic = true
            }
        }
        guard !named else { return accused.sorted() }
        if generic { accused.insert(EventAudience(department)) }
        if let owner = staffCategories[category] { accused.insert(EventAudience(owner)) }
        return accused.sorted()
    }

    /// The accused audiences of `record` after its category or department changed: everyone
    /// accused before stays accused (the text has not changed, and a console's correction must
    /// never hand a department the contact of someone who complained about it), plus whoever
    /// the new category accuses.
    public func audiences(afterChangeOf record: CaseRecord) -> [EventAudience] {
        let now = audiences(of: record.report, category: record.category, department: record.department)
        return Set(record.accused).union(now).sorted()
    }

    /// Whether a match is not part of a longer English word (CJK phrases always stand alone).
    private static func standsAlone(_ range: Range<Int>, in text: [UInt32]) -> Bool {
        let start = range.lowerBound
        let end = range.upperBound
        if isLatinLetter(text[start]) && start > 0 && isLatinLetter(text[start - 1]) { return false }
        if isLatinLetter(text[end - 1]) && end < text.count && isLatinLetter(text[end]) {
            // A plural or possessive "s" still names the role ("guards", "cleaner's").
            return text[end] == 0x73 && (end + 1 == text.count || !isLatinLetter(text[end + 1]))
        }
        return true
    }

    private static func isLatinLetter(_ value: UInt32) -> Bool {
        (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
    }
}
