import CaretakerApp
import Foundation
import Testing

/// Passwords come from systemd credentials, password files or the environment, never from the
/// YAML file, and never show when the configuration is printed.
@Suite struct ConfigurationSecretsTests {
    /// A temporary folder standing in for `$CREDENTIALS_DIRECTORY`, removed at the end.
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("caretaker-creds-\(UUID().uuidString)")
        var path: String { url.path }

        init(files: [String: String]) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, content) in files {
                try Data(content.utf8).write(to: url.appendingPathComponent(name))
            }
        }

        func file(_ name: String) -> String { url.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static let passwordless = """
        amqp:
          url: "amqp://svc@mq.internal:5672/%2f"
        postgres:
          url: "postgresql://caretaker@db.internal:5432/caretaker"
        """

    @Test func systemdCredentialsFillInBothPasswords() async throws {
        let yaml = try TemporaryConfigFile(Self.passwordless)
        let credentials = try Folder(files: ["amqp-password": "mq-s3cret\n", "postgres-password": "p@ss/w:rd\n"])
        defer { yaml.remove(); credentials.remove() }
        let configuration = try await CaretakerConfiguration.load(
            configFile: yaml.path, environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        #expect(configuration.amqp.url == "amqp://svc:mq-s3cret@mq.internal:5672/%2f")
        #expect(configuration.postgres.url == "postgresql://caretaker:p%40ss%2Fw%3Ard@db.internal:5432/caretaker")
        let printed = configuration.redactedLines.joined(separator: "\n")
        #expect(!printed.contains("s3cret") && !printed.contains("ss%2Fw"), "\(printed)")
        #expect(printed.contains("amqp.url: \"amqp://svc:<redacted>@mq.internal:5672/%2f\""))
        // libpq decodes the user-info: the connection gets the password as written in the file.
        _ = try configuration.postgres.postgresConfiguration(applicationName: "test")
    }

    @Test func passwordFilesAreReadWhenNoCredentialIsGiven() async throws {
        let files = try Folder(files: ["postgres": "from-file\n"])
        let yaml = try TemporaryConfigFile(Self.passwordless + "\n  password_file: \"\(files.file("postgres"))\"\n")
        defer { yaml.remove(); files.remove() }
        let configuration = try await CaretakerConfiguration.load(configFile: yaml.path, environment: [:])
        #expect(configuration.postgres.url == "postgresql://caretaker:from-file@db.internal:5432/caretaker")
        #expect(configuration.postgres.passwordFile == files.file("postgres"))
        #expect(configuration.amqp.url == "amqp://svc@mq.internal:5672/%2f")
        #expect(configuration.redactedLines.contains("postgres.password_file: \"\(files.file("postgres"))\""))
        #expect(!configuration.redactedLines.joined().contains("from-file"))
    }

    @Test func aCredentialWinsOverAPasswordFile() async throws {
        let credentials = try Folder(files: ["amqp-password": "from-credential"])
        defer { credentials.remove() }
        let configuration = try await CaretakerConfiguration.load(
            configFile: nil,
            environment: [
                "CREDENTIALS_DIRECTORY": credentials.path, "CARETAKER_AMQP_URL": "amqp://svc@mq:5672/%2f",
                "CARETAKER_AMQP_PASSWORD_FILE": "/nonexistent",
            ])
        #expect(configuration.amqp.url == "amqp://svc:from-credential@mq:5672/%2f")
    }

    @Test(arguments: [
        ("amqp:\n  url: \"amqp://svc:inline@mq:5672/%2f\"\n", "amqp.url"),
        ("postgres:\n  url: \"postgresql://u:inline@db/caretaker\"\n", "postgres.url"),
        ("postgres:\n  url: \"postgresql://u@db/caretaker?password=inline\"\n", "postgres.url"),
        ("amqp:\n  password: \"inline\"\n", "amqp.password"),
    ])
    func aPasswordInTheYAMLFileIsRefused(_ yamlText: String, _ key: String) async throws {
        let yaml = try TemporaryConfigFile(yamlText)
        defer { yaml.remove() }
        let error = await #expect(throws: ConfigurationError.self) {
            try await CaretakerConfiguration.load(configFile: yaml.path, environment: [:])
        }
        #expect(error?.key == key)
        #expect(error?.description.contains("inline") == false)
        #expect(error?.description.contains("credential") == true)
    }

    @Test func passwordProblemsAreNamedWithoutQuotingTheSecret() async throws {
        let empty = try Folder(files: ["empty": "\n"])
        defer { empty.remove() }
        let cases: [([String: String], String)] = [
            (["CARETAKER_AMQP_PASSWORD_FILE": "/nonexistent/mq"], "amqp.password_file"),
            (["CARETAKER_AMQP_PASSWORD_FILE": empty.file("empty")], "amqp.password_file"),
            (["CARETAKER_AMQP_URL": "amqp://u:hunter2@mq/%2f", "CARETAKER_AMQP_PASSWORD": "hunter3"], "amqp.url"),
            (["CARETAKER_POSTGRES_URL": "postgresql://db/caretaker", "CARETAKER_POSTGRES_PASSWORD": "hunter3"], "postgres.url"),
        ]
        for (environment, key) in cases {
            let error = await #expect(throws: ConfigurationError.self) {
                try await CaretakerConfiguration.load(configFile: nil, environment: environment)
            }
            #expect(error?.key == key, "\(environment)")
            #expect(error?.description.contains("hunter") == false)
        }
    }

    @Test(arguments: [
        ("amqp://u:p@h/", true), ("amqp://u@h/", false), ("amqp://h:5672/", false),
        ("postgresql://u@h/db?sslmode=require&password=x", true), ("postgresql://u@h/db?sslmode=require", false),
        ("postgresql://u:@h/db", true),
    ])
    func passwordsInURLsAreRecognised(_ url: String, _ holdsPassword: Bool) {
        #expect(SecretRedaction.containsPassword(inURL: url) == holdsPassword)
    }
}
