extension TriageRules {
    /// The largest keyword/phrase weight accepted.
    public static let maximumWeight = 10.0

    /// Parses and validates a rules file (UTF-8 JSON).
    ///
    /// The first problem found is thrown with its path within the file, e.g.
    /// `categories[2].department: unknown_value: "plumbing" is not one of: …`.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(TriageRulesError) -> TriageRules where Bytes.Element == UInt8 {
        let root = try DataFileError.parseJSON(bytes)
        return try TriageRules(root: root)
    }

    init(root: JSONValue) throws(TriageRulesError) {
        let top = try DataFileReader(root).object(allowedKeys: [
            "version", "description", "scoring", "complaint_severity", "repair_priority", "notify",
            "responsibility_cues", "negation", "categories", "situations",
        ])
        version = try top.string("version")!

        let scoring = try top.object("scoring", allowedKeys: ["minimum_score", "hint_weight"])
        minimumScore = try scoring.number("minimum_score", range: 0.01...100)
        hintWeight = try scoring.number("hint_weight", range: 0...TriageRules.maximumWeight)

        let severity = try top.object("complaint_severity", allowedKeys: ["flags", "reported_times", "modifiers"])
        flagRules = []
        for member in try severity.members("flags") {
            let flag: IntakeMessage.Flag = try DataFileReader(.string(member.key), path: member.value.path).enumeration()
            flagRules.append(FlagRule(flag: flag, severity: try member.value.enumeration()))
        }
        reportedTimesRules = []
        for item in try severity.items("reported_times") {
            let rule = try item.object(allowedKeys: ["at_least", "severity"])
            reportedTimesRules.append(ReportedTimesRule(
                atLeast: Int(try rule.number("at_least", range: 1...1000)),
                severity: try rule.enumeration("severity")!
            ))
        }
        reportedTimesRules.sort { $0.atLeast > $1.atLeast }
        var ids = Set<String>()
        severityModifiers = []
        for item in try severity.items("modifiers") {
            let rule = try item.object(allowedKeys: ["id", "severity", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            severityModifiers.append(SeverityModifier(id: id, severity: try rule.enumeration("severity")!, phrases: try rule.strings("phrases")))
        }

        let priority = try top.object("repair_priority", allowedKeys: ["modifiers"])
        priorityModifiers = []
        for item in try priority.items("modifiers") {
            let rule = try item.object(allowedKeys: ["id", "priority", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            priorityModifiers.append(PriorityModifier(id: id, priority: try rule.enumeration("priority")!, phrases: try rule.strings("phrases")))
        }

        let notify = try top.object("notify", allowedKeys: ["complaint", "repair"])
        complaintNotify = [:]
        for member in try notify.members("complaint") {
            let level: ComplaintSeverity = try DataFileReader(.string(member.key), path: member.value.path).enumeration()
            complaintNotify[level] = try TriageRules.audiences(member.value)
        }
        repairNotify = [:]
        for member in try notify.members("repair") {
            let level: RepairPriority = try DataFileReader(.string(member.key), path: member.value.path).enumeration()
            repairNotify[level] = try TriageRules.audiences(member.value)
        }

        responsibilityCues = []
        for item in try top.items("responsibility_cues") {
            let rule = try item.object(allowedKeys: ["id", "responsibility", "weight", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            responsibilityCues.append(ResponsibilityCue(
                id: id, responsibility: try rule.enumeration("responsibility")!,
                weight: try rule.number("weight", range: 0.01...TriageRules.maximumWeight, default: 1),
                phrases: try rule.strings("phrases")
            ))
        }

        let negation = try top.object("negation", allowedKeys: ["cues", "scope_breakers", "hedges"])
        negationCues = []
        for item in try negation.items("cues") {
            let cue = try item.object(allowedKeys: ["phrase", "closers", "scope", "note"])
            let scope = try cue.string("scope", required: false) ?? "following"
            guard scope == "following" || scope == "clause" else {
                throw TriageRulesError(path: cue.at("scope"), problem: .unknownValue, message: "\"\(scope)\" is not one of: following, clause")
            }
            negationCues.append(NegationCue(phrase: try cue.string("phrase")!, closers: try cue.strings("closers", required: false),
                                            wholeClause: scope == "clause"))
        }
        scopeBreakers = try negation.strings("scope_breakers", required: false, nonEmpty: false)
        hedges = try negation.strings("hedges", required: false, nonEmpty: false)

        situations = []
        var situationIDs = Set<String>()
        for item in try top.items("situations", required: false, nonEmpty: false) {
            situations.append(try TriageRules.situation(item, ids: &situationIDs))
        }

        categories = []
        var codes = Set<String>()
        for item in try top.items("categories") {
            let category = try TriageRules.category(item)
            guard codes.insert(category.code).inserted else {
                throw TriageRulesError(path: item.at("code"), problem: .duplicate,
                                       message: "category code \"\(category.code)\" is already used by an earlier category")
            }
            categories.append(category)
        }
    }

    private static func uniqueID(_ rule: DataFileReader, _ ids: inout Set<String>) throws(TriageRulesError) -> String {
        let id = try rule.string("id")!
        guard ids.insert(id).inserted else {
            throw TriageRulesError(path: rule.at("id"), problem: .duplicate, message: "rule id \"\(id)\" is already used")
        }
        return id
    }

    private static func situation(_ item: DataFileReader, ids: inout Set<String>) throws(TriageRulesError) -> Situation {
        let rule = try item.object(allowedKeys: ["id", "priority", "severity", "window", "all_of", "note"])
        let id = try TriageRules.uniqueID(rule, &ids)
        let priority: RepairPriority? = try rule.enumeration("priority", required: false)
        let severity: ComplaintSeverity? = try rule.enumeration("severity", required: false)
        guard (priority == nil) != (severity == nil) else {
            throw TriageRulesError(path: rule.path, problem: .missing, message: "a situation sets exactly one of priority or severity")
        }
        let window = Int(try rule.number("window", range: 1...500, default: 40))
        var groups: [[String]] = []
        for group in try rule.items("all_of") {
            guard case .array = group.value else {
                throw TriageRulesError(path: group.path, problem: .wrongType, message: "must be an array of phrases, not \(group.value.typeName)")
            }
            var strings: [String] = []
            for phrase in try group.items(nonEmpty: true) {
                strings.append(try phrase.string())
            }
            groups.append(strings)
        }
        guard groups.count <= 4 else {
            throw TriageRulesError(path: rule.at("all_of"), problem: .outOfRange, message: "at most 4 cue groups")
        }
        return Situation(id: id, priority: priority, severity: severity, window: window, groups: groups)
    }

    private static func audiences(_ list: DataFileReader) throws(TriageRulesError) -> [Audience] {
        var result: [Audience] = []
        for item in try list.items() {
            let audience: Audience = try item.enumeration()
            if !result.contains(audience) { result.append(audience) }
        }
        return Audience.allCases.filter(result.contains)
    }

    private static func category(_ item: DataFileReader) throws(TriageRulesError) -> Category {
        let rule = try item.object(allowedKeys: [
            "code", "name_zh", "name_en", "department", "kinds", "severity", "priority", "responsibility", "keywords", "note",
            "about_staff",
        ])
        let code = try rule.string("code")!
        guard code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw TriageRulesError(path: rule.at("code"), problem: .unknownValue, message: "codes use only a-z, 0-9 and _")
        }
        var kinds: [IntakeMessage.Kind] = []
        for kind in try rule.items("kinds") {
            kinds.append(try kind.enumeration())
        }
        var keywords: [WeightedPhrase] = []
        let members = try rule.members("keywords")
        guard !members.isEmpty else { throw TriageRulesError(path: rule.at("keywords"), problem: .empty, message: "must not be empty") }
        for member in members {
            let keyPath = rule.at("keywords") + "[\"\(member.key)\"]"
            guard !member.key.trimmingSpaces.isEmpty else {
                throw TriageRulesError(path: keyPath, problem: .empty, message: "keyword must not be empty")
            }
            let weight = try DataFileReader(member.value.value, path: keyPath).number(in: 0.01...TriageRules.maximumWeight)
            keywords.append(WeightedPhrase(phrase: member.key, weight: weight))
        }
        return Category(
            code: code, nameZh: try rule.string("name_zh")!, nameEn: try rule.string("name_en")!,
            department: try rule.enumeration("department")!, kinds: kinds,
            severity: try rule.enumeration("severity")!, priority: try rule.enumeration("priority")!,
            responsibility: try rule.enumeration("responsibility", required: false),
            keywords: keywords,
            aboutStaff: try rule.bool("about_staff", default: false)
        )
    }
}
