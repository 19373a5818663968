import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Postgres

/// A scratch database with the schema, cases created through `IntakeRecorder`, and helpers that
/// send command bodies the way a console publishes them and read back what they did.
struct CommandScenario {
    /// The worker's clock: after every command these tests send (a later `at` is refused as invalid_time).
    static let now = RFC3339Timestamp("2026-11-30T12:00:00+08:00")!
    static let technician = #"{"id":"E1024","name":"李师傅","role":"technician","audience":"engineering"}"#
    static let guardLead = #"{"id":"S0007","name":"赵队长","role":"supervisor","audience":"security"}"#
    static let receptionist = #"{"id":"C0311","name":"陈小姐","role":"receptionist","audience":"customer_service"}"#
    static let manager = #"{"id":"M0001","name":"林经理","role":"manager","audience":"management"}"#
    static let qualityOfficer = #"{"id":"Q0002","name":"黄主任","role":"quality","audience":"quality"}"#

    let database: ScratchDatabase
    let connection: PostgresConnection
    let processor: CommandProcessor

    static func start(_ purpose: String, observers: [any CaseTransitionObserver] = []) async throws -> CommandScenario {
        let database = try await ScratchDatabase.create(purpose)
        let connection = try await database.connect()
        _ = try await MigrationRunner().migrate(on: connection)
        return CommandScenario(database: database, connection: connection, processor: CommandProcessor(observers: observers))
    }

    /// Runs `body` with a new scenario and finishes it afterwards, also when `body` throws.
    static func run<T>(_ purpose: String, observers: [any CaseTransitionObserver] = [],
                       isolation: isolated (any Actor)? = #isolation,
                       _ body: (CommandScenario) async throws -> T) async throws -> T {
        let scenario = try await start(purpose, observers: observers)
        return try await withCleanup { try await body(scenario) } cleanup: { try await scenario.finish() }
    }

    func finish() async throws {
        await connection.close()
        try await database.drop()
    }

    /// Creates a repair (engineering, lighting) or a complaint (security, major, notify management
    /// and leadership) the way the intake consumer does; returns its id and number.
    func createCase(_ kind: IntakeMessage.Kind, messageID: String = UUID().uuidString) async throws -> (id: String, number: String) {
        let message = IntakeMessage(
            messageID: messageID, kind: kind, text: kind == .repair ? "楼道灯不亮" : "保安态度差",
            receivedAt: RFC3339Timestamp("2026-11-02T08:55:00+08:00")!, channel: .hotline, estate: "翠湖苑",
            resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"), location: "3栋2单元",
            flags: kind == .complaint ? [.repeat] : [], reportedTimes: kind == .complaint ? 2 : nil,
            promisedFeedbackAt: RFC3339Timestamp("2026-11-03T18:00:00+08:00")!,
            attachments: ["https://img.example.com/1.jpg"])
        let decision = kind == .repair
            ? TriageDecision(department: .engineering, category: "lighting", priority: .general,
                             responsibility: .free, reasons: ["lighting: 灯"], rulesVersion: "test")
            : TriageDecision(department: .security, category: "guard_conduct", severity: .major,
                             notify: [.management, .leadership], reasons: ["guard_conduct: 保安"], rulesVersion: "test")
        let outcomes = try await IntakeRecorder().record(
            [.report(message, decision, accused: kind == .complaint ? [.security] : [])], now: Self.now, on: connection)
        guard case .created(let id, let number) = outcomes.first else { throw ScenarioError.notCreated }
        return (id, number)
    }

    /// A command body as a console writes it; `fields` are JSON texts, `nil` removes a field.
    static func body(id: String, caseID: String?, caseNumber: String? = nil, actor: String? = technician,
                     at: String = "2026-11-02T10:00:00+08:00", _ fields: [String: String?] = [:]) -> [UInt8] {
        var members: [String: String] = ["command_id": "\"\(id)\"", "at": "\"\(at)\""]
        if let caseID { members["case_id"] = "\"\(caseID)\"" }
        if let caseNumber { members["case_number"] = "\"\(caseNumber)\"" }
        if let actor { members["actor"] = actor }
        for (key, value) in fields { members[key] = value }
        return Array(("{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }
            .joined(separator: ",") + "}").utf8)
    }

    /// Sends `command` for the case `caseID` with a fresh command id unless one is given.
    @discardableResult
    func send(_ command: String, to caseID: String, id: String = UUID().uuidString, actor: String = technician,
              _ fields: [String: String?] = [:]) async throws -> CommandOutcome {
        try await send(bytes: Self.body(id: id, caseID: caseID, actor: actor, fields), routingKey: command)
    }

    func send(bytes: [UInt8], routingKey: String, amqpMessageID: String? = "amqp-1") async throws -> CommandOutcome {
        try await processor.apply(body: bytes, routingKey: routingKey, amqpMessageID: amqpMessageID,
                                  now: Self.now, on: connection)
    }

    struct Step: Equatable, CustomStringConvertible {
        var step: String
        var from: String?
        var to: String
        var actor: String
        var description: String { "\(step) \(from ?? "-")→\(to) by \(actor)" }
    }

    func history(_ caseID: String) async throws -> [Step] {
        try await connection.query("""
            SELECT step, from_state, to_state, actor_id FROM case_history WHERE case_id = \(caseID)::uuid ORDER BY id
            """).map {
            Step(step: try $0.decode("step"), from: try $0.decode("from_state"), to: try $0.decode("to_state"),
                 actor: try $0.decode("actor_id"))
        }
    }

    func lastHistoryDetails(_ caseID: String) async throws -> JSONValue {
        let text = try await connection.query("""
            SELECT details::text FROM case_history WHERE case_id = \(caseID)::uuid ORDER BY id DESC LIMIT 1
            """).single().decode(0, as: String.self)
        return try JSONParser.parse(Array(text.utf8))
    }

    func column<Value: PostgresDecodable>(_ name: String, of caseID: String, as type: Value.Type) async throws -> Value {
        try await connection.query("""
            SELECT \(unsafeRaw: name) FROM cases WHERE case_id = \(caseID)::uuid
            """).single().decode(0, as: type)
    }

    func outboxCount() async throws -> Int {
        try await connection.query("SELECT count(*)::int8 FROM outbox").single().decode(0, as: Int.self)
    }

    /// The routing keys of outbox rows after row `after`, in order.
    func outboxKeys(after: Int) async throws -> [String] {
        try await connection.query("SELECT routing_key FROM outbox WHERE id > \(after) ORDER BY id")
            .map { try $0.decode(0, as: String.self) }
    }

    /// The JSON body of the newest outbox row on `caretaker.events`.
    func lastEvent() async throws -> JSONValue {
        let text = try await connection.query("""
            SELECT convert_from(body, 'UTF8') FROM outbox WHERE exchange = 'caretaker.events' ORDER BY id DESC LIMIT 1
            """).single().decode(0, as: String.self)
        return try JSONParser.parse(Array(text.utf8))
    }

    func maxOutboxID() async throws -> Int {
        try await connection.query("SELECT coalesce(max(id), 0)::int8 FROM outbox").single().decode(0, as: Int.self)
    }

    enum ScenarioError: Error { case notCreated }
}

/// The rejection a `command.rejected` event carries.
func rejection(_ event: JSONValue) -> (reason: String?, field: String?, command: String?) {
    func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
    let body = event["rejection"]
    return (text(body?["reason"]), text(body?["field"]), text(body?["command"]))
}
