extension TriageRules {
    /// The largest keyword/phrase weight accepted.
    public static let maximumWeight = 10.0

    /// Parses and validates a rules file (UTF-8 JSON).
    ///
    /// The first problem found is thrown with its path within the file, e.g.
    /// `categories[2].department: unknown_value: "plumbing" is not one of: …`.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(TriageRulesError) -> TriageRules where Bytes.Element == UInt8 {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            if error.kind == .duplicateKey {
                throw TriageRulesError(path: error.key, problem: .duplicate, message: "key appears twice in one object (\(error.description))")
            }
            throw TriageRulesError(path: "$", problem: .notJSON, message: error.description)
        }
        return try TriageRules(root: root)
    }

    init(root: JSONValue) throws(TriageRulesError) {
        let top = try RulesReader(root, path: "$", allowedKeys: [
            "version", "description", "scoring", "complaint_severity", "repair_priority", "notify",
            "responsibility_cues", "negation", "categories", "situations",
        ])
        version = try top.string("version")!

        let scoring = try RulesReader(try top.raw("scoring")!, path: "scoring", allowedKeys: ["minimum_score", "hint_weight"])
        minimumScore = try scoring.number("minimum_score", range: 0.01...100)
        hintWeight = try scoring.number("hint_weight", range: 0...TriageRules.maximumWeight)

        let severity = try RulesReader(try top.raw("complaint_severity")!, path: "complaint_severity",
                                       allowedKeys: ["flags", "reported_times", "modifiers"])
        flagRules = []
        for member in try severity.members("flags") {
            let path = severity.at("flags") + "." + member.key
            let flag: IntakeMessage.Flag = try RulesReader.enumeration(.string(member.key), path: path)
            flagRules.append(FlagRule(flag: flag, severity: try RulesReader.enumeration(member.value, path: path)))
        }
        reportedTimesRules = []
        for (index, item) in try severity.array("reported_times").enumerated() {
            let rule = try RulesReader(item, path: severity.at("reported_times") + "[\(index)]", allowedKeys: ["at_least", "severity"])
            reportedTimesRules.append(ReportedTimesRule(
                atLeast: Int(try rule.number("at_least", range: 1...1000)),
                severity: try rule.enumeration("severity")!
            ))
        }
        reportedTimesRules.sort { $0.atLeast > $1.atLeast }
        var ids = Set<String>()
        severityModifiers = []
        for (index, item) in try severity.array("modifiers").enumerated() {
            let rule = try RulesReader(item, path: severity.at("modifiers") + "[\(index)]", allowedKeys: ["id", "severity", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            severityModifiers.append(SeverityModifier(id: id, severity: try rule.enumeration("severity")!, phrases: try rule.strings("phrases")))
        }

        let priority = try RulesReader(try top.raw("repair_priority")!, path: "repair_priority", allowedKeys: ["modifiers"])
        priorityModifiers = []
        for (index, item) in try priority.array("modifiers").enumerated() {
            let rule = try RulesReader(item, path: priority.at("modifiers") + "[\(index)]", allowedKeys: ["id", "priority", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            priorityModifiers.append(PriorityModifier(id: id, priority: try rule.enumeration("priority")!, phrases: try rule.strings("phrases")))
        }

        let notify = try RulesReader(try top.raw("notify")!, path: "notify", allowedKeys: ["complaint", "repair"])
        complaintNotify = [:]
        for member in try notify.members("complaint") {
            let path = notify.at("complaint") + "." + member.key
            let level: ComplaintSeverity = try RulesReader.enumeration(.string(member.key), path: path)
            complaintNotify[level] = try TriageRules.audiences(member.value, path: path)
        }
        repairNotify = [:]
        for member in try notify.members("repair") {
            let path = notify.at("repair") + "." + member.key
            let level: RepairPriority = try RulesReader.enumeration(.string(member.key), path: path)
            repairNotify[level] = try TriageRules.audiences(member.value, path: path)
        }

        responsibilityCues = []
        for (index, item) in try top.array("responsibility_cues").enumerated() {
            let rule = try RulesReader(item, path: "responsibility_cues[\(index)]", allowedKeys: ["id", "responsibility", "weight", "phrases", "note"])
            let id = try TriageRules.uniqueID(rule, &ids)
            responsibilityCues.append(ResponsibilityCue(
                id: id, responsibility: try rule.enumeration("responsibility")!,
                weight: try rule.number("weight", range: 0.01...TriageRules.maximumWeight, default: 1),
                phrases: try rule.strings("phrases")
            ))
        }

        let negation = try RulesReader(try top.raw("negation")!, path: "negation", allowedKeys: ["cues", "scope_breakers", "hedges"])
        negationCues = []
        for (index, item) in try negation.array("cues").enumerated() {
            let cue = try RulesReader(item, path: negation.at("cues") + "[\(index)]", allowedKeys: ["phrase", "closers", "scope", "note"])
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
        for (index, item) in try top.array("situations", required: false, nonEmpty: false).enumerated() {
            situations.append(try TriageRules.situation(item, path: "situations[\(index)]", ids: &situationIDs))
        }

        categories = []
        var codes = Set<String>()
        for (index, item) in try top.array("categories").enumerated() {
            let category = try TriageRules.category(item, path: "categories[\(index)]")
            guard codes.insert(category.code).inserted else {
                throw TriageRulesError(path: "categories[\(index)].code", problem: .duplicate,
                                       message: "category code \"\(category.code)\" is already used by an earlier category")
            }
            categories.append(category)
        }
    }

    private static func uniqueID(_ rule: RulesReader, _ ids: inout Set<String>) throws(TriageRulesError) -> String {
        let id = try rule.string("id")!
        guard ids.insert(id).inserted else {
            throw TriageRulesError(path: rule.at("id"), problem: .duplicate, message: "rule id \"\(id)\" is already used")
        }
        return id
    }

    private static func situation(_ item: JSONValue, path: String, ids: inout Set<String>) throws(TriageRulesError) -> Situation {
        let rule = try RulesReader(item, path: path, allowedKeys: ["id", "priority", "severity", "window", "all_of", "note"])
        let id = try TriageRules.uniqueID(rule, &ids)
        let priority: RepairPriority? = try rule.enumeration("priority", required: false)
        let severity: ComplaintSeverity? = try rule.enumeration("severity", required: false)
        guard (priority == nil) != (severity == nil) else {
            throw TriageRulesError(path: path, problem: .missing, message: "a situation sets exactly one of priority or severity")
        }
        let window = Int(try rule.number("window", range: 1...500, default: 40))
        var groups: [[String]] = []
        for (index, group) in try rule.array("all_of").enumerated() {
            let groupPath = rule.at("all_of") + "[\(index)]"
            guard case .array(let phrases) = group else {
                throw TriageRulesError(path: groupPath, problem: .wrongType, message: "must be an array of phrases, not \(group.typeName)")
            }
            guard !phrases.isEmpty else { throw TriageRulesError(path: groupPath, problem: .empty, message: "must not be empty") }
            var strings: [String] = []
            for (p, phrase) in phrases.enumerated() {
                let text = try RulesReader.string(phrase, path: groupPath + "[\(p)]")
                guard !text.trimmingSpaces.isEmpty else {
                    throw TriageRulesError(path: groupPath + "[\(p)]", problem: .empty, message: "phrase must not be empty")
                }
                strings.append(text)
            }
            groups.append(strings)
        }
        guard groups.count <= 4 else {
            throw TriageRulesError(path: rule.at("all_of"), problem: .outOfRange, message: "at most 4 cue groups")
        }
        return Situation(id: id, priority: priority, severity: severity, window: window, groups: groups)
    }

    private static func audiences(_ value: JSONValue, path: String) throws(TriageRulesError) -> [Audience] {
        guard case .array(let items) = value else {
            throw TriageRulesError(path: path, problem: .wrongType, message: "must be an array, not \(value.typeName)")
        }
        var result: [Audience] = []
        for (index, item) in items.enumerated() {
            let audience: Audience = try RulesReader.enumeration(item, path: path + "[\(index)]")
            if !result.contains(audience) { result.append(audience) }
        }
        return Audience.allCases.filter(result.contains)
    }

    private static func category(_ item: JSONValue, path: String) throws(TriageRulesError) -> Category {
        let rule = try RulesReader(item, path: path, allowedKeys: [
            "code", "name_zh", "name_en", "department", "kinds", "severity", "priority", "responsibility", "keywords", "note",
            "about_staff",
        ])
        let code = try rule.string("code")!
        guard code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw TriageRulesError(path: rule.at("code"), problem: .unknownValue, message: "codes use only a-z, 0-9 and _")
        }
        var kinds: [IntakeMessage.Kind] = []
        for (index, item) in try rule.array("kinds").enumerated() {
            kinds.append(try RulesReader.enumeration(item, path: rule.at("kinds") + "[\(index)]"))
        }
        var keywords: [WeightedPhrase] = []
        let members = try rule.members("keywords")
        guard !members.isEmpty else { throw TriageRulesError(path: rule.at("keywords"), problem: .empty, message: "must not be empty") }
        for member in members {
            let keyPath = rule.at("keywords") + "[\"\(member.key)\"]"
            guard !member.key.trimmingSpaces.isEmpty else {
                throw TriageRulesError(path: keyPath, problem: .empty, message: "keyword must not be empty")
            }
            let weight = try RulesReader.number(member.value, path: keyPath, range: 0.01...TriageRules.maximumWeight)
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
