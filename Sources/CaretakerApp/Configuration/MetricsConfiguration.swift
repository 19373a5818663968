import Configuration

/// Where the HTTP endpoint for `/metrics`, `/livez` and `/readyz` listens (the `metrics` section).
public struct MetricsConfiguration: Sendable, Equatable {
    /// The address to bind.
    public var host: String
    /// The TCP port to bind.
    public var port: Int

    /// Creates a configuration with the documented defaults (loopback only).
    public init(host: String = "127.0.0.1", port: Int = 9464) {
        self.host = host
        self.port = port
    }

    /// Reads and validates the section from a reader scoped to `metrics`.
    ///
    /// ## Configuration keys
    /// - `host` (string, default `127.0.0.1`): bind address; `0.0.0.0` exposes it on every interface.
    /// - `port` (int, 1–65535, default 9464): bind port (Prometheus' registered exporter port).
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `metrics`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        host = try reader.string("host", maxBytes: 255)
        port = try reader.int("port", in: 1...65535)
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("host", .string(host)),
            ConfigurationEntry("port", .int(port)),
        ]
    }
}
