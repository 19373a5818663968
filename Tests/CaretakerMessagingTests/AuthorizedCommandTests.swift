import AMQP
import Backoff
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Logging
import Postgres
import Prometheus
import Testing

/// The command consumer, logged in as the worker party and enforcing the shipped
/// `config/authorization.json`, against commands the consoles publish as themselves.
@Suite(.serialized, .requiring(.postgres, .rabbitmq))
struct AuthorizedCommandTests {
    static let at = "2026-11-02T10:00:00+08:00"

    static func policy() throws -> AuthorizationPolicy {
        try AuthorizationPolicy.parse(try Data(contentsOf: TestServers.repositoryRoot.appendingPathComponent("config/authorization.json")))
    }

    /// An engineering repair (lighting), recorded the way the intake consumer records one.
    static func createRepair(on connection: PostgresConnection) async throws -> String {
        let message = IntakeMessage(
            messageID: UUID().uuidString, kind: .repair, text: "楼道灯不亮",
            receivedAt: RFC3339Timestamp("2026-11-02T08:55:00+08:00")!, channel: .hotline, estate: "翠湖苑",
            resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"), location: "3栋2单元")
        let decision = TriageDecision(department: .engineering, category: "lighting", priority: .general,
                                      responsibility: .free, reasons: ["lighting: 灯"], rulesVersion: "test")
        let outcomes = try await IntakeRecorder().record([.report(message, decision, accused: [])],
                                                         now: RFC3339Timestamp(at)!, on: connection)
        guard case .created(let id, _)? = outcomes.first else { throw TimedOut(what: "a created case") }
        return id
    }

    static func body(_ commandID: String, caseID: String, audience: String) -> [UInt8] {
        Array(#"""
            {"command_id":"\#(commandID)","case_id":"\#(caseID)","at":"\#(at)",\#
            "actor":{"id":"X1","name":"李师傅","role":"staff","audience":"\#(audience)"}}
            """#.utf8)
    }

    /// Publishes `command` logged in at `url`, with `userID` as the AMQP property.
    static func send(_ command: String, body: [UInt8], url: String, userID: String?) async throws {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url))
        try await AuthorizationBrokerTests.on(connection) { connection in
            try connection.enableConfirms()
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: UUID().uuidString, userID: userID)
            _ = try connection.publish(body, exchange: ExchangeName.commands, routingKey: command, mandatory: true,
                                       properties: properties)
            _ = try connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(10))
        }
        await connection.close()
    }

    @Test func consolesActOnlyAsThemselvesAndOnlyOnWhatTheyAreGranted() async throws {
        let database = try await ScratchDatabase.create("authz-commands")
        let admin = try await database.connect()
        try await withCleanup {
            _ = try await MigrationRunner().migrate(on: admin)
            try await ScratchVirtualHost.with("authz-commands") { vhost in
                try PartyLogin.grant(on: vhost)
                try await run(vhost: vhost, database: database, admin: admin)
            }
        } cleanup: {
            await admin.close()
            try await database.drop()
        }
    }

    private func run(vhost: ScratchVirtualHost, database: ScratchDatabase, admin: PostgresConnection) async throws {
        let lines = OutboxReturnTests.Lines()
        let logger = Logger(label: "test.authz") { label in
            JSONLogHandler(label: label, level: .warning) { line in lines.collected.withLock { $0.append(line) } }
        }
        let consumer = CommandConsumer(
            settings: IntakeConsumerSettings(
                amqp: try AMQPConfiguration(url: PartyLogin.url(PartyLogin.worker, vhost: vhost), heartbeat: .seconds(5)),
                reconnect: ExponentialBackoff(maximumDelay: .milliseconds(500))),
            processor: CommandProcessor(authorization: try Self.policy()), database: try await database.connect(),
            now: { RFC3339Timestamp(Date()) }, signal: OutboxSignal(), logger: logger)
        let stop = StopFlag()
        let running = Task { await consumer.run(stop: stop) }
        try await withCleanup {
            try await eventually("consumer ready", timeout: .seconds(20)) { consumer.statistics.isConsuming }
            let caseID = try await Self.createRepair(on: admin)
            let security = PartyLogin.console("security"), engineering = PartyLogin.console("engineering")

            // Security may not complete engineering's repair: not_authorized, told to security's console.
            try await Self.send("complete", body: Self.body("sec-complete", caseID: caseID, audience: "security"),
                                url: PartyLogin.url(security, vhost: vhost), userID: security)
            // Security naming engineering as the actor: not_authenticated, no inbox entry taken.
            try await Self.send("accept", body: Self.body("sec-as-eng", caseID: caseID, audience: "engineering"),
                                url: PartyLogin.url(security, vhost: vhost), userID: security)
            // No user_id at all (guest may publish on a test vhost): not_authenticated.
            try await Self.send("accept", body: Self.body("no-user-id", caseID: caseID, audience: "engineering"),
                                url: vhost.url, userID: nil)
            // Engineering accepting its own repair is applied.
            try await Self.send("accept", body: Self.body("eng-accept", caseID: caseID, audience: "engineering"),
                                url: PartyLogin.url(engineering, vhost: vhost), userID: engineering)
            try await eventually("four commands handled", timeout: .seconds(20)) {
                let counters = consumer.statistics.snapshot
                return counters.applied + counters.rejected == 4
            }
            #expect(try await outcome("sec-complete", admin) == "rejected:not_authorized")
            #expect(try await outcome("eng-accept", admin) == "applied")
            #expect(try await outcome("sec-as-eng", admin) == nil)
            #expect(try await outcome("no-user-id", admin) == nil)
            #expect(try await rejectedReasons(admin) == ["no-user-id": "not_authenticated", "sec-as-eng": "not_authenticated"])
            let keys = try await admin.query("SELECT routing_key FROM outbox ORDER BY id").rows.map { try $0.decode(0, as: String.self) }
            #expect(keys.filter { $0 == "security.command.rejected" }.count == 2)
            #expect(keys.filter { $0 == "customer_service.command.rejected" }.count == 1)
            let counters = consumer.statistics.snapshot
            let refusals = lines.all.filter { $0.contains("command refused by authorization") }
            #expect(refusals.count == 3, "\(lines.all)")
            #expect(refusals.filter { $0.contains("not_authorized") }.count == 1)
            #expect(!lines.all.contains { $0.contains("李师傅") || $0.contains("X1") }, "no actor's name or id in a log line")
            #expect(counters.notAuthorized == 1 && counters.notAuthenticated == 2)
            let metricLines = Self.scrape(consumer.statistics).split(separator: "\n")
                .filter { $0.hasPrefix("caretaker_access_refused_total{") }
            #expect(metricLines.contains {
                $0.contains(#"queue="commands""#) && $0.contains(#"reason="not_authorized""#) && $0.hasSuffix(" 1")
            })
            #expect(metricLines.contains {
                $0.contains(#"queue="commands""#) && $0.contains(#"reason="not_authenticated""#) && $0.hasSuffix(" 2")
            })
            #expect(try await admin.query("SELECT state FROM cases WHERE case_id = \(caseID)::uuid").single()
                .decode(0, as: String.self) == "accepted")
        } cleanup: {
            stop.raise()
            await running.value
        }
    }

    /// The worker's Prometheus exposition for these command statistics.
    static func scrape(_ commands: CommandStatistics) -> String {
        let registry = PrometheusCollectorRegistry()
        let metrics = WorkerMetrics(registry: registry, sources: WorkerStatisticsSources(
            intake: IntakeStatistics(), commands: commands, outbox: OutboxStatistics(), timers: { TimerFiringStore.Report() }))
        metrics.refresh()
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func outcome(_ commandID: String, _ admin: PostgresConnection) async throws -> String? {
        try await admin.query("SELECT outcome FROM inbox WHERE source = 'command' AND message_id = \(commandID)")
            .rows.first?.decode(0, as: String.self)
    }

    private func rejectedReasons(_ admin: PostgresConnection) async throws -> [String: String] {
        var reasons: [String: String] = [:]
        for row in try await admin.query("SELECT message_id, reason FROM rejected_messages WHERE source = 'command'").rows {
            reasons[try row.decode(0, as: String.self)] = try row.decode(1, as: String.self)
        }
        return reasons
    }
}
