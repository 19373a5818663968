/// Accuracy of a classifier on labelled reports: per field, a confusion matrix per field and
/// every miss with the decision's reasons (`caretaker triage eval`, the corpus tests).
public struct TriageEvaluation: Sendable {
    /// The fields scored.
    public enum Field: String, Sendable, CaseIterable {
        /// The department that must act.
        case department
        /// Complaint severity and repair priority together.
        case level = "severity/priority"
        /// Repair responsibility, where labelled.
        case responsibility
    }

    /// One wrong answer.
    public struct Miss: Sendable {
        /// The report's id.
        public var id: String
        /// The field.
        public var field: Field
        /// The label.
        public var expected: String
        /// The decision.
        public var got: String
        /// The decision's reasons.
        public var reasons: [String]
        /// The report's text (for the people who tune; never logged).
        public var text: String
    }

    /// Reports scored per field.
    public private(set) var totals: [Field: Int] = [:]
    /// Right answers per field.
    public private(set) var hits: [Field: Int] = [:]
    /// `confusion[field][expected][got]`.
    public private(set) var confusion: [Field: [String: [String: Int]]] = [:]
    /// Every miss, in corpus order.
    public private(set) var misses: [Miss] = []
    /// Urgent repairs labelled, and how many came out urgent.
    public private(set) var urgentLabelled = 0
    /// Urgent repairs that came out urgent.
    public private(set) var urgentFound = 0

    /// Scores `classifier` on `reports`.
    public init(classifier: TriageClassifier, reports: [LabelledReport]) {
        var scratch = TriageScratch()
        for report in reports {
            let decision = classifier.classify(report.message, scratch: &scratch)
            score(.department, report.department.rawValue, decision.department.rawValue, report, decision)
            let level = decision.severity?.rawValue ?? decision.priority?.rawValue ?? ""
            score(.level, report.level, level, report, decision)
            if let responsibility = report.responsibility {
                score(.responsibility, responsibility.rawValue, decision.responsibility?.rawValue ?? "none", report, decision)
            }
            if report.message.kind == .repair, report.level == RepairPriority.urgent.rawValue {
                urgentLabelled += 1
                if decision.priority == .urgent { urgentFound += 1 }
            }
        }
    }

    private mutating func score(_ field: Field, _ expected: String, _ got: String, _ report: LabelledReport, _ decision: TriageDecision) {
        totals[field, default: 0] += 1
        confusion[field, default: [:]][expected, default: [:]][got, default: 0] += 1
        if expected == got {
            hits[field, default: 0] += 1
        } else {
            misses.append(Miss(id: report.id, field: field, expected: expected, got: got, reasons: decision.reasons, text: report.message.text))
        }
    }

    /// Share of right answers for `field` (0 when nothing was scored).
    public func accuracy(_ field: Field) -> Double {
        Double(hits[field, default: 0]) / Double(max(totals[field, default: 0], 1))
    }

    /// Share of urgent repairs that came out urgent (1 when none was labelled).
    public var urgentRecall: Double {
        urgentLabelled == 0 ? 1 : Double(urgentFound) / Double(urgentLabelled)
    }

    /// The figures as text: accuracy per field, urgent recall and each confusion matrix.
    public func summary() -> String {
        var out = ""
        for field in Field.allCases where totals[field, default: 0] > 0 {
            out += "\(field.rawValue): \(hits[field, default: 0])/\(totals[field, default: 0]) = \(TriageEvaluation.percent(accuracy(field)))\n"
        }
        out += "urgent recall: \(urgentFound)/\(urgentLabelled) = \(TriageEvaluation.percent(urgentRecall))\n"
        for field in Field.allCases {
            guard let matrix = confusion[field] else { continue }
            let labels = Array(Set(matrix.keys).union(matrix.values.flatMap(\.keys))).sorted()
            out += "\nconfusion \(field.rawValue) (rows expected, columns got):\n"
            out += TriageEvaluation.pad("", 17) + labels.map { TriageEvaluation.pad(String($0.prefix(10)), 11) }.joined() + "\n"
            for expected in labels where matrix[expected] != nil {
                out += TriageEvaluation.pad(expected, 17)
                out += labels.map { TriageEvaluation.pad(String(matrix[expected]?[$0] ?? 0), 11) }.joined() + "\n"
            }
        }
        return out
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
