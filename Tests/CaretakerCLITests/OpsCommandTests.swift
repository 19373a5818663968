import CaretakerCore
import CaretakerStore
import CaretakerTestSupport
import Foundation
import Testing

/// The commands ops use around a running worker: `timers`, `dead-letters`, `topology export`.
@Suite(.serialized) struct OpsCommandTests {
    @Test(.requiring(.postgres)) func timersListsACasesRunningTimersAndNothingForAnUnknownCase() async throws {
        try await TimerScenario.run("cli_timers") { scenario in
            let caseID = try #require(try await scenario.createCases(2).first)
            let number = try await scenario.connection.query("SELECT case_number FROM cases WHERE case_id = \(caseID)::uuid")
                .single().decode("case_number", as: String.self)
            let environment = ["CARETAKER_POSTGRES_URL": scenario.database.url]

            let listed = try await CaretakerBinary.run(["timers", "--case-number", number], environment: environment)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.lines.first?.hasPrefix("case_number\tdepartment\tkind") == true)
            let kinds = Set(listed.lines.dropFirst().map { $0.split(separator: "\t")[2] })
            #expect(kinds == ["repair_accept", "repair_on_site", "general_repair_completion"])
            #expect(listed.lines.dropFirst().allSatisfy { $0.hasPrefix(number + "\t") })

            let none = try await CaretakerBinary.run(["timers", "--case-number", "BX-19990101-000001"], environment: environment)
            #expect(none.status == 1)
            #expect(none.stdout.isEmpty)
            #expect(none.stderr == "caretaker timers: no case numbered BX-19990101-000001\n")

            // The display time zone is a setting: UTC shows the same deadlines eight hours earlier.
            var utc = environment
            utc["CARETAKER_CLOCK_DISPLAY_TIME_ZONE"] = "UTC"
            let inUTC = try await CaretakerBinary.run(["timers", "--case-number", number], environment: utc)
            #expect(inUTC.status == 0, "\(inUTC.stderr)")
            let format = DateFormatter()
            format.dateFormat = "yyyy-MM-dd HH:mm"
            format.timeZone = TimeZone(identifier: "UTC")
            for (shanghai, universal) in zip(listed.lines.dropFirst(), inUTC.lines.dropFirst()) {
                let local = try #require(format.date(from: String(shanghai.split(separator: "\t")[6])))
                let zulu = try #require(format.date(from: String(universal.split(separator: "\t")[6])))
                #expect(local.timeIntervalSince(zulu) == 8 * 3600, "\(shanghai) vs \(universal)")
            }
            var wrong = environment
            wrong["CARETAKER_CLOCK_DISPLAY_TIME_ZONE"] = "Mars/Olympus"
            let refused = try await CaretakerBinary.run(["timers"], environment: wrong)
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("clock.display_time_zone"), "\(refused.stderr)")
        }
    }

    @Test(.requiring(.postgres)) func aTimerWaitingForACalendarIsListedAsOverdueAndOnItsOwn() async throws {
        try await TimerScenario.run("cli_timers_calendar") { scenario in
            try await scenario.createCases(2)
            // What the timekeeper stores when a working-day deadline needs a year with no calendar.
            _ = try await scenario.connection.execute("""
                UPDATE timers SET state = 'needs_calendar', due_at = NULL, remind_at = NULL, next_at = NULL,
                                  calendar_version = NULL
                WHERE id = (SELECT min(id) FROM timers WHERE kind = 'general_repair_completion')
                """)
            let environment = ["CARETAKER_POSTGRES_URL": scenario.database.url]

            // The waiting timer has no deadline to compare, yet it belongs in the overdue list.
            let overdue = try await CaretakerBinary.run(["timers", "--overdue"], environment: environment)
            #expect(overdue.status == 0, "\(overdue.stderr)")
            let overdueStates = overdue.lines.dropFirst().map { $0.split(separator: "\t")[3] }
            #expect(overdueStates.contains("needs_calendar"), "\(overdue.stdout)")

            let waiting = try await CaretakerBinary.run(["timers", "--needs-calendar"], environment: environment)
            #expect(waiting.status == 0, "\(waiting.stderr)")
            #expect(waiting.lines.count == 2, "\(waiting.stdout)")
            #expect(waiting.lines.last?.split(separator: "\t")[2] == "general_repair_completion")
            #expect(waiting.lines.last?.split(separator: "\t")[3] == "needs_calendar")
        }
    }

    @Test(.requiring(.postgres)) func deadLettersAreListedWithoutResidentDataAndReplayedOnce() async throws {
        try await TimerScenario.run("cli_dead_letters") { scenario in
            let body = Array(#"{"message_id":"bad-1","kind":"repair","text":"13800001234 王小明 漏水","received_at":"soon","channel":"hotline"}"#.utf8)
            _ = try await IntakeRecorder().record(
                [.rejected(RejectedMessage(source: "intake", messageID: "bad-1", routingKey: "repair", body: body,
                                           field: "received_at", reason: "invalid_timestamp", detail: "not RFC 3339"))],
                now: TimerScenario.t0, on: scenario.connection)
            let environment = ["CARETAKER_POSTGRES_URL": scenario.database.url]

            let listed = try await CaretakerBinary.run(["dead-letters", "list"], environment: environment)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.lines.count == 2)
            #expect(listed.stdout.contains("invalid_timestamp"))
            #expect(!listed.stdout.contains("13800001234"))
            #expect(!listed.stdout.contains("王小明"))
            let id = try #require(listed.lines.last?.split(separator: "\t").first.map(String.init))

            let replayed = try await CaretakerBinary.run(["dead-letters", "replay", id], environment: environment)
            #expect(replayed.status == 0)
            #expect(replayed.stdout.contains("queued"))
            let again = try await CaretakerBinary.run(["dead-letters", "replay", id], environment: environment)
            #expect(again.status == 1)
            #expect(again.stdout.contains("already replayed"))
            #expect(try await scenario.count("SELECT count(*)::int8 FROM outbox WHERE exchange = 'caretaker.intake'") == 1)
        }
    }

    @Test(.requiring(.rabbitmq)) func topologyCheckReportsWhatAnEmptyVirtualHostLacks() async throws {
        let definitions = TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions.json").path
        let checked = try await ScratchVirtualHost.with("cli-topology-check") { vhost in
            try await CaretakerBinary.run(["topology", "check", "--definitions", definitions],
                                          environment: ["CARETAKER_AMQP_URL": vhost.url])
        }
        #expect(checked.status == 1, "\(checked.stderr)")
        #expect(checked.stdout.contains("queue\tcaretaker.events.security\tmissing"))
        #expect(checked.stdout.contains("exchange\tcaretaker.events\tmissing"))
        #expect(checked.stdout.contains("not checked"))
        #expect(checked.lines.last?.hasSuffix("exchanges and queues missing or different") == true)
    }

    @Test func topologyExportMatchesTheCommittedDefinitions() async throws {
        let exported = try await CaretakerBinary.run(["topology", "export"])
        #expect(exported.status == 0)
        let committed = try String(
            contentsOf: TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions.json"), encoding: .utf8)
        #expect(exported.stdout == committed)
    }

    @Test func topologyExportForAClusterMatchesTheCommittedClusterDefinitions() async throws {
        let exported = try await CaretakerBinary.run(
            ["topology", "export"], environment: ["CARETAKER_AMQP_QUORUM_INITIAL_GROUP_SIZE": "3"])
        #expect(exported.status == 0)
        let committed = try String(
            contentsOf: TestServers.repositoryRoot.appendingPathComponent("deploy/rabbitmq/definitions-cluster.json"),
            encoding: .utf8)
        #expect(exported.stdout == committed,
                "regenerate with: CARETAKER_AMQP_QUORUM_INITIAL_GROUP_SIZE=3 caretaker topology export --output deploy/rabbitmq/definitions-cluster.json")
        #expect(committed.contains(#""x-quorum-initial-group-size" : 3"#))
    }
}

