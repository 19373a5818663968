import AMQP
import Configuration
import Foundation

/// How the worker reaches RabbitMQ (the `amqp` section).
public struct BrokerConfiguration: Sendable, Equatable {
    /// The broker URL, `amqp://` or `amqps://`, with the password filled in from `password` or
    /// `password_file` (never from the YAML file); secret.
    public var url: String
    /// Every node of a RabbitMQ cluster (`urls`), each with the password filled in like `url`;
    /// when set it replaces `url`. Secret.
    public var urls: [String]?
    /// The file the password was read from (`password_file`), when one was used.
    public var passwordFile: String?
    /// The `x-quorum-initial-group-size` the quorum queues are declared with; `nil` leaves
    /// the broker's default (`quorum_cluster_size`, 3) and declares no argument.
    public var quorumInitialGroupSize: Int?
    /// The heartbeat interval negotiated with the broker.
    public var heartbeat: Duration
    /// How many unacknowledged deliveries the broker may send ahead (`basic.qos`).
    public var prefetch: Int
    /// A CA bundle for `amqps` URLs; `nil` uses the system bundle.
    public var tlsCAFile: String?

    /// Creates a configuration; the defaults reach the broker `scripts/services up` starts.
    public init(
        url: String = "amqp://guest@127.0.0.1:56720/%2f", heartbeat: Duration = .seconds(10),
        prefetch: Int = 256, tlsCAFile: String? = nil, passwordFile: String? = nil, urls: [String]? = nil,
        quorumInitialGroupSize: Int? = nil
    ) {
        self.url = url
        self.urls = urls
        self.quorumInitialGroupSize = quorumInitialGroupSize
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
    /// - `urls` (list of strings, secret, optional): every node of a RabbitMQ cluster, in the
    ///   order to try them (`CARETAKER_AMQP_URLS` separates them with commas); when set it
    ///   replaces `url`. A connection that fails reconnects to the next node first.
    /// - `password` (string, secret, optional): the password, filled into `url`; from the systemd
    ///   credential `amqp-password` or `CARETAKER_AMQP_PASSWORD`, never from the YAML file.
    /// - `password_file` (string, optional): a file holding the password, used when `password`
    ///   is not set; must exist and be non-empty when set.
    /// - `heartbeat_seconds` (int, 1–3600, default 10): heartbeat interval.
    /// - `prefetch` (int, 1–65535, default 256): unacknowledged deliveries in flight; keep it at
    ///   least `intake.batch_size` or batches never fill.
    /// - `tls.ca_file` (string, optional): CA bundle for `amqps`; must exist when set.
    /// - `quorum_initial_group_size` (int, 1–9, optional): how many nodes each quorum queue is
    ///   replicated on when it is first declared (`x-quorum-initial-group-size`; 3 on a 3-node
    ///   cluster). Part of the queue's identity: a queue that exists without it, or with
    ///   another value, makes the broker refuse the declaration.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `amqp`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        let password = try ConnectionPassword(url: try reader.string("url", isSecret: true), config: config)
        url = password.url
        passwordFile = password.passwordFile
        try Self.validate(url, key: "url")
        urls = try Self.nodeURLs(config: config)
        quorumInitialGroupSize = try Self.groupSize(config: config)
        heartbeat = try reader.seconds("heartbeat_seconds", in: 1...3600)
        prefetch = try reader.int("prefetch", in: 1...65535)
        tlsCAFile = try reader.optionalString("tls.ca_file")
        if let tlsCAFile, !FileManager.default.isReadableFile(atPath: tlsCAFile) {
            throw ConfigurationError(key: "tls.ca_file", problem: "file \(tlsCAFile) does not exist or is not readable")
        }
    }

    /// The nodes to connect to, in order: `urls` when set, else `url` alone.
    public var nodeURLs: [String] { urls ?? [url] }

    /// The settings for an ``AMQPConnection``; `connectionName` shows in the management UI.
    /// Each call has its own record of the node used last (see ``AMQPEndpointCursor``).
    public func amqpConfiguration(connectionName: String) throws -> AMQPConfiguration {
        let nodes = try nodeURLs.map { try AMQPURL(parsing: $0) }
        var configuration = AMQPConfiguration(
            url: nodes[0], heartbeat: heartbeat,
            tls: tlsCAFile.map { AMQPTLSOptions(caCertificatePath: $0) },
            connectionName: connectionName)
        configuration.failoverURLs = Array(nodes.dropFirst())
        return configuration
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("url", .string(url), isSecret: true),
            ConfigurationEntry("urls", urls.map { .stringArray($0) }, isSecret: true),
            ConfigurationEntry("password_file", passwordFile.map { .string($0) }),
            ConfigurationEntry("heartbeat_seconds", .int(heartbeat.wholeSeconds)),
            ConfigurationEntry("prefetch", .int(prefetch)),
            ConfigurationEntry("tls.ca_file", tlsCAFile.map { .string($0) }),
            ConfigurationEntry("quorum_initial_group_size", quorumInitialGroupSize.map { .int($0) }),
        ]
    }
}
