/// A console's correction of a triage decision (a `reassign` command), with the decision it
/// corrected, for `caretaker triage review`.
public struct TriageCorrection: Sendable, Equatable {
    /// The case number.
    public var caseNumber: String
    /// Complaint or repair.
    public var kind: String
    /// When the console corrected it.
    public var at: RFC3339Timestamp
    /// The department the console moved the case to.
    public var toDepartment: String
    /// The category the console named, if any.
    public var toCategory: String?
    /// The console's reason (free text written by staff, not by the resident).
    public var reason: String
    /// The reasons the triage gave when the case was created.
    public var triageReasons: [String]
    /// The rules version that decided.
    public var rulesVersion: String

    /// Creates a correction.
    public init(caseNumber: String, kind: String, at: RFC3339Timestamp, toDepartment: String, toCategory: String?,
                reason: String, triageReasons: [String], rulesVersion: String) {
        self.caseNumber = caseNumber
        self.kind = kind
        self.at = at
        self.toDepartment = toDepartment
        self.toCategory = toCategory
        self.reason = reason
        self.triageReasons = triageReasons
        self.rulesVersion = rulesVersion
    }

    /// The decision that was wrong, as the id of what decided the department: `model.department`
    /// when the model overrode the rules or decided alone, `model.low_confidence` when it sent the
    /// case to customer service, else the rules' `category.<code>` or `unclassified`.
    public var wrongDecision: String {
        if triageReasons.contains(where: { $0.hasPrefix("model.low_confidence") }) { return "model.low_confidence" }
        if triageReasons.contains(where: { $0.hasPrefix("model.department:") && $0.contains("over the rules") }) {
            return "model.department"
        }
        guard let first = triageReasons.first else { return "unknown" }
        let id = first.prefix { $0 != ":" }
        return id.hasPrefix("unclassified") && triageReasons.contains(where: { $0.hasPrefix("model.department:") })
            ? "model.department" : String(id)
    }

    /// The department the triage chose, read from its reasons.
    public var fromDepartment: String {
        for reason in triageReasons where reason.hasPrefix("model.department: ") {
            return String(reason.dropFirst("model.department: ".count).prefix { $0 != " " })
        }
        if let first = triageReasons.first, first.contains("→"), let tail = first.split(separator: "→").last {
            return String(tail.drop { $0 == " " }.prefix { $0 != " " && $0 != "," })
        }
        return "unknown"
    }

    /// Corrections grouped by `wrongDecision`, largest group first (ties by id).
    public static func grouped(_ corrections: [TriageCorrection]) -> [(decision: String, corrections: [TriageCorrection])] {
        var groups: [String: [TriageCorrection]] = [:]
        for correction in corrections { groups[correction.wrongDecision, default: []].append(correction) }
        return groups.map { ($0.key, $0.value) }.sorted { $0.1.count > $1.1.count || ($0.1.count == $1.1.count && $0.0 < $1.0) }
    }
}
