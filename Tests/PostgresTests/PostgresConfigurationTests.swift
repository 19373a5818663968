import Testing

@testable import Postgres

@Suite struct PostgresConfigurationTests {
    @Test func parsesURL() throws {
        var configuration = try PostgresConfiguration("postgresql://worker:s3cret@db.example:6543/caretaker?sslmode=disable")
        #expect(configuration.parameters["host"] == "db.example")
        #expect(configuration.parameters["port"] == "6543")
        #expect(configuration.parameters["dbname"] == "caretaker")
        #expect(configuration.parameters["user"] == "worker")
        #expect(configuration.parameters["sslmode"] == "disable")
        #expect(!configuration.description.contains("s3cret"))
        configuration.applicationName = "caretaker-test"
        configuration.connectTimeout = .milliseconds(500)
        let keywords = Dictionary(uniqueKeysWithValues: configuration.connectionKeywords)
        #expect(keywords["application_name"] == "caretaker-test")
        #expect(keywords["connect_timeout"] == "2")
        #expect(keywords["keepalives"] == "1")
        #expect(keywords["keepalives_idle"] == "30")
        #expect(keywords["client_encoding"] == "UTF8")
    }

    @Test func parsesConninfo() throws {
        let configuration = try PostgresConfiguration("host=127.0.0.1 port=55432 dbname=caretaker application_name='a b'")
        #expect(configuration.parameters["port"] == "55432")
        #expect(configuration.applicationName == "a b")
    }

    @Test(arguments: [
        "postgresql://host:notaport:5/db",
        "postgresql://[::1/db",
        "host=localhost nosuchoption=1",
        "host='unterminated",
        "postgresql://h/db?nosuchparam=1",
        "just words",
    ])
    func rejectsInvalidStrings(text: String) {
        let error = #expect(throws: PostgresError.self) { try PostgresConfiguration(text) }
        #expect(error?.kind == .configuration)
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func passwordNeverInError() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration("postgresql://u:topsecret@h/db?nosuchparam=1")
        }
        #expect(error.map { !$0.description.contains("topsecret") } == true)
    }

    @Test func backoffGrowsAndCaps() {
        let backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maxDelay: .seconds(1))
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(50))
        #expect(backoff.delay(afterFailures: 3) == .milliseconds(200))
        #expect(backoff.delay(afterFailures: 30) == .seconds(1))
        var running = backoff
        let now = ContinuousClock.now
        #expect(running.mayAttempt(at: now))
        running.failed(at: now)
        #expect(!running.mayAttempt(at: now))
        #expect(running.mayAttempt(at: now + .milliseconds(61)))
        running.reset()
        #expect(running.mayAttempt(at: now))
    }
}
