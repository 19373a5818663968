import Foundation
import Testing

/// `caretaker config print`, run as a process.
@Suite struct ConfigCommandTests {
    @Test func printsTheEffectiveConfigurationWithoutSecrets() async throws {
        let result = try await CaretakerBinary.run(
            ["config", "print"],
            environment: [
                "CARETAKER_POSTGRES_URL": "postgresql://u:secret@db.internal:5432/caretaker",
                "CARETAKER_AMQP_URL": "amqp://svc:secret@mq.internal:5672/%2f",
                "CARETAKER_INTAKE_BATCH_SIZE": "64",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("secret"), "\(result.stdout)")
        #expect(!result.stderr.contains("secret"))
        #expect(result.lines.contains("postgres.url: \"postgresql://u:<redacted>@db.internal:5432/caretaker\""))
        #expect(result.lines.contains("intake.batch_size: 64"))
        #expect(result.lines.contains("log.level: \"info\""))
    }

    @Test(arguments: [
        ("CARETAKER_INTAKE_BATCH_SIZE", "0", "intake.batch_size"),
        ("CARETAKER_INTAKE_BATCH_SIZE", "many", "intake.batch_size"),
        ("CARETAKER_CLOCK_TIME_SCALE", "0", "clock.time_scale"),
        ("CARETAKER_LOG_LEVEL", "loud", "log.level"),
        ("CARETAKER_AMQP_URL", "http://guest:secret@h/", "amqp.url"),
    ])
    func badValueExits78NamingTheKey(_ variable: String, _ value: String, _ key: String) async throws {
        let result = try await CaretakerBinary.run(["config", "print"], environment: [variable: value])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(key) (\(variable))"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("secret"))
    }

    @Test func explicitFileIsReadAndAMissingOneIsAnError() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-\(UUID().uuidString).yaml").path
        try Data("outbox:\n  confirm_window: 32\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let found = try await CaretakerBinary.run(["config", "print", "--config", path])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.lines.contains("outbox.confirm_window: 32"))

        let missing = try await CaretakerBinary.run(["config", "print", "--config", path + ".missing"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("\(path).missing: does not exist"), "\(missing.stderr)")
    }
}
