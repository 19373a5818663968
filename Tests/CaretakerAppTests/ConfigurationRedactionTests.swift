import CaretakerApp
import Configuration
import Foundation
import Synchronization
import Testing

/// The rendered configuration never shows a password.
@Suite struct ConfigurationRedactionTests {
    @Test(arguments: [
        ("postgresql://u:secret@db:5432/caretaker", "postgresql://u:<redacted>@db:5432/caretaker"),
        ("postgresql://u@db/caretaker?password=secret&sslmode=require", "postgresql://u@db/caretaker?<redacted>"),
        ("postgres://u:se%40cret@db", "postgres://u:<redacted>@db"),
        ("postgresql://u:p@ss:secret@db/x", "postgresql://u:<redacted>@db/x"),
        ("amqp://guest:secret@127.0.0.1:56720/%2f", "amqp://guest:<redacted>@127.0.0.1:56720/%2f"),
        ("amqps://secret@broker/%2f", "amqps://secret@broker/%2f"),
        ("postgresql://caretaker@127.0.0.1:55432/caretaker", "postgresql://caretaker@127.0.0.1:55432/caretaker"),
        ("host=db password=secret", "<redacted>"),
        ("://u:secret@h", "<redacted>"),
    ])
    func masksThePassword(_ url: String, _ masked: String) {
        #expect(SecretRedaction.maskingPassword(inURL: url) == masked)
    }

    @Test func renderedConfigurationHidesSecretsButShowsTheRest() async throws {
        let empty = try TemporaryConfigFile("{}")
        defer { empty.remove() }
        let configuration = try await CaretakerConfiguration.load(
            configFile: empty.path,
            environment: [
                "CARETAKER_POSTGRES_URL": "postgresql://u:secret@db.internal:5432/caretaker?password=secret2",
                "CARETAKER_AMQP_URL": "amqps://svc:secret3@mq.internal:5671/prod",
            ])
        let text = configuration.redactedLines.joined(separator: "\n")
        for secret in ["secret\"", "secret@", "secret2", "secret3"] {
            #expect(!text.contains(secret), "\(text)")
        }
        #expect(text.contains("postgres.url: \"postgresql://u:<redacted>@db.internal:5432/caretaker?<redacted>\""))
        #expect(text.contains("amqp.url: \"amqps://svc:<redacted>@mq.internal:5671/prod\""))
        #expect(text.contains("intake.batch_size: 128"))
        #expect(configuration.entries.filter(\.isSecret).map(\.key).sorted() == ["amqp.url", "amqp.urls", "postgres.url"])
    }

    /// Collects swift-configuration's access events.
    final class CollectingReporter: AccessReporter {
        let events = Mutex<[AccessEvent]>([])
        func report(_ event: AccessEvent) { events.withLock { $0.append(event) } }
    }

    @Test(arguments: ["file", "environment", "defaults"])
    func urlsAreMarkedSecretForAccessReporters(_ source: String) async throws {
        let yaml = source == "file"
            ? "postgres:\n  url: \"postgresql://u@db/x\"\namqp:\n  url: \"amqp://u@h/%2f\"\n" : "{}"
        let environment = source == "environment"
            ? ["CARETAKER_AMQP_URL": "amqp://u:secret@h/%2f", "CARETAKER_POSTGRES_URL": "postgresql://u:secret@db/x"] : [:]
        let file = try TemporaryConfigFile(yaml)
        defer { file.remove() }
        let reporter = CollectingReporter()
        _ = try await CaretakerConfiguration.load(configFile: file.path, environment: environment, accessReporter: reporter)
        let events = reporter.events.withLock { $0 }
        let urlReads = events.filter { ["url", "password"].contains($0.metadata.key.components.last) }
        #expect(urlReads.count == 4)
        for event in urlReads {
            guard let value = try event.result.get() else { continue }  // no password configured
            #expect(value.isSecret, "\(event.metadata.key)")
            #expect(!event.description.contains("secret@"), "\(event.description)")
        }
        let batchSize = try #require(events.first { $0.metadata.key.components == ["intake", "batch_size"] })
        #expect(try batchSize.result.get()?.isSecret == false)
    }
}
