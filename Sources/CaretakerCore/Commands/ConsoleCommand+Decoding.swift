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
            object = try ContractError.parseObject(bytes, maximumBytes: maximumMessageBytes)
        } catch {
            throw CommandDecodingError(problem: error)
        }
        return try decode(object: object, routingKey: routingKey)
    }

    /// Decodes from an already parsed JSON object.
    public static func decode(object: JSONValue, routingKey: String) throws(CommandDecodingError) -> ConsoleCommand {
        let reader = ContractReader(object)
        var commandID: String?
        do throws(ContractError) {
            guard let name = CaseAction.Name(rawValue: routingKey) else {
                throw ContractError(field: "command", reason: .unknownValue, message:
                                         "the routing key must be one of: \(CaseAction.allRawNames.joined(separator: ", "))")
            }
            if let named = try reader.string("command", required: false, maxLength: 64), named != routingKey {
                throw ContractError(field: "command", reason: .unknownValue, message: "must equal the routing key when present")
            }
            let id = try reader.string("command_id", maxLength: maximumCommandIDLength)!
            commandID = id
            let reference = try caseReference(reader)
            let actor = try Self.actor(reader)
            let at = try reader.timestamp("at")!
            let action = try Self.action(name, reader, at: at)
            return ConsoleCommand(commandID: id, caseReference: reference, actor: actor, at: at, action: action)
        } catch {
            var problem = error
            problem.messageID = commandID ?? ContractError.peekID("command_id", in: object, maximumLength: maximumCommandIDLength)
            throw CommandDecodingError(problem: problem, actor: try? Self.actor(reader))
        }
    }

    private static func caseReference(_ reader: ContractReader) throws(ContractError) -> CaseReference {
        let id = try reader.string("case_id", required: false, maxLength: 36)
        if let id, !CaseReference.isUUID(id) {
            throw ContractError(field: "case_id", reason: .invalidUUID, message: "must be a UUID such as 0b6e3c52-3f1d-4f7a-9a51-2d1c7e0f4a10")
        }
        let number = try reader.string("case_number", required: false, maxLength: ConsoleCommand.maximumCaseNumberLength)
        guard let reference = CaseReference(caseID: id, caseNumber: number) else {
            throw ContractError(field: "case_id", reason: .missing, message: "case_id or case_number is required")
        }
        return reference
    }

    private static func actor(_ reader: ContractReader) throws(ContractError) -> CaseActor {
        let value = try reader.object("actor")
        let actor = CaseActor(
            id: try value.string("id", maxLength: 128)!,
            name: try value.string("name", required: false, maxLength: 100),
            role: try value.string("role", required: false, maxLength: 64),
            audience: try value.enumeration("audience")!
        )
        guard actor.audience != .resident, actor.audience != .developer else {
            throw ContractError(field: "actor.audience", reason: .unknownValue, message:
                              "\(actor.audience.rawValue) receives notes only; commands come from a department console, management or leadership")
        }
        return actor
    }

    /// The command's own fields, by command name.
    private static func action(_ name: CaseAction.Name, _ reader: ContractReader, at: RFC3339Timestamp) throws(ContractError) -> CaseAction {
        switch name {
        case .accept: return .accept
        case .arrive: return .arrive
        case .returnWorkOrder: return .returnWorkOrder
        case .close: return .close
        case .reply: return .reply(note: try note(reader, required: true))
        case .resolve: return .resolve(note: try note(reader, required: true))
        case .complete:
            let fee = try money(reader, "fee")
            let receipt = try reader.string("receipt_number", required: false, maxLength: 64)
            return .complete(note: try note(reader, required: false), feeFen: fee, receiptNumber: receipt)
        case .quote:
            guard let price = try money(reader, "price") else { throw ContractError(field: "price", reason: .missing, message: "required field is missing") }
            let materials = try reader.string("materials", maxLength: ConsoleCommand.maximumNoteLength)!
            return .quote(RepairQuote(priceFen: price, materials: materials))
        case .setPriority:
            let priority: RepairPriority = try reader.enumeration("priority")!
            return .setPriority(priority, reason: try reason(reader))
        case .consent: return .consent
        case .decline: return .decline(reason: try reason(reader))
        case .signOff:
            let result: SignOff = try reader.enumeration("result")!
            return .signOff(result, note: try note(reader, required: false))
        case .reviewDispute: return .reviewDispute(note: try note(reader, required: true))
        case .plan:
            let summary = try reader.string("summary", maxLength: ConsoleCommand.maximumNoteLength)!
            let expected = try reader.timestamp("expected_completion")!
            guard expected.isAfter(at) else { throw ContractError(field: "expected_completion", reason: .outOfRange, message: "must be after at") }
            return .plan(RepairPlan(summary: summary, expectedCompletion: expected))
        case .approvePlan:
            let approver: PlanApprover = try reader.enumeration("approver")!
            return .approvePlan(approver, note: try note(reader, required: false))
        case .progress:
            var percent: Int?
            if let value = reader.value["percent_done"] {
                guard case .number(let number) = value else {
                    throw ContractError(field: "percent_done", reason: .wrongType, message: "must be a number, not \(value.typeName)")
                }
                guard number == number.rounded(), (0...100).contains(number) else {
                    throw ContractError(field: "percent_done", reason: .outOfRange, message: "must be a whole number 0 to 100")
                }
                percent = Int(number)
            }
            return .progress(note: try note(reader, required: true), percentDone: percent)
        case .postpone:
            let until = try reader.timestamp("until")!
            guard until.isAfter(at) else { throw ContractError(field: "until", reason: .outOfRange, message: "must be after at") }
            return .postpone(until: until, reason: try reason(reader))
        case .followUp:
            let satisfaction = try reader.integer("satisfaction", range: CaseLifecycle.satisfactionRange)!
            return .followUp(
                satisfaction: satisfaction, note: try note(reader, required: false),
                visitedBy: try reader.string("visited_by", required: false, maxLength: 100),
                correctiveReport: try reader.string("corrective_report", required: false, maxLength: ConsoleCommand.maximumNoteLength))
        case .reopen: return .reopen(reason: try reason(reader))
        case .reassign:
            let department: Department = try reader.enumeration("department")!
            let category = try categoryCode(reader)
            return .reassign(to: department, category: category, reason: try reason(reader))
        case .assess:
            let validity: ComplaintValidity = try reader.enumeration("validity")!
            let reason = try Self.reason(reader)
            let otherBody: OtherBody? = try reader.enumeration("other_body", required: false)
            return .assess(validity: validity, reason: reason, otherBody: otherBody)
        case .analyse:
            return .analyse(cause: try reader.string("cause", maxLength: ConsoleCommand.maximumNoteLength)!)
        case .correct:
            let action = try reader.string("action", maxLength: ConsoleCommand.maximumNoteLength)!
            let owner = try reader.string("owner", maxLength: 100)!
            let due = try reader.timestamp("due")!
            guard due.isAfter(at) else { throw ContractError(field: "due", reason: .outOfRange, message: "must be after at") }
            return .correct(CorrectiveAction(action: action, owner: owner, dueAt: due))
        case .verifyCorrection:
            let verdict: CorrectionVerdict = try reader.enumeration("verdict")!
            return .verifyCorrection(verdict: verdict, note: try note(reader, required: false))
        case .appoint:
            let time = try reader.timestamp("appointment_at")!
            guard time.isAfter(at) else { throw ContractError(field: "appointment_at", reason: .outOfRange, message: "must be after at") }
            return .appoint(at: time, reason: try reader.string("reason", required: false, maxLength: ConsoleCommand.maximumReasonLength))
        case .holdMeeting:
            let note = try Self.note(reader, required: true)
            return .holdMeeting(note: note, attendees: try reader.string("attendees", required: false, maxLength: ConsoleCommand.maximumReasonLength))
        case .informResident:
            let note = try Self.note(reader, required: true)
            let eta = try reader.timestamp("eta", required: false)
            if let eta, !eta.isAfter(at) { throw ContractError(field: "eta", reason: .outOfRange, message: "must be after at") }
            return .informResident(note: note, eta: eta)
        }
    }

    private static func note(_ reader: ContractReader, required: Bool) throws(ContractError) -> String {
        try reader.string("note", required: required, maxLength: ConsoleCommand.maximumNoteLength) ?? ""
    }

    /// An amount in yuan with at most two decimals (`128.5`), as fen; `nil` when absent.
    private static func money(_ reader: ContractReader, _ field: String) throws(ContractError) -> Int? {
        guard let value = reader.value[field] else { return nil }
        guard case .number(let yuan) = value else { throw ContractError(field: field, reason: .wrongType, message: "must be a number of yuan, not \(value.typeName)") }
        let fen = (yuan * 100).rounded()
        guard abs(yuan * 100 - fen) < 1e-6, fen >= 0, fen <= Double(PaidRepair.maximumFen) else {
            throw ContractError(field: field, reason: .outOfRange, message: "must be 0 to 1000000 yuan with at most two decimals")
        }
        return Int(fen)
    }

    private static func reason(_ reader: ContractReader) throws(ContractError) -> String {
        try reader.string("reason", maxLength: ConsoleCommand.maximumReasonLength)!
    }

    private static func categoryCode(_ reader: ContractReader) throws(ContractError) -> String? {
        guard let code = try reader.string("category", required: false, maxLength: ConsoleCommand.maximumCategoryLength) else { return nil }
        guard code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw ContractError(field: "category", reason: .unknownValue, message: "must be a category code (a-z, 0-9 and _)")
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
