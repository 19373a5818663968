import CaretakerCore
import Testing

/// The property of seed 001 一.2(4): whatever commands, timers and reassignments follow, no event
/// addressed to the department (or office) whose staff the resident complained about ever
/// carries the resident's name or phone, in the contact or in the text.
@Suite struct PrivacyPropertyTests {
    static let classifier = TestRules.classifier
    static let accusedStaff = AccusedStaff(rules: TestRules.classifier.rules)
    static let time = RFC3339Timestamp("2026-11-02T09:00:00+08:00")!

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func theAccusedNeverSeeTheComplainant(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var checked = 0
        for trial in 0..<400 {
            let scenario = PrivacyScenario.random(using: &generator)
            var record = Self.record(for: scenario, trial: trial)
            let expected = scenario.accused.map { [$0] } ?? []
            #expect(record.accused == expected, "seed \(seed) trial \(trial): \(scenario.text)")
            var events = CaseEvents.created(record, at: Self.time, makeID: Self.ids("c\(trial)"))
            if let accused = scenario.accused, accused != .customerService {
                let customerService = events.first { $0.audience == .customerService }
                #expect(customerService?.payload["contact"]?["phone"] == .string(scenario.resident.phone!),
                        "seed \(seed) trial \(trial): customer service must still reach the resident")
            }
            for step in 0..<Int.random(in: 1...12, using: &generator) {
                events += Self.randomStep(&record, step: "\(trial)-\(step)", using: &generator)
            }
            for event in events where event.audience == scenario.accused {
                checked += 1
                let payload = event.payload.serialized
                let digits = payload.filter { $0 != " " && $0 != "-" }
                for secret in scenario.secrets {
                    #expect(!payload.contains(secret) && !digits.contains(secret),
                            "seed \(seed) trial \(trial): \(event.routingKey) shows \(secret): \(payload)")
                }
                #expect(event.payload["contact"] == nil || event.payload["contact"] == .null)
            }
        }
        #expect(checked > 500)
    }

    static func record(for scenario: PrivacyScenario, trial: Int) -> CaseRecord {
        let message = IntakeMessage(
            messageID: "p-\(trial)", kind: scenario.kind, text: scenario.text, receivedAt: time, channel: .hotline,
            estate: "翠湖苑", resident: scenario.resident, location: "3栋")
        let decision = classifier.classify(message)
        return CaseRecord(
            caseID: "case-\(trial)", caseNumber: "TS-\(trial)", correlationID: message.messageID, kind: message.kind,
            state: CaseState.initial(for: message.kind), department: decision.department, category: decision.category,
            secondaryCategories: decision.secondaryCategories, severity: decision.severity, priority: decision.priority,
            responsibility: decision.responsibility, notify: decision.notify, needsTriage: decision.needsTriage,
            rulesVersion: decision.rulesVersion,
            accused: accusedStaff.audiences(of: message, category: decision.category, department: decision.department),
            escalationLevel: 0, postponements: 0, reopenings: 0, report: message)
    }

    /// A random command (applied when the lifecycle allows it), timer firing or severity upgrade,
    /// and the events it produces.
    static func randomStep(_ record: inout CaseRecord, step: String,
                           using generator: inout SplitMix64) -> [CaseEvent] {
        let makeID = ids(step)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            let level = EscalationLevel.allCases.randomElement(using: &generator)!
            let decision = TimerFiringDecision(action: level == .handler ? .remind : .escalate(level), lateSeconds: 60,
                                               secondsLeft: 0, nextWakeAt: nil)
            let timer = StoredTimer(caseID: record.caseID, kind: .complaintFirstReply, remindAt: nil, dueAt: time,
                                    deadlineVersion: 1)
            return TimerEvents.events(for: decision, timer: timer, record: record, at: time)
        case 1:
            let before = record
            record.severity = record.kind == .complaint ? .major : nil
            record.notify = [.management, .leadership]
            let timer = StoredTimer(caseID: record.caseID, kind: .complaintFirstReply, remindAt: nil, dueAt: time,
                                    deadlineVersion: 1)
            return TimerEvents.severityUpgraded(before: before, after: record, timer: timer, at: time)
        default:
            let action = randomAction(for: record, using: &generator)
            let actor = CaseActor(id: "u-1", audience: EventAudience.allCases.randomElement(using: &generator)!)
            switch CaseLifecycle.apply(action, to: record.snapshot) {
            case .failure(let rejection):
                return [CaseEvents.rejected(commandID: step, command: action.rawName, record: record,
                                            audience: actor.audience, reason: rejection.reason.rawValue, field: nil,
                                            message: rejection.message, at: time, makeID: makeID)]
            case .success(let transition):
                let before = record
                record = record.applying(transition, of: action, accusedStaff: accusedStaff)
                return CaseEvents.transition(transition, record: record, previousDepartment: before.department,
                                             actor: actor, details: action.details, at: time, makeID: makeID)
            }
        }
    }

    static func randomAction(for record: CaseRecord, using generator: inout SplitMix64) -> CaseAction {
        let categories = classifier.rules.categories.filter { $0.kinds.contains(record.kind) }
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: return .accept
        case 1: return .reply(note: "已联系")
        case 2: return .arrive
        case 3: return .complete(note: "已修好")
        case 4: return .returnWorkOrder
        case 5: return .resolve(note: "已处理")
        case 6: return .postpone(until: RFC3339Timestamp("2026-11-05T18:00:00+08:00")!, reason: "等配件")
        case 7: return .followUp(satisfaction: Int.random(in: 1...5, using: &generator), note: "满意")
        case 8: return .reopen(reason: "又坏了")
        case 9: return .close
        default:
            let category = Bool.random(using: &generator) ? categories.randomElement(using: &generator)!.code : nil
            return .reassign(to: Department.allCases.randomElement(using: &generator)!, category: category,
                             reason: "分错了")
        }
    }

    static func ids(_ prefix: String) -> () -> String {
        var next = 0
        return {
            next += 1
            return "\(prefix)-\(next)"
        }
    }
}
