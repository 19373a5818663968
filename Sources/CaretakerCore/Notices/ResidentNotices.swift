/// The notices for the resident (seed 002 real-time tracking; seed 004 "tell the guest the time
/// needed"): events for the `resident` audience that the intake system passes on as they are.
///
/// Pure. A notice carries the case number and the intake `message_id` (`correlation_id`, by which
/// the intake system knows the resident), the kind, the department handling it, the handler's
/// display name when a person acted, the time limit or date, and a short Chinese `text` to send
/// as is. It never carries the resident's contact, the report text, internal notes or reasons, or
/// any staff detail beyond the display name.
public enum ResidentNotices {
    /// `notice.received`: registered, who handles it, and the time limit (`promise`, the deadline
    /// the resident is told: the first reply, the repair's completion, or the major-works ETA).
    public static func received(_ record: CaseRecord, promise: TimerSchedule?, at time: RFC3339Timestamp,
                                makeID: () -> String) -> CaseEvent {
        var text = "您好，您的\(kindName(record))已登记，编号\(record.caseNumber)，由\(departmentName(record.department))负责处理。"
        if let promise { text += promiseSentence(promise, record: record) }
        return notice(.noticeReceived, record: record, at: time, id: makeID(), handler: nil, text: text, extra: [
            ("time_limit", promise.map { limit in
                .object([("timer", .string(limit.kind.rawValue)), ("due_at", .string(limit.dueAt.description))])
            } ?? .null),
        ])
    }

    /// The notice an accepted command gives the resident, if any: a new date (`postpone`), what
    /// they were told (`inform_resident`), the result (`resolve`, `complete`), or thanks for the
    /// follow-up (`follow_up`). Other commands are internal and give none.
    public static func after(_ action: CaseAction, record: CaseRecord, actor: CaseActor, at time: RFC3339Timestamp,
                             makeID: () -> String) -> CaseEvent? {
        let handler = actor.name
        let number = record.caseNumber
        switch action {
        case .postpone(let until, _):
            return notice(.noticeScheduled, record: record, at: time, id: makeID(), handler: handler,
                          text: "您的\(kindName(record))（编号\(number)）处理需要更多时间，我们将于\(shown(until))前给您答复。",
                          extra: [("date", .string(until.description))])
        case .informResident(let note, let eta):
            var text = "关于您的\(kindName(record))（编号\(number)）：\(note)"
            if let eta { text += terminated(text) + "预计\(shown(eta))前完成。" }
            return notice(eta == nil ? .noticeInformed : .noticeScheduled, record: record, at: time, id: makeID(),
                          handler: handler, text: text, extra: [("date", eta.map { .string($0.description) } ?? .null)])
        case .resolve(let note):
            return notice(.noticeResolved, record: record, at: time, id: makeID(), handler: handler,
                          text: "您反映的问题（编号\(number)）已处理：\(note)\(terminated(note))如有疑问请联系客服中心。", extra: [])
        case .complete:
            let who = handler.map { "\($0)已" } ?? "已"
            return notice(.noticeResolved, record: record, at: time, id: makeID(), handler: handler,
                          text: "您的报修（编号\(number)）\(who)完成维修。如仍有问题请联系客服中心，我们将安排回访。", extra: [])
        case .followUp:
            return notice(.noticeFollowedUp, record: record, at: time, id: makeID(), handler: handler,
                          text: "感谢您对\(kindName(record))（编号\(number)）处理情况的评价，我们会持续改进服务。", extra: [])
        default:
            return nil
        }
    }

    /// The department's name as residents know it.
    public static func departmentName(_ department: Department) -> String {
        switch department {
        case .engineering: "工程部"
        case .security: "护管部"
        case .environment: "环境部"
        case .customerService: "客服中心"
        }
    }

    private static func kindName(_ record: CaseRecord) -> String {
        record.kind == .complaint ? "投诉" : "报修"
    }

    private static func promiseSentence(_ promise: TimerSchedule, record: CaseRecord) -> String {
        let due = shown(promise.dueAt)
        switch promise.kind {
        case .complaintFirstReply: return "我们将于\(due)前给您答复。"
        case .majorRepairETA: return "此项维修工程较大，我们将于\(due)前告知您处理方案和预计完成时间。"
        default: return "我们将于\(due)前完成维修。"
        }
    }

    /// A full stop unless `text` already ends in punctuation.
    private static func terminated(_ text: String) -> String {
        guard let last = text.last else { return "" }
        return "。！？.!?".contains(last) ? "" : "。"
    }

    /// `11月2日 10:55`, in China time.
    static func shown(_ instant: RFC3339Timestamp) -> String {
        let local = SLATime.local(instant)
        let date = SLATime.localDate(of: instant)
        let secondsOfDay = (local.secondsSinceEpoch + Int64(local.utcOffsetMinutes) * 60) % 86_400
        let hour = secondsOfDay / 3600, minute = secondsOfDay % 3600 / 60
        return "\(date.month)月\(date.day)日 \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    private static func notice(_ type: CaseEventType, record: CaseRecord, at time: RFC3339Timestamp, id: String,
                               handler: String?, text: String,
                               extra: [(key: String, value: JSONValue)]) -> CaseEvent {
        var members: [(key: String, value: JSONValue)] = [
            ("event_id", .string(id)),
            ("event_type", .string(type.rawValue)),
            ("audience", .string(EventAudience.resident.rawValue)),
            ("occurred_at", .string(time.description)),
            ("case_number", .string(record.caseNumber)),
            ("correlation_id", .string(record.correlationID)),
            ("kind", .string(record.kind.rawValue)),
            ("handler", .object([
                ("department", .string(record.department.rawValue)),
                ("department_name", .string(departmentName(record.department))),
                ("display_name", handler.map(JSONValue.string) ?? .null),
            ])),
        ]
        members.append(contentsOf: extra)
        members.append(("text", .string(text)))
        return CaseEvent(eventID: id, type: type, audience: .resident, caseID: record.caseID,
                         correlationID: record.correlationID, payload: .object(members))
    }
}
