import AMQP
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Testing

/// What the broker itself refuses the parties, with the real party users and the shipped
/// permissions (`deploy/rabbitmq/permissions.json`) on a virtual host of the test's own.
@Suite(.serialized, .requiring(.rabbitmq))
struct AuthorizationBrokerTests {
    /// Runs `body` on a new virtual host where the worker user has declared the topology.
    static func withParties(_ purpose: String, _ body: (ScratchVirtualHost) async throws -> Void) async throws {
        try await ScratchVirtualHost.with(purpose) { vhost in
            try PartyLogin.grant(on: vhost)
            let worker = try await login(PartyLogin.worker, vhost)
            try await on(worker) { try Topology.caretaker().declare(on: $0) }
            await worker.close()
            try await body(vhost)
        }
    }

    static func login(_ user: String, _ vhost: ScratchVirtualHost) async throws -> AMQPConnection {
        try await AMQPConnection.connect(AMQPConfiguration(url: PartyLogin.url(user, vhost: vhost)))
    }

    static func on<T: Sendable>(_ connection: isolated AMQPConnection,
                                _ body: @Sendable (isolated AMQPConnection) throws -> T) throws -> T {
        try body(connection)
    }

    /// The AMQP reply code `body` fails with (0 when it does not fail).
    static func replyCode(_ body: () async throws -> Void) async -> Int {
        do {
            try await body()
            return 0
        } catch let error as AMQPError {
            return error.code
        } catch {
            return -1
        }
    }

    /// Publishes a command-shaped body to `exchange` and waits for the confirm.
    static func publishConfirmed(on connection: AMQPConnection, exchange: String, routingKey: String,
                                 userID: String?) async throws {
        try await on(connection) { connection in
            try connection.enableConfirms()
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: UUID().uuidString, userID: userID)
            _ = try connection.publish(Array(#"{"command_id":"x"}"#.utf8), exchange: exchange, routingKey: routingKey,
                                       mandatory: true, properties: properties)
            _ = try connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(10))
        }
    }

    static func messageCount(_ queue: String, _ vhost: ScratchVirtualHost) async throws -> Int {
        let worker = try await login(PartyLogin.worker, vhost)
        defer { Task { await worker.close() } }
        return Int(try await worker.inspectQueue(queue).messageCount)
    }

    @Test func aSecurityConsoleReadsItsOwnQueueButNotEngineerings() async throws {
        try await Self.withParties("authz-consume") { vhost in
            let own = try await Self.login(PartyLogin.console("security"), vhost)
            let ownCode = await Self.replyCode {
                _ = try await own.consume(queue: Topology.eventQueue(for: .security))
            }
            await own.close()
            #expect(ownCode == 0)
            let other = try await Self.login(PartyLogin.console("security"), vhost)
            let code = await Self.replyCode {
                _ = try await other.consume(queue: Topology.eventQueue(for: .engineering))
            }
            await other.close()
            #expect(code == 403, "ACCESS_REFUSED expected")
        }
    }

    @Test func aConsoleCannotForgeAnotherUsersUserID() async throws {
        try await Self.withParties("authz-forge") { vhost in
            let security = try await Self.login(PartyLogin.console("security"), vhost)
            let code = await Self.replyCode {
                try await Self.publishConfirmed(on: security, exchange: ExchangeName.commands, routingKey: "complete",
                                                userID: PartyLogin.console("engineering"))
            }
            await security.close()
            #expect(code == 406, "PRECONDITION_FAILED expected: user_id must equal the login")
            #expect(try await Self.messageCount(Topology.commandQueue, vhost) == 0)
        }
    }

    @Test func aConsolePublishesCommandsUnderItsOwnUserID() async throws {
        try await Self.withParties("authz-own-id") { vhost in
            let security = try await Self.login(PartyLogin.console("security"), vhost)
            let code = await Self.replyCode {
                try await Self.publishConfirmed(on: security, exchange: ExchangeName.commands, routingKey: "accept",
                                                userID: PartyLogin.console("security"))
            }
            await security.close()
            #expect(code == 0)
            #expect(try await Self.messageCount(Topology.commandQueue, vhost) == 1)
        }
    }

    @Test func theHotlineCannotPublishCommandsButPublishesReports() async throws {
        try await Self.withParties("authz-hotline") { vhost in
            let hotline = try await Self.login(PartyLogin.hotline, vhost)
            let code = await Self.replyCode {
                try await Self.publishConfirmed(on: hotline, exchange: ExchangeName.commands, routingKey: "close",
                                                userID: PartyLogin.hotline)
            }
            await hotline.close()
            #expect(code == 403, "ACCESS_REFUSED expected")
            #expect(try await Self.messageCount(Topology.commandQueue, vhost) == 0)
            let again = try await Self.login(PartyLogin.hotline, vhost)
            let reportCode = await Self.replyCode {
                try await Self.publishConfirmed(on: again, exchange: ExchangeName.intake, routingKey: "repair",
                                                userID: PartyLogin.hotline)
            }
            await again.close()
            #expect(reportCode == 0)
            #expect(try await Self.messageCount(Topology.intakeQueue, vhost) == 1)
        }
    }

    @Test(arguments: [PartyLogin.hotline, PartyLogin.console("engineering"), PartyLogin.ops])
    func onlyTheWorkerDeclaresCaretakersQueues(_ user: String) async throws {
        try await Self.withParties("authz-declare") { vhost in
            let connection = try await Self.login(user, vhost)
            let code = await Self.replyCode {
                _ = try await Self.on(connection) { try $0.declareQuorumQueue("caretaker.sneaky", deadLetterExchange: nil, deliveryLimit: nil) }
            }
            await connection.close()
            #expect(code == 403, "ACCESS_REFUSED expected for \(user)")
        }
    }

    @Test func opsTapEventsThroughTheirOwnQueuesButDoNotConsumeTheConsoles() async throws {
        try await Self.withParties("authz-ops") { vhost in
            let tap = WatchTap(audiences: [.engineering, .security], deadLetters: true, topology: Topology.caretaker())
            let ops = try await Self.login(PartyLogin.ops, vhost)
            let tapCode = await Self.replyCode { _ = try await Self.on(ops) { try tap.start(on: $0, topology: Topology.caretaker()) } }
            await ops.close()
            #expect(tapCode == 0)
            let again = try await Self.login(PartyLogin.ops, vhost)
            let code = await Self.replyCode { _ = try await again.consume(queue: Topology.eventQueue(for: .engineering)) }
            await again.close()
            #expect(code == 403, "ACCESS_REFUSED expected")
        }
    }
}
