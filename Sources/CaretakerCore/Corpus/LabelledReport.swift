/// One report of the labelled corpus: an intake message and the decisions a careful supervisor
/// would make for it (`corpus/*.jsonl`, one JSON object per line:
/// `{"id", "note", "intake": {…contract v1…}, "expect": {"department", "severity" | "priority", "responsibility"?}}`).
public struct LabelledReport: Sendable {
    /// The corpus id, e.g. `ta-0042`.
    public var id: String
    /// The message as the hotline publishes it.
    public var message: IntakeMessage
    /// The department that must act.
    public var department: Department
    /// The complaint severity or repair priority.
    public var level: String
    /// Who pays, for repairs that say so.
    public var responsibility: RepairResponsibility?
    /// The writer's note on the report.
    public var note: String

    /// The labels per model head, for training.
    public var labels: [TriageModel.Head: String] {
        var labels: [TriageModel.Head: String] = [.department: department.rawValue]
        labels[message.kind == .complaint ? .severity : .priority] = level
        if let responsibility { labels[.responsibility] = responsibility.rawValue }
        return labels
    }

    /// Parses a JSON Lines corpus; blank lines are skipped.
    ///
    /// Throws on the first invalid line with its number and the field at fault.
    public static func parseLines<Bytes: Collection>(_ bytes: Bytes) throws(LabelledReportError) -> [LabelledReport] where Bytes.Element == UInt8 {
        var reports: [LabelledReport] = []
        var line = 0
        var current: [UInt8] = []
        func flush() throws(LabelledReportError) {
            line += 1
            defer { current.removeAll(keepingCapacity: true) }
            guard current.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return }
            reports.append(try parse(current, line: line))
        }
        for byte in bytes {
            if byte == 0x0A { try flush() } else { current.append(byte) }
        }
        try flush()
        return reports
    }

    static func parse(_ bytes: [UInt8], line: Int) throws(LabelledReportError) -> LabelledReport {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw LabelledReportError(line: line, field: "", message: "not JSON: \(error.description)")
        }
        guard case .string(let id)? = value["id"] else { throw LabelledReportError(line: line, field: "id", message: "missing or not a string") }
        guard let intake = value["intake"] else { throw LabelledReportError(line: line, field: "intake", message: "missing") }
        let message: IntakeMessage
        do {
            message = try IntakeMessage.decode(object: intake)
        } catch {
            throw LabelledReportError(line: line, field: "intake." + error.field, message: error.message)
        }
        guard let expect = value["expect"] else { throw LabelledReportError(line: line, field: "expect", message: "missing") }
        guard case .string(let departmentName)? = expect["department"], let department = Department(rawValue: departmentName) else {
            throw LabelledReportError(line: line, field: "expect.department", message: "missing or not one of \(Department.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let level: String
        switch message.kind {
        case .complaint:
            guard case .string(let s)? = expect["severity"], ComplaintSeverity(rawValue: s) != nil else {
                throw LabelledReportError(line: line, field: "expect.severity", message: "a complaint needs minor, important or major")
            }
            level = s
        case .repair:
            guard case .string(let p)? = expect["priority"], RepairPriority(rawValue: p) != nil else {
                throw LabelledReportError(line: line, field: "expect.priority", message: "a repair needs urgent, small, general or major")
            }
            level = p
        }
        var responsibility: RepairResponsibility?
        if case .string(let r)? = expect["responsibility"] {
            guard let parsed = RepairResponsibility(rawValue: r) else {
                throw LabelledReportError(line: line, field: "expect.responsibility", message: "not one of paid, free, developer, unknown")
            }
            responsibility = parsed
        }
        var note = ""
        if case .string(let n)? = value["note"] { note = n }
        return LabelledReport(id: id, message: message, department: department, level: level, responsibility: responsibility, note: note)
    }
}

/// A corpus line that cannot be read: its number, the field and what is wrong.
public struct LabelledReportError: Error, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// The field at fault (`expect.priority`, `intake.text`), empty for the whole line.
    public var field: String
    /// What is wrong.
    public var message: String

    /// `line N: FIELD: MESSAGE`.
    public var description: String {
        field.isEmpty ? "line \(line): \(message)" : "line \(line): \(field): \(message)"
    }
}
