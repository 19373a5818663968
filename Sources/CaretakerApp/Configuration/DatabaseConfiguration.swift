import Configuration
import Postgres

/// How the worker reaches PostgreSQL (the `postgres` section).
public struct DatabaseConfiguration: Sendable, Equatable {
    /// The database URL, `postgres://` or `postgresql://`, with the password filled in from
    /// `password` or `password_file` (never from the YAML file); secret.
    public var url: String
    /// The file the password was read from (`password_file`), when one was used.
    public var passwordFile: String?
    /// How long connecting may take.
    public var connectTimeout: Duration
    /// Which server of a multi-host URL a session may use (libpq's `target_session_attrs`).
    public var targetSessionAttributes: TargetSession

    /// Creates a configuration; the defaults reach the database `scripts/services up` starts.
    public init(url: String = "postgresql://caretaker@127.0.0.1:55432/caretaker", connectTimeout: Duration = .seconds(5),
                passwordFile: String? = nil, targetSessionAttributes: TargetSession = .readWrite) {
        self.url = url
        self.passwordFile = passwordFile
        self.connectTimeout = connectTimeout
        self.targetSessionAttributes = targetSessionAttributes
    }

    /// Reads and validates the section from a reader scoped to `postgres`.
    ///
    /// ## Configuration keys
    /// - `url` (string, secret, default `postgresql://caretaker@127.0.0.1:55432/caretaker`): scheme
    ///   `postgres` or `postgresql`; any libpq URL (`?sslmode=…` and other parameters allowed). A
    ///   password in it (user-info or `password=`) is refused in the YAML file. Several hosts
    ///   (`postgresql://caretaker@10.0.0.1:5432,10.0.0.2:5432/caretaker`, a primary and its
    ///   standbys) are tried in order at every connect and reconnect.
    /// - `password` (string, secret, optional): the password, filled into `url`; from the systemd
    ///   credential `postgres-password` or `CARETAKER_POSTGRES_PASSWORD`, never from the YAML file.
    /// - `password_file` (string, optional): a file holding the password, used when `password`
    ///   is not set; must exist and be non-empty when set.
    /// - `connect_timeout_seconds` (int, 2–3600, default 5): connect timeout per host; libpq's
    ///   minimum is 2.
    /// - `target_session_attrs` (`read-write`, `primary` or `any`, default `read-write`): which
    ///   host of several a session may use; `read-write` skips standbys, so after a failover the
    ///   workers find the promoted one by themselves. Overrides the URL's parameter.
    ///
    /// - Throws: ``ConfigurationError`` naming the key (relative to `postgres`) and the problem.
    public init(config: ConfigReader) throws(ConfigurationError) {
        let reader = SettingReader(config: config)
        let password = try ConnectionPassword(url: try reader.string("url", isSecret: true), config: config)
        url = password.url
        passwordFile = password.passwordFile
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw ConfigurationError(key: "url", problem: "scheme must be postgres:// or postgresql://")
        }
        do {
            _ = try PostgresConfiguration(url)
        } catch {
            // libpq's message may quote the URL, so only the generic reason is shown.
            throw ConfigurationError(key: "url", problem: "is not a valid PostgreSQL URL")
        }
        connectTimeout = try reader.seconds("connect_timeout_seconds", in: 2...3600)
        targetSessionAttributes = try reader.choice("target_session_attrs", as: TargetSession.self)
    }

    /// The settings for a ``PostgresConnection``; `applicationName` shows in `pg_stat_activity`.
    public func postgresConfiguration(applicationName: String) throws -> PostgresConfiguration {
        var configuration = try PostgresConfiguration(url)
        configuration.connectTimeout = connectTimeout
        configuration.applicationName = applicationName
        configuration.targetSessionAttributes = targetSessionAttributes.rawValue
        return configuration
    }

    /// The section's keys and values, for rendering and the defaults provider.
    public var entries: [ConfigurationEntry] {
        [
            ConfigurationEntry("url", .string(url), isSecret: true),
            ConfigurationEntry("password_file", passwordFile.map { .string($0) }),
            ConfigurationEntry("connect_timeout_seconds", .int(connectTimeout.wholeSeconds)),
            ConfigurationEntry("target_session_attrs", .string(targetSessionAttributes.rawValue)),
        ]
    }
}

extension DatabaseConfiguration {
    /// The servers a session may use, as libpq's `target_session_attrs` names them.
    public enum TargetSession: String, Sendable, CaseIterable {
        /// Only a server that accepts writes (not a standby, not `default_transaction_read_only`).
        case readWrite = "read-write"
        /// Only a server that is not in recovery.
        case primary
        /// Any server that answers.
        case any
    }
}
