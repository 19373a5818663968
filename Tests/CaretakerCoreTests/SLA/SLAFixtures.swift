import CaretakerCore
import Foundation

/// The shipped SLA policy and calendars, and small builders for cases and times.
enum SLAFixtures {
    static func bytes(_ relativePath: String) -> Data {
        let url = TestRules.repositoryRoot.appendingPathComponent(relativePath)
        guard let data = try? Data(contentsOf: url) else { fatalError("cannot read \(url.path)") }
        return data
    }

    static let policyBytes = bytes("config/sla-policy.json")
    static let calendarBytes = bytes("config/calendars/cn-2026.json")

    static let policy: SLAPolicy = {
        do { return try SLAPolicy.parse(policyBytes) } catch { fatalError("config/sla-policy.json is invalid: \(error)") }
    }()

    static let calendar2026: WorkingCalendar = {
        do { return try WorkingCalendar.parse(calendarBytes) } catch { fatalError("cn-2026.json is invalid: \(error)") }
    }()

    static let calendars: CalendarSet = {
        do { return try CalendarSet([calendar2026]) } catch { fatalError("\(error)") }
    }()

    static let planner = TimerPlanner(policy: policy, calendars: calendars)

    /// An instant written `YYYY-MM-DDTHH:MM:SS+08:00` (or any RFC 3339 text).
    static func time(_ text: String) -> RFC3339Timestamp {
        let full = text.count == 19 ? text + "+08:00" : text
        guard let parsed = RFC3339Timestamp(full) else { fatalError("bad time \(text)") }
        return parsed
    }

    static func date(_ text: String) -> CivilDate {
        guard let parsed = CivilDate(text) else { fatalError("bad date \(text)") }
        return parsed
    }

    /// A case with the given facts and defaults for the rest.
    static func record(
        _ kind: IntakeMessage.Kind, state: CaseState? = nil, severity: ComplaintSeverity? = nil,
        priority: RepairPriority? = nil, department: Department = .engineering,
        receivedAt: String = "2026-03-02T09:00:00", promised: String? = nil
    ) -> CaseRecord {
        let report = IntakeMessage(
            messageID: "m-1", kind: kind, text: "楼道灯坏了", receivedAt: time(receivedAt), channel: .hotline,
            resident: .init(name: "李女士", phone: "13900000000", unit: "3-2-1201"),
            promisedFeedbackAt: promised.map(time))
        return CaseRecord(
            caseID: "c1", caseNumber: "BX-20260302-000001", correlationID: "m-1", kind: kind,
            state: state ?? CaseState.initial(for: kind), department: department, category: "lighting",
            secondaryCategories: [], severity: kind == .complaint ? (severity ?? .important) : nil,
            priority: kind == .repair ? (priority ?? .general) : nil, responsibility: nil, notify: [],
            needsTriage: false, rulesVersion: "2026.1", accused: [], escalationLevel: 0,
            postponements: 0, reopenings: 0, report: report)
    }
}
