extension ConsoleCommand {
    /// The largest encoded command accepted, in bytes (64 KiB).
    public static let maximumMessageBytes = 65_536
    /// The longest `command_id`, in Unicode scalars.
    public static let maximumCommandIDLength = 128
    /// The longest `case_number`, in Unicode scalars.
    public static let maximumCaseNumberLength = 64
    /// The longest `note`, in Unicode scalars.
    public static let maximumNoteLength = 2_000
    /// The longest `reason`, in Unicode scalars.
    public static let maximumReasonLength = 500
    /// The longest category code, in Unicode scalars.
    public static let maximumCategoryLength = 64

    /// Decodes one console command from its UTF-8 JSON body and its routing key (the command name).
    ///
    /// Unknown fields are ignored; an optional `command` field must repeat the routing key. The
    /// first problem found is thrown, in contract order: the whole message, `command`,
    /// `command_id`, `case_id`/`case_number`, `actor`, `at`, then the command's own fields. The
    /// error also carries the actor when the `actor` object was valid, so the refusal can reach
    /// the console that sent it.
    public static func decode<Bytes: Collection>(from bytes: Bytes, routingKey: String) throws(CommandDecodingError) -> ConsoleCommand
    where Bytes.Element == UInt8 {
        let object: JSONValue
        do {
            object = try FieldReader.parseObject(bytes, maximumBytes: maximumMessageBytes)
        } catch {
            throw CommandDecodingError(problem: error)
        }
        return try decode(object: object, routingKey: routingKey)
    }

    /// Decodes from an already parsed JSON object.
    public static func decode(object: JSONValue, routingKey: String) throws(CommandDecodingError) -> ConsoleCommand {
        var reader = CommandFieldReader(object: object)
        do throws(ContractError) {
            guard let name = CaseAction.Name(rawValue: routingKey) else {
                throw reader.fields.fail("command", .unknownValue,
                                         "the routing key must be one of: \(CaseAction.allRawNames.joined(separator: ", "))")
            }
            if let named = try reader.fields.string("command", maxLength: 64), named != routingKey {
                throw reader.fields.fail("command", .unknownValue, "must equal the routing key when present")
            }
            let id = try reader.fields.string("command_id", required: true, maxLength: maximumCommandIDLength)!
            reader.fields.messageID = id
            let reference = try reader.caseReference()
            let actor = try reader.actor()
            let at = try reader.fields.timestamp("at", required: true)!
            let action = try reader.action(name, at: at)
            return ConsoleCommand(commandID: id, caseReference: reference, actor: actor, at: at, action: action)
        } catch {
            var problem = error
            problem.messageID = reader.fields.messageID ?? reader.peekCommandID()
            throw CommandDecodingError(problem: problem, actor: reader.peekActor())
        }
    }
}

/// Reads a command's fields with `FieldReader`, adding the fields only commands have.
struct CommandFieldReader {
    var fields: FieldReader

    init(object: JSONValue) {
        fields = FieldReader(object: object)
    }

    /// The command id if it is a plausible string, for error reports about other fields.
    func peekCommandID() -> String? {
        guard case .string(let id)? = fields.object["command_id"], !id.isEmpty,
              id.unicodeScalars.count <= ConsoleCommand.maximumCommandIDLength else { return nil }
        return id
    }

    /// The actor if its object is valid, whatever else is wrong with the command.
    func peekActor() -> CaseActor? {
        try? actor()
    }

    func caseReference() throws(ContractError) -> CaseReference {
        let id = try fields.string("case_id", maxLength: 36)
        if let id, !CaseReference.isUUID(id) {
            throw fields.fail("case_id", .invalidUUID, "must be a UUID such as 0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10")
        }
        let number = try fields.string("case_number", maxLength: ConsoleCommand.maximumCaseNumberLength)
        guard let reference = CaseReference(caseID: id, caseNumber: number) else {
            throw fields.fail("case_id", .missing, "case_id or case_number is required")
        }
        return reference
    }

    func actor() throws(ContractError) -> CaseActor {
        guard let value = fields.object["actor"] else { throw fields.fail("actor", .missing, "required field is missing") }
        guard case .object = value else { throw fields.fail("actor", .wrongType, "must be an object, not \(value.typeName)") }
        let actor = CaseActor(
            id: try fields.string("id", required: true, maxLength: 128, in: value, path: "actor.id")!,
            name: try fields.string("name", maxLength: 100, in: value, path: "actor.name"),
            role: try fields.string("role", maxLength: 64, in: value, path: "actor.role"),
            audience: try fields.enumeration("audience", in: value, path: "actor.audience")
        )
        guard actor.audience != .resident, actor.audience != .developer else {
            throw fields.fail("actor.audience", .unknownValue,
                              "\(actor.audience.rawValue) receives notes only; commands come from a department console, management or leadership")
        }
        return actor
    }

