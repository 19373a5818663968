import CaretakerTestSupport
import Foundation
import Testing

/// `caretaker config check`, run as a process in an empty folder.
@Suite struct ConfigCheckCommandTests {
    /// The repository's rules, policy and calendars, by absolute path.
    static var repositoryFiles: [String: String] {
        let config = TestServers.repositoryRoot.appendingPathComponent("config")
        return [
            "CARETAKER_TRIAGE_RULES_FILE": config.appendingPathComponent("triage-rules.json").path,
            "CARETAKER_TRIAGE_MODEL_FILE": config.appendingPathComponent("triage-model.json").path,
            "CARETAKER_SLA_POLICY_FILE": config.appendingPathComponent("sla-policy.json").path,
            "CARETAKER_SLA_CALENDARS_DIRECTORY": config.appendingPathComponent("calendars").path,
            "CARETAKER_AUTHORIZATION_FILE": config.appendingPathComponent("authorization.json").path,
        ]
    }

    @Test func aValidSetupExits0WithASummary() async throws {
        let result = try await CaretakerBinary.run(["config", "check"], environment: Self.repositoryFiles)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("configuration: ok") == true, "\(result.stdout)")
        #expect(result.lines.contains { $0.hasPrefix("triage rules: version ") })
        #expect(result.lines.contains { $0.hasPrefix("SLA policy: version ") })
        #expect(result.lines.contains { $0.hasPrefix("calendars: 20") })
        #expect(result.lines.contains { $0.hasPrefix("authorization: 11 parties, ") && $0.contains("mode enforce") })
        #expect(result.stderr.isEmpty)
    }

    @Test func anInvalidAuthorizationFileExits78NamingTheField() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("authz-\(UUID().uuidString).json").path
        try Data(#"{"version":1,"parties":[{"user":"caretaker-console-x","role":"console"}],"actions":{}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var environment = Self.repositoryFiles
        environment["CARETAKER_AUTHORIZATION_FILE"] = path
        let result = try await CaretakerBinary.run(["config", "check"], environment: environment)
        #expect(result.status == 78)
        #expect(result.stderr.contains("authorization file \(path): parties[0].audience: a console needs its audience"),
                "\(result.stderr)")
    }

    @Test func missingRulesAndPolicyAreBothReportedWith78() async throws {
        // The empty working folder has no config/triage-rules.json nor config/sla-policy.json.
        let result = try await CaretakerBinary.run(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("caretaker config check: triage rules:"), "\(result.stderr)")
        #expect(result.stderr.contains("caretaker config check: SLA policy or calendars:"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aPasswordInTheConfigurationFileExits78WithoutShowingIt() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-\(UUID().uuidString).yaml").path
        try Data("amqp:\n  url: \"amqp://svc:hunter2@mq:5672/%2f\"\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await CaretakerBinary.run(["config", "check", "--config", path], environment: Self.repositoryFiles)
        #expect(result.status == 78)
        #expect(result.stderr.contains("amqp.url (CARETAKER_AMQP_URL): holds a password"), "\(result.stderr)")
        #expect(result.stderr.contains("amqp-password"))
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
    }

    @Test func anInvalidValueExits78NamingTheKey() async throws {
        var environment = Self.repositoryFiles
        environment["CARETAKER_SHUTDOWN_GRACE_SECONDS"] = "0"
        let result = try await CaretakerBinary.run(["config", "check"], environment: environment)
        #expect(result.status == 78)
        #expect(result.stderr.contains("shutdown.grace_seconds (CARETAKER_SHUTDOWN_GRACE_SECONDS)"), "\(result.stderr)")
    }

    @Test func credentialsFillInThePasswordAndConfigPrintMasksIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("hunter2\n".utf8).write(to: folder.appendingPathComponent("postgres-password"))
        let result = try await CaretakerBinary.run(["config", "print"], environment: [
            "CREDENTIALS_DIRECTORY": folder.path, "CARETAKER_POSTGRES_URL": "postgresql://svc@db:5432/caretaker",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.contains("postgres.url: \"postgresql://svc:<redacted>@db:5432/caretaker\""), "\(result.stdout)")
        #expect(!result.stdout.contains("hunter2"))
    }
}
