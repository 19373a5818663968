import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Foundation
import Postgres
import Testing

/// Seed 001 一.2(4) end to end: a real `caretaker run` gets a complaint about a technician, then
/// a reassignment; engineering's queue and outbox never see the resident's name or phone.
@Suite(.serialized) struct PrivacyWorkerTests {
    static let name = "张伟"
    static let phone = "13912345678"

    @Test(.requiring(.postgres, .rabbitmq)) func engineeringNeverSeesWhoComplainedAboutItsTechnicianBeforeOrAfterAReassignment() async throws {
        try await withScenario("privacy") { scenario, workers in
            let worker = try await workers.start(scenario, "privacy", ["CARETAKER_METRICS_PORT": "\(try HTTPProbe.freePort())"])
            let publisher = try await IntakePublisher(configuration: AMQPConfiguration(url: scenario.vhost.url))
            try await publisher.publish(IntakeMessage(
                messageID: "privacy-1", kind: .complaint,
                text: "水管修了三次还在漏水,维修师傅李师傅态度很差,我是张伟,电话 139 1234 5678",
                receivedAt: WorkerClock().now(), channel: .hotline, estate: "翠湖苑",
                resident: .init(name: Self.name, phone: Self.phone, unit: "5-1-302")))
            try await publisher.flush()
            try await worker.waitForLog("case created", timeout: .seconds(30))
            let caseID = try await scenario.text("SELECT case_id::text FROM cases WHERE correlation_id = 'privacy-1'")
            #expect(try await scenario.text("SELECT department FROM cases WHERE case_id = \(caseID)::uuid") == "engineering")
            #expect(try await scenario.text("SELECT array_to_string(accused, ',') FROM cases") == "engineering")

            let command = #"{"command_id":"privacy-c1","case_id":"\#(caseID)","at":"\#(WorkerClock().now())","#
                + #""actor":{"id":"C0311","role":"receptionist","audience":"customer_service"},"#
                + #""department":"customer_service","category":"staff_conduct","reason":"服务态度投诉"}"#
            try await publisher.publish(body: Array(command.utf8), messageID: "privacy-c1", routingKey: "reassign",
                                        exchange: ExchangeName.commands)
            try await publisher.flush()
            await publisher.close()
            try await worker.waitForLog("command processed", timeout: .seconds(30))

            let engineering = try await scenario.bodies(of: Topology.eventQueue(for: .engineering), count: 2)
            #expect(engineering.map { $0["event_type"] } == [.string("case.created"), .string("case.reassigned")])
            let customerService = try await scenario.bodies(of: Topology.eventQueue(for: .customerService), count: 2)
            #expect(customerService.map { $0["contact"]?["phone"] } == [.string(Self.phone), .string(Self.phone)])
            let outbox = try await scenario.texts("SELECT convert_from(body, 'UTF8') FROM outbox WHERE routing_key LIKE 'engineering.%'")
            #expect(outbox.count == 2)
            for body in engineering.map(\.serialized) + outbox {
                #expect(!body.contains(Self.name) && !body.contains(Self.phone) && !body.contains("139 1234 5678"), "\(body)")
                #expect(body.contains(#""contact":null"#) && body.contains(#""contact_withheld":true"#), "\(body)")
                #expect(body.contains("维修师傅*师傅态度很差,我是**,电话 *** **** ****"), "\(body)")
            }
            worker.kill(.term)
            #expect(try await worker.waitForExit(timeout: .seconds(25)) == .exited(0))
        }
    }
}

extension WorkerScenario {
    /// The one text value of a one-row query.
    func text(_ sql: SQLQuery) async throws -> String {
        try await texts(sql).first ?? ""
    }

    /// The first column of every row of `sql`, as text.
    func texts(_ sql: SQLQuery) async throws -> [String] {
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        return try await connection.query(sql).map { try $0.decode(0, as: String.self) }
    }

    /// Reads and acknowledges `count` messages of `queue` (waiting up to 30 s), parsed as JSON.
    func bodies(of queue: String, count: Int) async throws -> [JSONValue] {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: vhost.url))
        defer { Task { await connection.close() } }
        return try await Self.bodies(of: queue, count: count, on: connection)
    }

    private static func bodies(of queue: String, count: Int, on connection: isolated AMQPConnection) throws -> [JSONValue] {
        try connection.consume(queue: queue)
        var bodies: [JSONValue] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while bodies.count < count, ContinuousClock.now < deadline {
            guard case .delivery(let delivery) = try connection.nextEvent(timeout: .milliseconds(500)) else { continue }
            bodies.append(try JSONParser.parse(delivery.body))
            try connection.ack(delivery.deliveryTag)
        }
        return bodies
    }
}
