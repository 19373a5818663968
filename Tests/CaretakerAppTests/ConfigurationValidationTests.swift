import CaretakerApp
import Foundation
import Testing

/// Every invalid value is rejected with an error that names its key, its environment variable
/// and the problem.
@Suite struct ConfigurationValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var key: String
        var value: String
        var problem: String
        var testDescription: String { "\(key)=\(value)" }
    }

    static let cases: [Case] = [
        Case(key: "amqp.url", value: "http://guest:guest@h/", problem: "scheme must be amqp:// or amqps://"),
        Case(key: "amqp.url", value: "", problem: "must not be empty"),
        Case(key: "amqp.heartbeat_seconds", value: "0", problem: "between 1 and 3600"),
        Case(key: "amqp.heartbeat_seconds", value: "ten", problem: "not an integer"),
        Case(key: "amqp.prefetch", value: "70000", problem: "between 1 and 65535"),
        Case(key: "amqp.tls.ca_file", value: "/nonexistent/ca.pem", problem: "does not exist"),
        Case(key: "postgres.url", value: "mysql://u@h/db", problem: "scheme must be postgres:// or postgresql://"),
        Case(key: "postgres.url", value: "host=localhost dbname=x", problem: "scheme must be"),
        Case(key: "postgres.url", value: "postgresql://u@h:notaport/db", problem: "not a valid PostgreSQL URL"),
        Case(key: "postgres.connect_timeout_seconds", value: "1", problem: "between 2 and 3600"),
        Case(key: "intake.batch_size", value: "0", problem: "between 1 and 10000, got 0"),
        Case(key: "intake.batch_size", value: "12.5", problem: "not an integer"),
        Case(key: "intake.batch_linger_milliseconds", value: "-1", problem: "between 0 and 10000"),
        Case(key: "intake.delivery_limit", value: "0", problem: "between 1 and 1000"),
        Case(key: "intake.queue", value: String(repeating: "q", count: 256), problem: "at most 255 bytes"),
        Case(key: "intake.queue", value: "bad\tname", problem: "control characters"),
        Case(key: "outbox.batch_size", value: "100000", problem: "between 1 and 10000"),
        Case(key: "outbox.poll_interval_milliseconds", value: "0", problem: "between 1 and 60000"),
        Case(key: "outbox.confirm_window", value: "0", problem: "between 1 and 1000000"),
        Case(key: "shutdown.grace_seconds", value: "0", problem: "between 1 and 3600"),
        Case(key: "triage.rules_file", value: "", problem: "must not be empty"),
        Case(key: "clock.time_scale", value: "0", problem: "greater than 0"),
        Case(key: "clock.time_scale", value: "-2", problem: "greater than 0"),
        Case(key: "clock.time_scale", value: "inf", problem: "greater than 0"),
        Case(key: "clock.time_scale", value: "fast", problem: "not a number"),
        Case(key: "instance.name", value: "", problem: "must not be empty"),
        Case(key: "log.level", value: "verbose", problem: "must be one of trace, debug, info, notice, warning, error, critical"),
        Case(key: "log.format", value: "xml", problem: "must be one of json, text"),
        Case(key: "metrics.host", value: "", problem: "must not be empty"),
        Case(key: "metrics.port", value: "65536", problem: "between 1 and 65535"),
        Case(key: "metrics.port", value: "0", problem: "between 1 and 65535"),
    ]

    @Test(arguments: cases)
    func invalidEnvironmentValueNamesItsKey(_ row: Case) async throws {
        let empty = try TemporaryConfigFile("{}")
        defer { empty.remove() }
        let variable = CaretakerConfiguration.environmentVariable(forKey: row.key)
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: empty.path, environment: [variable: row.value])
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.key == row.key)
        #expect(error?.environmentVariable == variable)
        #expect(error?.description.hasPrefix("\(row.key) (\(variable)): ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(row.problem) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("intake:\n  batch_size: 0\n", "intake.batch_size"),
        ("intake:\n  batch_size: lots\n", "intake.batch_size"),
        ("amqp:\n  tls:\n    ca_file: /nonexistent/ca.pem\n", "amqp.tls.ca_file"),
        ("log:\n  level: loud\n", "log.level"),
        ("clock:\n  time_scale: 0\n", "clock.time_scale"),
    ])
    func invalidFileValueNamesItsKey(_ yaml: String, _ key: String) async throws {
        let file = try TemporaryConfigFile(yaml)
        defer { file.remove() }
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await CaretakerConfiguration.load(configFile: file.path, environment: [:])
        }
        #expect(error?.key == key)
    }

    @Test func secretValuesAreNotQuotedInErrors() async throws {
        let empty = try TemporaryConfigFile("{}")
        defer { empty.remove() }
        for (variable, url) in [
            ("CARETAKER_AMQP_URL", "amqp://guest:hunter2@h:notaport/%2f"),
            ("CARETAKER_POSTGRES_URL", "postgresql://u:hunter2@h:notaport/db"),
            ("CARETAKER_POSTGRES_URL", "pg://u:hunter2@h/db"),
        ] {
            let error = await #expect(throws: ConfigurationError.self) {
                _ = try await CaretakerConfiguration.load(configFile: empty.path, environment: [variable: url])
            }
            #expect(error?.description.contains("hunter2") == false, "\(String(describing: error))")
        }
    }
}
