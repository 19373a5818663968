import CaretakerCore
import Foundation
import Postgres

/// Applies one console command to its case in one PostgreSQL transaction: the inbox entry, the
/// case row, its history step, the events for every audience, and whatever the observers add.
///
/// Idempotent by `command_id`: a command already in the inbox does nothing and comes back as
/// `.duplicate`. A refused command (unknown case, out of order, a third postponement, …) also
/// takes its inbox entry, leaves the case untouched and tells the actor's console why; to retry,
/// the console sends a new command id. A malformed body is kept in `rejected_messages`,
/// dead-lettered and answered with `command.rejected`. The caller acks the delivery only after
/// this returns, i.e. after the commit; a thrown error is a database failure worth retrying.
public struct CommandProcessor: Sendable {
    /// The `source` of commands in `inbox` and `rejected_messages`.
    public static let source = "command"

    private let makeID: @Sendable () -> String
    private let observers: [any CaseTransitionObserver]
    private let accusedStaff: AccusedStaff
    private let authorization: AuthorizationPolicy?

    /// Creates a processor.
    ///
    /// - Parameters:
    ///   - makeID: makes event and dead-letter ids (random lower-case UUIDs by default).
    ///   - observers: run inside the transaction of every accepted command (e.g. SLA timers).
    ///   - accusedStaff: recomputes whom a reassigned complaint accuses; pass the one built from
    ///     the loaded triage rules (the default knows the role words but no `about_staff` category).
    ///   - authorization: the parties and grants to enforce; `nil` checks neither identity nor
    ///     grants (tests, `authorization.mode: off`).
    public init(makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                observers: [any CaseTransitionObserver] = [], accusedStaff: AccusedStaff = AccusedStaff(),
                authorization: AuthorizationPolicy? = nil) {
        self.makeID = makeID
        self.observers = observers
        self.accusedStaff = accusedStaff
        self.authorization = authorization
    }

    /// Decodes and applies one delivery from `caretaker.commands` in a transaction of its own.
    ///
    /// - Parameters:
    ///   - body: the message body as received.
    ///   - routingKey: the delivery's routing key, which names the command.
    ///   - amqpMessageID: the AMQP `message_id`, recorded for a malformed body without a readable `command_id`.
    ///   - userID: the AMQP `user_id`, which the broker checked against the sender's login.
    ///   - now: the worker's clock (rejection events, `updated_at`).
    public func apply(body: [UInt8], routingKey: String, amqpMessageID: String?, userID: String? = nil,
                      now: RFC3339Timestamp, on connection: PostgresConnection) async throws -> CommandOutcome {
        try await connection.withTransaction { transaction in
            try await apply(body: body, routingKey: routingKey, amqpMessageID: amqpMessageID, userID: userID, now: now,
                            in: transaction)
        }
    }

    /// Decodes and applies one delivery inside the caller's transaction.
    ///
    /// With an authorization policy, a command whose `user_id` is not a console party, or whose
    /// `actor.audience` is not that console's, is kept in `rejected_messages`, dead-lettered and
    /// answered `not_authenticated`; it takes no inbox entry, so a forged command cannot use up
    /// a genuine command's id.
    public func apply(body: [UInt8], routingKey: String, amqpMessageID: String?, userID: String? = nil,
                      now: RFC3339Timestamp, in transaction: PostgresTransaction) async throws -> CommandOutcome {
        let command: ConsoleCommand
        do {
            command = try ConsoleCommand.decode(from: body, routingKey: routingKey)
        } catch {
            try await recordMalformed(error, body: body, routingKey: routingKey, amqpMessageID: amqpMessageID,
                                      now: now, in: transaction)
            return .malformed(error)
        }
        if let authorization,
           let refusal = authorization.identify(userID: userID, role: .console, audience: command.actor.audience) {
            let console = authorization.party(user: userID)?.audience ?? .customerService
            try await recordUnauthenticated(command, refusal, body: body, console: console, now: now, in: transaction)
            return .rejected(.lifecycle(refusal.reason))
        }
        return try await apply(command, now: now, in: transaction)
    }

    /// Applies an already decoded command inside the caller's transaction.
    public func apply(_ command: ConsoleCommand, now: RFC3339Timestamp,
                      in transaction: PostgresTransaction) async throws -> CommandOutcome {
        guard try await claimInbox(command.commandID, in: transaction) else { return .duplicate }
        guard let record = try await CaseLoader.load(command.caseReference, forUpdate: true, in: transaction) else {
            try await refuse(command, record: nil, .unknownCase,
                             message: "no case matches \(command.caseReference)", now: now, in: transaction)
            return .rejected(.unknownCase)
        }
        switch CommandDecision.decide(command, on: record, authorization: authorization, accusedStaff: accusedStaff,
                                      now: now, makeID: makeID) {
        case .failure(let rejection):
            try await refuse(command, record: record, .lifecycle(rejection.reason), message: rejection.message,
                             now: now, in: transaction)
            return .rejected(.lifecycle(rejection.reason))
        case .success(let effects):
            try await write(command, effects, before: record, now: now, in: transaction)
            return .applied(caseNumber: effects.after.caseNumber, state: effects.after.state)
        }
    }