/// `caretaker case <number>` against a scratch database.
@Suite(.serialized) struct CaseCommandTests {
    @Test(.requiring(.postgres)) func aCasesTimelineShowsItsStepsTimersAndEventsWithTheContactMasked() async throws {
        try await TimerScenario.run("cli_case") { scenario in
            let caseID = try #require(try await scenario.createCases(1).first)
            _ = try await IntakeRecorder().record([], now: TimerScenario.t0, on: scenario.connection)
            try await scenario.fireAll(at: TimerScenario.at(minutes: 6))
            let number = try await scenario.connection.query("SELECT case_number FROM cases WHERE case_id = \(caseID)::uuid")
                .single().decode("case_number", as: String.self)
            let environment = ["CARETAKER_POSTGRES_URL": scenario.database.url]

            let shown = try await CaretakerBinary.run(["case", number], environment: environment)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.lines.first?.hasPrefix("\(number)  repair  dispatched") == true)
            #expect(shown.stdout.contains("received     2026-11-02T08:00:00+08:00"))
            #expect(shown.stdout.contains("history (2 steps):"))
            #expect(shown.stdout.contains("escalated"))
            #expect(shown.stdout.contains("repair_accept"))
            #expect(shown.stdout.contains("engineering.case.escalated"))

            // One event confirmed, one the broker returned unroutable (kept unsent by the relay).
            _ = try await scenario.connection.execute("""
                UPDATE outbox SET sent_at = now() WHERE case_id = \(caseID)::uuid AND routing_key = 'engineering.case.created'
                """)
            _ = try await scenario.connection.execute("""
                UPDATE outbox SET last_outcome = 'returned', last_error = 'returned 312 NO_ROUTE', attempts = 3,
                                  retry_at = now() + interval '8 seconds'
                WHERE case_id = \(caseID)::uuid AND routing_key = 'engineering.case.escalated'
                """)
            let relayed = try await CaretakerBinary.run(["case", number], environment: environment)
            let createdLine = try #require(relayed.lines.first { $0.contains("engineering.case.created") })
            #expect(createdLine.hasSuffix("confirmed"))
            let escalatedLine = try #require(relayed.lines.first { $0.contains("engineering.case.escalated") })
            #expect(escalatedLine.contains("returned (returned 312 NO_ROUTE; attempts 3; next try "), "\(escalatedLine)")
            #expect(!escalatedLine.contains("confirmed"))

            // The display time zone is a setting: the same case in London time (UTC in November).
            var london = environment
            london["CARETAKER_CLOCK_DISPLAY_TIME_ZONE"] = "Europe/London"
            let inLondon = try await CaretakerBinary.run(["case", number], environment: london)
            #expect(inLondon.status == 0, "\(inLondon.stderr)")
            #expect(inLondon.stdout.contains("received     2026-11-02T00:00:00Z")
                    || inLondon.stdout.contains("received     2026-11-02T00:00:00+00:00"), "\(inLondon.stdout)")
            let firstStep = try #require(shown.lines.first { $0.hasPrefix("  2026") })
            let firstStepInLondon = try #require(inLondon.lines.first { $0.hasPrefix("  2026") })
            #expect(firstStep.hasPrefix("  2026-11-02 08:00"), "\(firstStep)")
            #expect(firstStepInLondon.hasPrefix("  2026-11-02 00:00"), "history times follow the display time zone: \(firstStepInLondon)")

            let missing = try await CaretakerBinary.run(["case", "BX-19990101-000009"], environment: environment)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no case numbered BX-19990101-000009"))
        }
    }
}
