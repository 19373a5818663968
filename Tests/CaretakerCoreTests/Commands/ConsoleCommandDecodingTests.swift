import CaretakerCore
import Testing

/// Command contract v1: each command's fields decode to its action, and every kind of bad field
/// yields its field and reason, the command id and (when readable) the actor.
@Suite struct ConsoleCommandDecodingTests {
    static let caseID = "0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10"
    static let actorJSON = #"{"id":"E1024","name":"李师傅","role":"technician","audience":"engineering"}"#
    static let actor = CaseActor(id: "E1024", name: "李师傅", role: "technician", audience: .engineering)
    static let at = RFC3339Timestamp("2026-11-02T10:00:00+08:00")!

    static let common: [String: String] = [
        "command_id": "\"cmd-1\"", "case_id": "\"\(caseID)\"", "actor": actorJSON,
        "at": "\"2026-11-02T10:00:00+08:00\"",
    ]

    /// A body with the common fields, `extra` fields added and `nil` values removed.
    static func json(_ extra: [String: String?] = [:]) -> String {
        var fields = common
        for (key, value) in extra { fields[key] = value }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    struct Good: CustomTestStringConvertible, Sendable {
        var command: String
        var fields: [String: String?]
        var action: CaseAction
        var testDescription: String { "\(command) \(fields.keys.sorted())" }
    }

    static let good: [Good] = [
        Good(command: "accept", fields: [:], action: .accept),
        Good(command: "reply", fields: ["note": "\"已电话联系住户\""], action: .reply(note: "已电话联系住户")),
        Good(command: "arrive", fields: [:], action: .arrive),
        Good(command: "complete", fields: [:], action: .complete(note: "")),
        Good(command: "complete", fields: ["note": "\"更换阀门\""], action: .complete(note: "更换阀门")),
        Good(command: "return_work_order", fields: [:], action: .returnWorkOrder),
        Good(command: "resolve", fields: ["note": "\"已整改\""], action: .resolve(note: "已整改")),
        Good(command: "postpone", fields: ["until": "\"2026-11-05T18:00:00+08:00\"", "reason": "\"等配件\""],
             action: .postpone(until: RFC3339Timestamp("2026-11-05T18:00:00+08:00")!, reason: "等配件")),
        Good(command: "follow_up", fields: ["satisfaction": "5"], action: .followUp(satisfaction: 5, note: "")),
        Good(command: "follow_up", fields: ["satisfaction": "1", "note": "\"不满意\""],
             action: .followUp(satisfaction: 1, note: "不满意")),
        Good(command: "reopen", fields: ["reason": "\"复核\""], action: .reopen(reason: "复核")),
        Good(command: "reassign", fields: ["department": "\"security\"", "reason": "\"属护管\""],
             action: .reassign(to: .security, category: nil, reason: "属护管")),
        Good(command: "reassign", fields: ["department": "\"environment\"", "category": "\"pests\"", "reason": "\"鼠患\""],
             action: .reassign(to: .environment, category: "pests", reason: "鼠患")),
        Good(command: "close", fields: [:], action: .close),
        Good(command: "close", fields: ["command": "\"close\"", "unknown_extra": "[1, 2]"], action: .close),
        Good(command: "assess", fields: ["validity": "\"invalid\"", "reason": "\"停水系自来水公司检修\""],
             action: .assess(validity: .invalid, reason: "停水系自来水公司检修", otherBody: nil)),
        Good(command: "assess", fields: ["validity": "\"valid\"", "reason": "\"已多次报修\"", "other_body": "\"water_company\""],
             action: .assess(validity: .valid, reason: "已多次报修", otherBody: .waterCompany)),
        Good(command: "analyse", fields: ["cause": "\"排班漏了该楼层\""], action: .analyse(cause: "排班漏了该楼层")),
        Good(command: "correct",
             fields: ["action": "\"调整排班\"", "owner": "\"环境部主管\"", "due": "\"2026-11-09T18:00:00+08:00\""],
             action: .correct(CorrectiveAction(action: "调整排班", owner: "环境部主管",
                                               dueAt: RFC3339Timestamp("2026-11-09T18:00:00+08:00")!))),
        Good(command: "verify_correction", fields: ["verdict": "\"ineffective\"", "note": "\"仍未清扫\""],
             action: .verifyCorrection(verdict: .ineffective, note: "仍未清扫")),
        Good(command: "hold_meeting", fields: ["note": "\"经理牵头整改\"", "attendees": "\"总经理、主任\""],
             action: .holdMeeting(note: "经理牵头整改", attendees: "总经理、主任")),
        Good(command: "hold_meeting", fields: ["note": "\"经理牵头整改\""], action: .holdMeeting(note: "经理牵头整改", attendees: nil)),
        Good(command: "quote", fields: ["price": "128.5", "materials": "\"角阀一个\""],
             action: .quote(RepairQuote(priceFen: 12_850, materials: "角阀一个"))),
        Good(command: "consent", fields: [:], action: .consent),
        Good(command: "set_priority", fields: ["priority": "\"urgent\"", "reason": "\"有人被困\""],
             action: .setPriority(.urgent, reason: "有人被困")),
        Good(command: "decline", fields: ["reason": "\"太贵\""], action: .decline(reason: "太贵")),
        Good(command: "sign_off", fields: ["result": "\"disputed\"", "note": "\"收费太高\""], action: .signOff(.disputed, note: "收费太高")),
        Good(command: "review_dispute", fields: ["note": "\"退还差价\""], action: .reviewDispute(note: "退还差价")),
        Good(command: "complete", fields: ["fee": "128.5", "receipt_number": "\"SJ-0001\""],
             action: .complete(note: "", feeFen: 12_850, receiptNumber: "SJ-0001")),
        Good(command: "appoint", fields: ["appointment_at": "\"2026-11-03T14:00:00+08:00\"", "reason": "\"住户下午在家\""],
             action: .appoint(at: RFC3339Timestamp("2026-11-03T14:00:00+08:00")!, reason: "住户下午在家")),
        Good(command: "follow_up", fields: ["satisfaction": "4", "visited_by": "\"黄主任\"", "corrective_report": "\"加强培训\""],
             action: .followUp(satisfaction: 4, note: "", visitedBy: "黄主任", correctiveReport: "加强培训")),
        Good(command: "inform_resident", fields: ["note": "\"已向住户解释\""], action: .informResident(note: "已向住户解释", eta: nil)),
        Good(command: "plan", fields: ["summary": "\"搭脚手架更换外墙砖\"", "expected_completion": "\"2026-11-20T18:00:00+08:00\""],
             action: .plan(RepairPlan(summary: "搭脚手架更换外墙砖", expectedCompletion: RFC3339Timestamp("2026-11-20T18:00:00+08:00")!))),
        Good(command: "approve_plan", fields: ["approver": "\"director\""], action: .approvePlan(.director, note: "")),
        Good(command: "progress", fields: ["note": "\"完成脚手架\"", "percent_done": "30"], action: .progress(note: "完成脚手架", percentDone: 30)),
        Good(command: "progress", fields: ["note": "\"等材料\""], action: .progress(note: "等材料", percentDone: nil)),
        Good(command: "inform_resident", fields: ["note": "\"预计周五完工\"", "eta": "\"2026-11-06T18:00:00+08:00\""],
             action: .informResident(note: "预计周五完工", eta: RFC3339Timestamp("2026-11-06T18:00:00+08:00")!)),
    ]

    @Test(arguments: good)
    func decodesEachCommand(_ row: Good) throws {
        let command = try ConsoleCommand.decode(from: Array(Self.json(row.fields).utf8), routingKey: row.command)
        #expect(command.action == row.action)
        #expect(command.name.rawValue == row.command)
        #expect(command.commandID == "cmd-1")
        #expect(command.caseReference == .id(Self.caseID))
        #expect(command.actor == Self.actor)
        #expect(command.at == Self.at)
    }

    @Test func everyCommandNameHasAGoodRow() {
        #expect(Set(Self.good.map(\.command)) == Set(CaseAction.allRawNames))
    }

    @Test func aCaseCanBeNamedByNumberOrByBoth() throws {
        let byNumber = Self.json(["case_id": nil, "case_number": "\"BX-20261102-000045\""])
        #expect(try ConsoleCommand.decode(from: Array(byNumber.utf8), routingKey: "accept").caseReference
            == .number("BX-20261102-000045"))
        let both = Self.json(["case_id": "\"\(Self.caseID.uppercased())\"", "case_number": "\"BX-20261102-000045\""])
        let reference = try ConsoleCommand.decode(from: Array(both.utf8), routingKey: "accept").caseReference
        #expect(reference.caseID == Self.caseID)
        #expect(reference.caseNumber == "BX-20261102-000045")
    }

