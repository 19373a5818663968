import CaretakerApp
import CaretakerTestSupport
import Configuration
import Foundation
import Testing

/// Environment over file over defaults, through swift-configuration's provider chain.
@Suite struct ConfigurationPrecedenceTests {
    static let file = """
        amqp:
          heartbeat_seconds: 30
          tls:
            ca_file: /etc/hosts
        postgres:
          url: "postgresql://file@db.example:5432/caretaker"
        intake:
          batch_size: 64
          queue: "from.file"
        clock:
          time_scale: 3600
        log:
          level: debug
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var key: String
        var environment: String
        var fromEnvironment: String
        var fromFile: String
        var fromDefaults: String
        var testDescription: String { key }
    }

    /// Rendered values (as `caretaker config print` shows them) from each layer.
    static let cases: [Case] = [
        Case(key: "intake.batch_size", environment: "512", fromEnvironment: "512", fromFile: "64", fromDefaults: "128"),
        Case(key: "intake.queue", environment: "from.env", fromEnvironment: "\"from.env\"",
             fromFile: "\"from.file\"", fromDefaults: "\"caretaker.intake\""),
        Case(key: "amqp.heartbeat_seconds", environment: "5", fromEnvironment: "5", fromFile: "30", fromDefaults: "10"),
        Case(key: "amqp.tls.ca_file", environment: "/etc/passwd", fromEnvironment: "\"/etc/passwd\"",
             fromFile: "\"/etc/hosts\"", fromDefaults: "null"),
        Case(key: "postgres.url", environment: "postgresql://env@127.0.0.1:5432/x",
             fromEnvironment: "\"postgresql://env@127.0.0.1:5432/x\"",
             fromFile: "\"postgresql://file@db.example:5432/caretaker\"",
             fromDefaults: "\"postgresql://caretaker@127.0.0.1:55432/caretaker\""),
        Case(key: "clock.time_scale", environment: "0.5", fromEnvironment: "0.5", fromFile: "3600.0", fromDefaults: "1.0"),
        Case(key: "log.level", environment: "ERROR", fromEnvironment: "\"error\"", fromFile: "\"debug\"", fromDefaults: "\"info\""),
        Case(key: "metrics.port", environment: "9100", fromEnvironment: "9100", fromFile: "9464", fromDefaults: "9464"),
    ]

    static func value(_ key: String, in configuration: CaretakerConfiguration) throws -> String {
        try #require(configuration.entries.first { $0.key == key }).redactedValue
    }

    @Test(arguments: cases)
    func environmentBeatsFileBeatsDefault(_ row: Case) async throws {
        let file = try TemporaryConfigFile(Self.file)
        let empty = try TemporaryConfigFile("{}")
        defer { file.remove(); empty.remove() }
        let variable = CaretakerConfiguration.environmentVariable(forKey: row.key)

        let fromEnvironment = try await CaretakerConfiguration.load(configFile: file.path, environment: [variable: row.environment])
        let fromFile = try await CaretakerConfiguration.load(configFile: file.path, environment: [:])
        let fromDefaults = try await CaretakerConfiguration.load(configFile: empty.path, environment: [:])

        #expect(try Self.value(row.key, in: fromEnvironment) == row.fromEnvironment)
        #expect(try Self.value(row.key, in: fromFile) == row.fromFile)
        #expect(try Self.value(row.key, in: fromDefaults) == row.fromDefaults)
    }

    @Test func environmentVariableNamesFollowTheKeys() {
        #expect(CaretakerConfiguration.environmentVariable(forKey: "postgres.url") == "CARETAKER_POSTGRES_URL")
        #expect(CaretakerConfiguration.environmentVariable(forKey: "intake.batch_size") == "CARETAKER_INTAKE_BATCH_SIZE")
        #expect(CaretakerConfiguration.environmentVariable(forKey: "amqp.tls.ca_file") == "CARETAKER_AMQP_TLS_CA_FILE")
    }

    @Test func unrelatedEnvironmentVariablesAreIgnored() async throws {
        let empty = try TemporaryConfigFile("{}")
        defer { empty.remove() }
        let configuration = try await CaretakerConfiguration.load(
            configFile: empty.path, environment: ["INTAKE_BATCH_SIZE": "7", "POSTGRES_URL": "postgres://x@y/z"])
        #expect(configuration.intake.batchSize == 128)
        #expect(configuration.postgres.url == DatabaseConfiguration().url)
    }

    @Test func shippedFileEqualsTheDefaults() async throws {
        let shipped = TestServers.repositoryRoot.appendingPathComponent("config/caretaker.yaml").path
        let loaded = try await CaretakerConfiguration.load(configFile: shipped, environment: [:])
        // Relative data paths are read from the file's folder.
        let folder = TestServers.repositoryRoot.appendingPathComponent("config").path
        #expect(loaded == CaretakerConfiguration().resolvingDataPaths(in: folder))
        #expect(loaded.triage.modelFile == folder + "/triage-model.json")
        #expect(loaded.entries.count == CaretakerConfiguration().entries.count)
    }

    @Test func everyKeyOfTheDefaultsIsInTheShippedFile() throws {
        let shipped = try String(
            contentsOf: TestServers.repositoryRoot.appendingPathComponent("config/caretaker.yaml"), encoding: .utf8)
        for entry in CaretakerConfiguration().entries {
            let leaf = String(entry.key.split(separator: ".").last!)
            #expect(shipped.contains("\(leaf):"), "config/caretaker.yaml lacks \(entry.key)")
        }
    }

    @Test func missingExplicitFileIsAnError() async throws {
        let path = "/nonexistent/caretaker-\(UUID().uuidString).yaml"
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: path, environment: [:])
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.description.contains(path) == true)
    }

    @Test(arguments: ["intake: [1, 2\n", "- just\n- a list\n", "amqp:\n  url: \"amqp://u:hunter2@h/%2f\n  x: ["])
    func malformedFileIsAnErrorThatQuotesNothing(_ yaml: String) async throws {
        let file = try TemporaryConfigFile(yaml)
        defer { file.remove() }
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: file.path, environment: [:])
        }
        #expect(error?.code == .invalidFile)
        #expect(error?.description.contains(file.path) == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func componentsReadTheirOwnScope() async throws {
        let empty = try TemporaryConfigFile("{}")
        defer { empty.remove() }
        let reader = try await CaretakerConfiguration.reader(
            configFile: empty.path, environment: ["CARETAKER_OUTBOX_CONFIRM_WINDOW": "64"])
        let outbox = try OutboxConfiguration(config: reader.scoped(to: "outbox"))
        #expect(outbox.confirmWindow == 64)
        #expect(outbox.pollInterval == .milliseconds(50))
    }
}