    /// The command's own fields, by command name.
    func action(_ name: CaseAction.Name, at: RFC3339Timestamp) throws(ContractError) -> CaseAction {
        switch name {
        case .accept: return .accept
        case .arrive: return .arrive
        case .returnWorkOrder: return .returnWorkOrder
        case .close: return .close
        case .reply: return .reply(note: try note(required: true))
        case .resolve: return .resolve(note: try note(required: true))
        case .complete:
            let fee = try money("fee")
            let receipt = try fields.string("receipt_number", maxLength: 64)
            return .complete(note: try note(required: false), feeFen: fee, receiptNumber: receipt)
        case .quote:
            guard let price = try money("price") else { throw fields.fail("price", .missing, "required field is missing") }
            let materials = try fields.string("materials", required: true, maxLength: ConsoleCommand.maximumNoteLength)!
            return .quote(RepairQuote(priceFen: price, materials: materials))
        case .setPriority:
            let priority: RepairPriority = try fields.enumeration("priority")
            return .setPriority(priority, reason: try reason())
        case .consent: return .consent
        case .decline: return .decline(reason: try reason())
        case .signOff:
            let result: SignOff = try fields.enumeration("result")
            return .signOff(result, note: try note(required: false))
        case .reviewDispute: return .reviewDispute(note: try note(required: true))
        case .plan:
            let summary = try fields.string("summary", required: true, maxLength: ConsoleCommand.maximumNoteLength)!
            let expected = try fields.timestamp("expected_completion", required: true)!
            guard expected.isAfter(at) else { throw fields.fail("expected_completion", .outOfRange, "must be after at") }
            return .plan(RepairPlan(summary: summary, expectedCompletion: expected))
        case .approvePlan:
            let approver: PlanApprover = try fields.enumeration("approver")
            return .approvePlan(approver, note: try note(required: false))
        case .progress:
            var percent: Int?
            if let value = fields.object["percent_done"] {
                guard case .number(let number) = value else {
                    throw fields.fail("percent_done", .wrongType, "must be a number, not \(value.typeName)")
                }
                guard number == number.rounded(), (0...100).contains(number) else {
                    throw fields.fail("percent_done", .outOfRange, "must be a whole number 0 to 100")
                }
                percent = Int(number)
            }
            return .progress(note: try note(required: true), percentDone: percent)
        case .postpone:
            let until = try fields.timestamp("until", required: true)!
            guard until.isAfter(at) else { throw fields.fail("until", .outOfRange, "must be after at") }
            return .postpone(until: until, reason: try reason())
        case .followUp:
            let satisfaction = try fields.integer("satisfaction", required: true, range: CaseLifecycle.satisfactionRange)!
            return .followUp(
                satisfaction: satisfaction, note: try note(required: false),
                visitedBy: try fields.string("visited_by", maxLength: 100),
                correctiveReport: try fields.string("corrective_report", maxLength: ConsoleCommand.maximumNoteLength))
        case .reopen: return .reopen(reason: try reason())
        case .reassign:
            let department: Department = try fields.enumeration("department")
            let category = try categoryCode()
            return .reassign(to: department, category: category, reason: try reason())
        case .assess:
            let validity: ComplaintValidity = try fields.enumeration("validity")
            let reason = try reason()
            var otherBody: OtherBody?
            if fields.object["other_body"] != nil { otherBody = try fields.enumeration("other_body") }
            return .assess(validity: validity, reason: reason, otherBody: otherBody)
        case .analyse:
            return .analyse(cause: try fields.string("cause", required: true, maxLength: ConsoleCommand.maximumNoteLength)!)
        case .correct:
            let action = try fields.string("action", required: true, maxLength: ConsoleCommand.maximumNoteLength)!
            let owner = try fields.string("owner", required: true, maxLength: 100)!
            let due = try fields.timestamp("due", required: true)!
            guard due.isAfter(at) else { throw fields.fail("due", .outOfRange, "must be after at") }
            return .correct(CorrectiveAction(action: action, owner: owner, dueAt: due))
        case .verifyCorrection:
            let verdict: CorrectionVerdict = try fields.enumeration("verdict")
            return .verifyCorrection(verdict: verdict, note: try note(required: false))
        case .appoint:
            let time = try fields.timestamp("appointment_at", required: true)!
            guard time.isAfter(at) else { throw fields.fail("appointment_at", .outOfRange, "must be after at") }
            return .appoint(at: time, reason: try fields.string("reason", maxLength: ConsoleCommand.maximumReasonLength))
        case .holdMeeting:
            let note = try note(required: true)
            return .holdMeeting(note: note, attendees: try fields.string("attendees", maxLength: ConsoleCommand.maximumReasonLength))
        case .informResident:
            let note = try note(required: true)
            let eta = try fields.timestamp("eta", required: false)
            if let eta, !eta.isAfter(at) { throw fields.fail("eta", .outOfRange, "must be after at") }
            return .informResident(note: note, eta: eta)
        }
    }

    private func note(required: Bool) throws(ContractError) -> String {
        try fields.string("note", required: required, maxLength: ConsoleCommand.maximumNoteLength) ?? ""
    }

    /// An amount in yuan with at most two decimals (`128.5`), as fen; `nil` when absent.
    private func money(_ field: String) throws(ContractError) -> Int? {
        guard let value = fields.object[field] else { return nil }
        guard case .number(let yuan) = value else { throw fields.fail(field, .wrongType, "must be a number of yuan, not \(value.typeName)") }
        let fen = (yuan * 100).rounded()
        guard abs(yuan * 100 - fen) < 1e-6, fen >= 0, fen <= Double(PaidRepair.maximumFen) else {
            throw fields.fail(field, .outOfRange, "must be 0 to 1000000 yuan with at most two decimals")
        }
        return Int(fen)
    }

    private func reason() throws(ContractError) -> String {
        try fields.string("reason", required: true, maxLength: ConsoleCommand.maximumReasonLength)!
    }

    private func categoryCode() throws(ContractError) -> String? {
        guard let code = try fields.string("category", maxLength: ConsoleCommand.maximumCategoryLength) else { return nil }
        guard code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw fields.fail("category", .unknownValue, "must be a category code (a-z, 0-9 and _)")
        }
        return code
    }
}

extension RFC3339Timestamp {
    /// Whether this instant is strictly later than `other` (offsets do not matter).
    func isAfter(_ other: RFC3339Timestamp) -> Bool {
        (secondsSinceEpoch, nanoseconds) > (other.secondsSinceEpoch, other.nanoseconds)
    }
}
