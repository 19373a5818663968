import AMQP
import Configuration
import Foundation

/// How the worker reaches RabbitMQ (the `amqp` section).
public struct BrokerConfiguration: Sendable, Equatable {
    /// The broker URL, `amqp://` or `amqps://`, with the password filled in from `password` or
    /// `password_file` (never from the YAML file); secret.
    public var url: String
    /// The file the password was read from (`password_file`), when one was used.
    public var passwordFile: String?
    /// The heartbeat interval negotiated with the broker.
    public var heartbeat: Duration
    /// How many unacknowledged deliveries the broker may send ahead (`basic.qos`).
    public var prefetch: Int
    /// A CA bundle for `amqps` URLs; `nil` uses the system bundle.
    public var tlsCAFile: String?

    /// Creates a configuration; the defaults reach the broker `scripts/services up` starts.
    public init(
        url: String = "amqp://guest@127.0.0.1:56720/%2f", heartbeat: Duration = .seconds(10),
        prefetch: Int = 256, tlsCAFile: String? = nil, passwordFile: String? = nil
    ) {
        self.url = url
        self.passwordFile = passwordFile
        self.heartbeat = heartbeat
        self.prefetch = prefetch
        self.tlsCAFile = tlsCAFile
    }

    /// Reads and validates the section from a reader scoped to `amqp`.
    ///
    /// ## Configuration keys
    /// - `url` (string, secret, default `amqp://guest@127.0.0.1:56720/%2f`): scheme `amqp` or
    ///   `amqps`, `user@host:port/vhost` with the vhost percent-encoded (`%2f` is `/`). A password
    ///   in it is refused in the YAML file (see ``CaretakerConfiguration/reader(configFile:environment:accessReporter:)``).
    /// - `password` (string, secret, optional): the password, filled into `url`; from the systemd
    ///   credential `amqp-password` or `CARETAKER_AMQP_PASSWORD`, never from the YAML file.
    /// - `password_file` (string, optional): a file holding the password, used when `password`
    ///   is not set; must exist and be non-empty when set.
    /// - `heartbeat_seconds` (int, 1–3600, default 10): heartbeat interval.
    /// - `prefetch` (int, 1–65535, default 256): unacknowledged deliveries in flight; keep it at
    ///   least `intake.batch_size` or batches never fill.
    /// - `tls.ca_file` (string, optional): CA bundle for `amqps`; must exist when set.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `amqp`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        let password = try ConnectionPassword(url: try reader.string("url", isSecret: true), config: config)
        url = password.url
        passwordFile = password.passwordFile
        do {
            _ = try AMQPURL(parsing: url)
        } catch {
            // AMQPError's detail never repeats the URL.
            let detail = (error as? AMQPError).map(\.detail).flatMap { $0.isEmpty ? nil : $0 } ?? "invalid"
            throw ConfigurationError(key: "url", problem: "is not a valid AMQP URL: \(detail)")
        }
        heartbeat = try reader.seconds("heartbeat_seconds", in: 1...3600)
        prefetch = try reader.int("prefetch", in: 1...65535)
        tlsCAFile = try reader.optionalString("tls.ca_file")
        if let tlsCAFile, !FileManager.default.isReadableFile(atPath: tlsCAFile) {
            throw ConfigurationError(key: "tls.ca_file", problem: "file \(tlsCAFile) does not exist or is not readable")
        }
    }

    /// The settings for an ``AMQPConnection``; `connectionName` shows in the management UI.
    public func amqpConfiguration(connectionName: String) throws -> AMQPConfiguration {
        let parsed = try AMQPURL(parsing: url)
        return AMQPConfiguration(
            url: parsed, heartbeat: heartbeat,
            tls: tlsCAFile.map { AMQPTLSOptions(caCertificatePath: $0) },
            connectionName: connectionName)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("url", .string(url), isSecret: true),
            ConfigurationEntry("password_file", passwordFile.map { .string($0) }),
            ConfigurationEntry("heartbeat_seconds", .int(heartbeat.wholeSeconds)),
            ConfigurationEntry("prefetch", .int(prefetch)),
            ConfigurationEntry("tls.ca_file", tlsCAFile.map { .string($0) }),
        ]
    }
}
