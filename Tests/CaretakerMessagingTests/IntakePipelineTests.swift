import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import CaretakerTestSupport
import Postgres
import Testing

@Suite(.serialized) struct IntakePipelineTests {
    @Test(.requiring(.postgres, .rabbitmq)) func aThousandReportsBecomeAThousandCasesEachAnnouncedToItsAudiences() async throws {
        try await PipelineHarness.run("thousand") { harness in
            try await harness.waitUntilConsuming()
            let hotline = try await harness.hotline()
            let reports = HotlineTraffic.reports(1_000, prefix: "thousand")
            // What every queue must hold, worked out from the reports themselves, not from the cases
            // the worker wrote: each case's `case.created` reaches customer service, its department,
            // whoever triage says to notify, and quality management for a major complaint, once; the
            // resident is told the report was received, and the developer gets a contact note for
            // a warranty repair.
            let created = try Self.expectedCreatedEvents(for: reports)
            #expect(created[.customerService] == 1_000)
            var expected = created
            expected[.resident, default: 0] += reports.count
            expected[.developer, default: 0] += try Self.warrantyRepairs(in: reports)
            #expect(expected[.developer, default: 0] > 0)
            #expect(expected[.management, default: 0] > 0 && expected[.leadership, default: 0] > 0,
                    "the traffic reaches management and leadership, so their queues are checked for something")
            try await harness.publish(reports, on: hotline)

            try await eventually("1,000 cases", timeout: .seconds(60)) {
                try await harness.count("SELECT count(*)::int8 FROM cases") == 1_000
            }
            try await eventually("outbox drained", timeout: .seconds(60)) {
                try await harness.count("SELECT count(*)::int8 FROM outbox WHERE sent_at IS NULL") == 0
            }
            for audience in EventAudience.allCases {
                let queue = Topology.eventQueue(for: audience)
                let depth = try await hotline.inspectQueue(queue).messageCount
                #expect(Int(depth) == expected[audience, default: 0], "queue \(queue)")
            }
            let createdEvents = try await harness.count("""
                SELECT count(*)::int8 FROM outbox WHERE routing_key LIKE '%.case.created' AND sent_at IS NOT NULL
                """)
            #expect(createdEvents == created.values.reduce(0, +))
            #expect(harness.consumer.statistics.snapshot.created == 1_000)
            await hotline.close()
        }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func theSameMessageThreeTimesMakesOneCase() async throws {
        try await PipelineHarness.run("thrice") { harness in
            try await harness.waitUntilConsuming()
            let hotline = try await harness.hotline()
            let report = HotlineTraffic.reports(1, prefix: "thrice")[0]
            for _ in 0..<3 { try await harness.publish([report], on: hotline) }
            try await eventually("three deliveries settled", timeout: .seconds(30)) {
                harness.consumer.statistics.snapshot.acked == 3
            }
            #expect(try await harness.count("SELECT count(*)::int8 FROM cases") == 1)
            #expect(harness.consumer.statistics.snapshot.duplicates == 2)
            await hotline.close()
        }
    }

    @Test(.requiring(.postgres, .rabbitmq)) func fiftyMalformedMessagesAreDeadLetteredWithReasonsAndTheRestRecorded() async throws {
        try await PipelineHarness.run("malformed") { harness in
            try await harness.waitUntilConsuming()
            let hotline = try await harness.hotline()
            let good = HotlineTraffic.reports(1_000, prefix: "mixed")
            let bad = HotlineTraffic.malformed(prefix: "mixed")
            var traffic = good
            for (index, item) in bad.enumerated() {
                traffic.insert((item.routingKey, item.body, item.messageID), at: index * 20)
            }
            try await harness.publish(traffic, on: hotline)

            try await eventually("all 1,050 settled", timeout: .seconds(60)) {
                harness.consumer.statistics.snapshot.acked == 1_050
            }
            try await eventually("outbox drained", timeout: .seconds(60)) {
                try await harness.count("SELECT count(*)::int8 FROM outbox WHERE sent_at IS NULL") == 0
            }
            #expect(try await harness.count("SELECT count(*)::int8 FROM cases") == 1_000)
            #expect(try await harness.count("SELECT count(*)::int8 FROM rejected_messages") == 50)
            let reasons = try await harness.admin.query("SELECT reason, count(*)::int8 AS n FROM rejected_messages GROUP BY reason")
            var byReason: [String: Int] = [:]
            for row in reasons { byReason[try row.decode("reason", as: String.self)] = try row.decode("n", as: Int.self) }
            var expected: [String: Int] = [:]
            for item in bad { expected[item.reason, default: 0] += 1 }
            #expect(byReason == expected)
            #expect(try await hotline.inspectQueue(Topology.deadLetterQueue).messageCount == 50)

            // The dead letters carry the reason in a header, and the original bytes.
            let reader = try await AMQPConnection.connect(AMQPConfiguration(url: harness.vhost.url))
            try await reader.consume(queue: Topology.deadLetterQueue)
            var seen = 0
            while seen < 50 {
                guard case .delivery(let letter) = try await reader.nextEvent(timeout: .seconds(5)) else { break }
                let id = letter.properties.headers?["x-original-message-id"]
                let original = bad.first { item in id == .string(item.messageID ?? "") }
                #expect(original != nil)
                if let original {
                    #expect(letter.properties.headers?["x-caretaker-reason"] == .string(original.reason))
                    #expect(letter.body == original.body)
                }
                try await reader.ack(letter.deliveryTag)
                seen += 1
            }
            #expect(seen == 50)
            await reader.close()
            await hotline.close()
        }
    }

    /// The classifier the worker loads (the repository's rules and model).
    static func shippedClassifier() throws -> TriageClassifier {
        let config = TestServers.repositoryRoot.appendingPathComponent("config")
        return try TriageRulesFile(path: config.appendingPathComponent("triage-rules.json").path)
            .loadClassifier(modelPath: config.appendingPathComponent(TriageConfiguration.defaultModelFile).path)
    }

    /// How many repairs in `reports` the shipped classifier finds the developer responsible for.
    static func warrantyRepairs(in reports: [(routingKey: String, body: [UInt8], messageID: String?)]) throws -> Int {
        let classifier = try shippedClassifier()
        var scratch = TriageScratch()
        return try reports.count { report in
            let message = try IntakeMessage.decode(from: report.body)
            return message.kind == .repair && classifier.classify(message, scratch: &scratch).responsibility == .developer
        }
    }

    /// How many `case.created` events each audience's queue gets for `reports`: the triage rules
    /// and model the worker loads, applied here to the report bodies.
    static func expectedCreatedEvents(for reports: [(routingKey: String, body: [UInt8], messageID: String?)]) throws
        -> [EventAudience: Int] {
        let classifier = try shippedClassifier()
        var scratch = TriageScratch()
        var counts: [EventAudience: Int] = [:]
        for report in reports {
            let decision = classifier.classify(try IntakeMessage.decode(from: report.body), scratch: &scratch)
            var audiences: Set<EventAudience> = [.customerService, EventAudience(decision.department)]
            for extra in decision.notify { audiences.insert(EventAudience(extra)) }
            if decision.severity == .major { audiences.insert(.quality) }
            for audience in audiences { counts[audience, default: 0] += 1 }
        }
        return counts
    }
}