    @Test func anActorNeedsOnlyAnIDAndAnAudience() throws {
        let body = Self.json(["actor": #"{"id":"S7","audience":"customer_service"}"#])
        let command = try ConsoleCommand.decode(from: Array(body.utf8), routingKey: "accept")
        #expect(command.actor == CaseActor(id: "S7", audience: .customerService))
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var command: String
        var body: String
        var field: String
        var reason: ContractError.Reason
        var testDescription: String { "\(command) \(field) \(reason.rawValue)" }

        init(_ command: String, _ fields: [String: String?], _ field: String, _ reason: ContractError.Reason) {
            self.command = command
            self.body = ConsoleCommandDecodingTests.json(fields)
            self.field = field
            self.reason = reason
        }

        init(_ command: String, body: String, _ field: String, _ reason: ContractError.Reason) {
            self.command = command
            self.body = body
            self.field = field
            self.reason = reason
        }
    }

    static let long2001 = "\"\(String(repeating: "修", count: 2001))\""
    static let long501 = "\"\(String(repeating: "因", count: 501))\""

    static let bad: [Bad] = [
        // The routing key and the optional `command` field.
        Bad("approve", [:], "command", .unknownValue),
        Bad("", [:], "command", .unknownValue),
        Bad("accept", ["command": "\"close\""], "command", .unknownValue),
        Bad("accept", ["command": "7"], "command", .wrongType),
        // command_id.
        Bad("accept", ["command_id": nil], "command_id", .missing),
        Bad("accept", ["command_id": "42"], "command_id", .wrongType),
        Bad("accept", ["command_id": "null"], "command_id", .wrongType),
        Bad("accept", ["command_id": "\"\""], "command_id", .empty),
        Bad("accept", ["command_id": "\"\(String(repeating: "c", count: 129))\""], "command_id", .tooLong),
        // The case reference.
        Bad("accept", ["case_id": nil], "case_id", .missing),
        Bad("accept", ["case_id": "\"not-a-uuid\""], "case_id", .invalidUUID),
        Bad("accept", ["case_id": "\"0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a1g\""], "case_id", .invalidUUID),
        Bad("accept", ["case_id": "\"0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a100\""], "case_id", .tooLong),
        Bad("accept", ["case_id": "123"], "case_id", .wrongType),
        Bad("accept", ["case_id": nil, "case_number": "\"\""], "case_number", .empty),
        Bad("accept", ["case_number": "[]"], "case_number", .wrongType),
        Bad("accept", ["case_number": "\"\(String(repeating: "9", count: 65))\""], "case_number", .tooLong),
        // A long repair's plan and progress.
        Bad("plan", ["expected_completion": "\"2026-11-20T18:00:00+08:00\""], "summary", .missing),
        Bad("plan", ["summary": "\"方案\""], "expected_completion", .missing),
        Bad("plan", ["summary": "\"方案\"", "expected_completion": "\"2026-11-01T18:00:00+08:00\""], "expected_completion", .outOfRange),
        Bad("approve_plan", [:], "approver", .missing),
        Bad("approve_plan", ["approver": "\"mayor\""], "approver", .unknownValue),
        Bad("progress", [:], "note", .missing),
        Bad("progress", ["note": "\"x\"", "percent_done": "120"], "percent_done", .outOfRange),
        Bad("progress", ["note": "\"x\"", "percent_done": "\"half\""], "percent_done", .wrongType),
        // The actor.
        Bad("accept", ["actor": nil], "actor", .missing),
        Bad("accept", ["actor": "\"E1024\""], "actor", .wrongType),
        Bad("accept", ["actor": #"{"audience":"engineering"}"#], "actor.id", .missing),
        Bad("accept", ["actor": #"{"id":"","audience":"engineering"}"#], "actor.id", .empty),
        Bad("accept", ["actor": #"{"id":"E1","name":5,"audience":"engineering"}"#], "actor.name", .wrongType),
        Bad("accept", ["actor": #"{"id":"E1","role":"\#(String(repeating: "r", count: 65))","audience":"engineering"}"#],
            "actor.role", .tooLong),
        Bad("accept", ["actor": #"{"id":"E1"}"#], "actor.audience", .missing),
        Bad("accept", ["actor": #"{"id":"E1","audience":"finance"}"#], "actor.audience", .unknownValue),
        Bad("accept", ["actor": #"{"id":"R1","audience":"resident"}"#], "actor.audience", .unknownValue),
        Bad("accept", ["actor": #"{"id":"D1","audience":"developer"}"#], "actor.audience", .unknownValue),
        // at.
        Bad("accept", ["at": nil], "at", .missing),
        Bad("accept", ["at": "\"2026-11-02 10:00:00\""], "at", .invalidTimestamp),
        Bad("accept", ["at": "\"2026-11-02T10:00:00\""], "at", .invalidTimestamp),
        Bad("accept", ["at": "1793000000"], "at", .wrongType),
        // reply and resolve: a required note.
        Bad("reply", [:], "note", .missing),
        Bad("reply", ["note": "\"\""], "note", .empty),
        Bad("reply", ["note": long2001], "note", .tooLong),
        Bad("resolve", [:], "note", .missing),
        Bad("resolve", ["note": "false"], "note", .wrongType),
        // complete: an optional note.
        Bad("complete", ["note": long2001], "note", .tooLong),
        Bad("complete", ["note": "\"\""], "note", .empty),
        // postpone.
        Bad("postpone", ["reason": "\"等配件\""], "until", .missing),
        Bad("postpone", ["until": "\"next week\"", "reason": "\"等配件\""], "until", .invalidTimestamp),
        Bad("postpone", ["until": "\"2026-11-02T10:00:00+08:00\"", "reason": "\"等配件\""], "until", .outOfRange),
        Bad("postpone", ["until": "\"2026-11-02T01:59:59Z\"", "reason": "\"等配件\""], "until", .outOfRange),
        Bad("postpone", ["until": "\"2026-11-05T18:00:00+08:00\""], "reason", .missing),
        Bad("postpone", ["until": "\"2026-11-05T18:00:00+08:00\"", "reason": long501], "reason", .tooLong),
        // follow_up.
        Bad("follow_up", [:], "satisfaction", .missing),
        Bad("follow_up", ["satisfaction": "9"], "satisfaction", .outOfRange),
        Bad("follow_up", ["satisfaction": "0"], "satisfaction", .outOfRange),
        Bad("follow_up", ["satisfaction": "4.5"], "satisfaction", .outOfRange),
        Bad("follow_up", ["satisfaction": "\"5\""], "satisfaction", .wrongType),
        Bad("follow_up", ["satisfaction": "5", "note": long2001], "note", .tooLong),
        // reopen.
        Bad("reopen", [:], "reason", .missing),
        Bad("reopen", ["reason": "\"\""], "reason", .empty),
        // The complaint procedure.
        Bad("assess", ["reason": "\"x\""], "validity", .missing),
        Bad("assess", ["validity": "\"maybe\"", "reason": "\"x\""], "validity", .unknownValue),
        Bad("assess", ["validity": "\"valid\""], "reason", .missing),
        Bad("assess", ["validity": "\"valid\"", "reason": "\"x\"", "other_body": "\"police\""], "other_body", .unknownValue),
        Bad("assess", ["validity": "\"valid\"", "reason": "\"x\"", "other_body": "null"], "other_body", .wrongType),
        Bad("analyse", [:], "cause", .missing),
        Bad("analyse", ["cause": long2001], "cause", .tooLong),
        Bad("correct", ["owner": "\"主管\"", "due": "\"2026-11-09T18:00:00+08:00\""], "action", .missing),
        Bad("correct", ["action": "\"调整\"", "due": "\"2026-11-09T18:00:00+08:00\""], "owner", .missing),
        Bad("correct", ["action": "\"调整\"", "owner": "\"主管\""], "due", .missing),
        Bad("correct", ["action": "\"调整\"", "owner": "\"主管\"", "due": "\"2026-11-01T18:00:00+08:00\""], "due", .outOfRange),
        Bad("verify_correction", [:], "verdict", .missing),
        Bad("verify_correction", ["verdict": "\"done\""], "verdict", .unknownValue),
        Bad("inform_resident", [:], "note", .missing),
        Bad("hold_meeting", [:], "note", .missing),
        Bad("appoint", [:], "appointment_at", .missing),
        Bad("quote", ["materials": "\"阀\""], "price", .missing),
        Bad("quote", ["price": "\"128\"", "materials": "\"阀\""], "price", .wrongType),
        Bad("quote", ["price": "12.345", "materials": "\"阀\""], "price", .outOfRange),
        Bad("quote", ["price": "-1", "materials": "\"阀\""], "price", .outOfRange),
        Bad("quote", ["price": "10"], "materials", .missing),
        Bad("decline", [:], "reason", .missing),
        Bad("set_priority", ["priority": "\"critical\"", "reason": "\"x\""], "priority", .unknownValue),
        Bad("set_priority", ["priority": "\"urgent\""], "reason", .missing),
        Bad("sign_off", ["result": "\"maybe\""], "result", .unknownValue),
        Bad("review_dispute", [:], "note", .missing),
        Bad("complete", ["fee": "1000000.01"], "fee", .outOfRange),
        Bad("appoint", ["appointment_at": "\"2026-11-02T09:00:00+08:00\""], "appointment_at", .outOfRange),
        Bad("hold_meeting", ["note": "\"x\"", "attendees": long501], "attendees", .tooLong),
        Bad("inform_resident", ["note": "\"x\"", "eta": "\"2026-11-02T09:00:00+08:00\""], "eta", .outOfRange),
        Bad("inform_resident", ["note": "\"x\"", "eta": "\"soon\""], "eta", .invalidTimestamp),
        // reassign.
        Bad("reassign", ["reason": "\"属护管\""], "department", .missing),
        Bad("reassign", ["department": "\"management\"", "reason": "\"x\""], "department", .unknownValue),
        Bad("reassign", ["department": "\"security\"", "category": "\"Pests!\"", "reason": "\"x\""], "category", .unknownValue),
        Bad("reassign", ["department": "\"security\"", "category": "3", "reason": "\"x\""], "category", .wrongType),
        Bad("reassign", ["department": "\"security\""], "reason", .missing),
        // The whole message.
        Bad("accept", body: #"{"command_id":"a","command_id":"b"}"#, "command_id", .duplicateField),
        Bad("accept", body: "[1, 2]", "", .notObject),
        Bad("accept", body: "\"accept\"", "", .notObject),
        Bad("accept", body: #"{"command_id": "#, "", .notJSON),
        Bad("accept", body: "", "", .notJSON),
        Bad("accept", body: "accept please", "", .notJSON),
    ]

    @Test(arguments: bad)
    func rejectsBadField(_ row: Bad) {
        do {
            let command = try ConsoleCommand.decode(from: Array(row.body.utf8), routingKey: row.command)
            Issue.record("accepted \(command.name.rawValue)")
        } catch {
            #expect(error.field == row.field)
            #expect(error.reason == row.reason)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func everyContractReasonACommandCanHaveIsCovered() {
        let covered = Set(Self.bad.map(\.reason)).union([.invalidUTF8, .messageTooLarge])
        let intakeOnly: Set<ContractError.Reason> = [.duplicateValue, .invalidURL]
        #expect(covered == Set(ContractError.Reason.allCases).subtracting(intakeOnly))
    }

    @Test func anErrorCarriesTheCommandIDAndTheActorWhenTheyCanBeRead() {
        let body = Self.json(["satisfaction": "9"])
        do {
            _ = try ConsoleCommand.decode(from: Array(body.utf8), routingKey: "follow_up")
            Issue.record("accepted satisfaction 9")
        } catch {
            #expect(error.commandID == "cmd-1")
            #expect(error.actor == Self.actor)
        }
        // The actor is read even when an earlier field fails.
        do {
            _ = try ConsoleCommand.decode(from: Array(Self.json(["command_id": nil]).utf8), routingKey: "accept")
        } catch {
            #expect(error.commandID == nil)
            #expect(error.actor == Self.actor)
        }
        // A broken actor is not guessed at.
        do {
            _ = try ConsoleCommand.decode(from: Array(Self.json(["actor": #"{"id":"E1"}"#]).utf8), routingKey: "accept")
        } catch {
            #expect(error.commandID == "cmd-1")
            #expect(error.actor == nil)
        }
    }

    @Test func rejectsInvalidUTF8AndOversizedMessages() {
        var bytes = Array(Self.json(["note": "\"ok\""]).utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        do {
            _ = try ConsoleCommand.decode(from: bytes, routingKey: "reply")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.field.isEmpty)
        }
        let huge = Self.json(["padding": "\"\(String(repeating: "a", count: ConsoleCommand.maximumMessageBytes))\""])
        do {
            _ = try ConsoleCommand.decode(from: Array(huge.utf8), routingKey: "accept")
            Issue.record("accepted an oversized message")
        } catch {
            #expect(error.reason == .messageTooLarge)
        }
    }

    @Test func errorsNeverQuoteTheCommandsValues() {
        let secret = "住户王小明13800001234"
        let bodies = [
            Self.json(["note": "\"\(secret)\(String(repeating: "x", count: 2001))\""]),
            Self.json(["actor": #"{"id":"E1","name":"\#(secret)","audience":"\#(secret)"}"#]),
            Self.json(["case_id": "\"\(secret)\""]),
            Self.json(["at": "\"\(secret)\""]),
        ]
        for body in bodies {
            do {
                _ = try ConsoleCommand.decode(from: Array(body.utf8), routingKey: "reply")
                Issue.record("accepted a bad body")
            } catch {
                #expect(!error.description.contains("13800001234"))
                #expect(!error.message.contains("王小明"))
            }
        }
    }

    @Test func detailsRecordTheCommandsFields() {
        let until = RFC3339Timestamp("2026-11-05T18:00:00+08:00")!
        #expect(JSONValue.object(CaseAction.postpone(until: until, reason: "等配件").details)
            == .object([("until", .string("2026-11-05T18:00:00+08:00")), ("reason", .string("等配件"))]))
        #expect(JSONValue.object(CaseAction.followUp(satisfaction: 4, note: "").details)
            == .object([("satisfaction", .number(4))]))
        #expect(JSONValue.object(CaseAction.reassign(to: .security, category: "parking", reason: "车位").details)
            == .object([("department", .string("security")), ("category", .string("parking")), ("reason", .string("车位"))]))
        #expect(CaseAction.complete(note: "").details.isEmpty)
        #expect(CaseAction.accept.details.isEmpty)
    }
}