    /// Writes what the core decided: the case, its corrective actions and history step, its
    /// events and the inbox outcome; then runs the observers.
    private func write(_ command: ConsoleCommand, _ effects: CommandEffects, before: CaseRecord,
                       now: RFC3339Timestamp, in transaction: PostgresTransaction) async throws {
        let after = effects.after
        try await CaseUpdateSQL.update(after, satisfaction: effects.satisfaction, closedAt: effects.closedAt, now: now,
                                       in: transaction)
        try await CorrectiveActionSQL.record(command, caseID: after.caseID, in: transaction)
        try await HistoryEntry.insert([
            HistoryEntry(caseID: after.caseID, step: effects.transition.step, fromState: effects.transition.from,
                         toState: after.state, actor: command.actor, occurredAt: command.at,
                         sourceID: command.commandID, details: effects.historyDetails),
        ], in: transaction)
        try await OutboxSQL.insert(effects.events.map(OutboxMessage.init), in: transaction)
        try await settleInbox(command.commandID, caseID: after.caseID, outcome: "applied", in: transaction)
        let applied = AppliedTransition(command: command, transition: effects.transition, before: before, after: after,
                                        now: now)
        for observer in observers {
            try await observer.caseTransitionApplied(applied, in: transaction)
        }
    }

    /// Answers a refused command with `command.rejected` to the actor's console; the case is untouched.
    private func refuse(_ command: ConsoleCommand, record: CaseRecord?, _ refusal: CommandRefusal, message: String,
                       now: RFC3339Timestamp, in transaction: PostgresTransaction) async throws {
        let event = CaseEvents.rejected(
            commandID: command.commandID, command: command.name.rawValue, record: record, audience: command.actor.audience,
            reason: refusal.code, field: nil, message: message, at: now, makeID: makeID)
        try await OutboxSQL.insert([OutboxMessage(event)], in: transaction)
        try await settleInbox(command.commandID, caseID: record?.caseID, outcome: "rejected:\(refusal.code)",
                              in: transaction)
    }

    /// Keeps a malformed body with its reason, dead-letters it, and tells the sender's console
    /// (customer service when the actor could not be read).
    private func recordMalformed(_ error: CommandDecodingError, body: [UInt8], routingKey: String,
                                 amqpMessageID: String?, now: RFC3339Timestamp,
                                 in transaction: PostgresTransaction) async throws {
        let rejected = RejectedMessage(
            source: Self.source, messageID: error.commandID ?? amqpMessageID, routingKey: routingKey, body: body,
            field: error.field, reason: error.reason.rawValue, detail: error.message)
        let event = CaseEvents.rejected(
            commandID: error.commandID, command: routingKey, record: nil,
            audience: error.actor?.audience ?? .customerService, reason: error.reason.rawValue,
            field: error.field.isEmpty ? nil : error.field, message: error.message, at: now, makeID: makeID)
        try await RejectedMessageSQL.insert([rejected], in: transaction)
        try await OutboxSQL.insert([rejected.deadLetter(id: makeID()), OutboxMessage(event)], in: transaction)
    }

    /// Keeps a command from an unauthenticated sender with its reason, dead-letters it, and tells
    /// `console` (the sending console when the user is one, else customer service).
    private func recordUnauthenticated(_ command: ConsoleCommand, _ refusal: CommandRejection, body: [UInt8],
                                       console: EventAudience, now: RFC3339Timestamp,
                                       in transaction: PostgresTransaction) async throws {
        let rejected = RejectedMessage(
            source: Self.source, messageID: command.commandID, routingKey: command.name.rawValue, body: body,
            field: "user_id", reason: refusal.reason.rawValue, detail: refusal.message)
        let event = CaseEvents.rejected(
            commandID: command.commandID, command: command.name.rawValue, record: nil, audience: console,
            reason: refusal.reason.rawValue, field: "user_id", message: refusal.message, at: now, makeID: makeID)
        try await RejectedMessageSQL.insert([rejected], in: transaction)
        try await OutboxSQL.insert([rejected.deadLetter(id: makeID()), OutboxMessage(event)], in: transaction)
    }

    /// Takes the command's inbox entry; false when another delivery of it already did.
    private func claimInbox(_ commandID: String, in transaction: PostgresTransaction) async throws -> Bool {
        try await transaction.execute("""
            INSERT INTO inbox (source, message_id, outcome) VALUES ('command', \(commandID), 'processing')
            ON CONFLICT DO NOTHING
            """) == 1
    }

    private func settleInbox(_ commandID: String, caseID: String?, outcome: String,
                             in transaction: PostgresTransaction) async throws {
        try await transaction.execute("""
            UPDATE inbox SET outcome = \(outcome), case_id = \(caseID)::uuid
            WHERE source = 'command' AND message_id = \(commandID)
            """)
    }
}
