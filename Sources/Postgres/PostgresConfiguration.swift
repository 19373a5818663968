internal import CLibPQ

/// How to reach a PostgreSQL server, and how the connection behaves.
///
/// Created from a libpq connection string (`host=… port=… dbname=…`) or a `postgresql://` URL,
/// both validated by libpq's own parser; the properties then override or add options:
/// - `applicationName` → `application_name` (shown in `pg_stat_activity`)
/// - `connectTimeout` → `connect_timeout` (whole seconds, at least 2; default 5 s)
/// - `keepalives` → `keepalives`, `keepalives_idle`, `keepalives_interval`, `keepalives_count`
/// - `tcpUserTimeout` → `tcp_user_timeout`
/// - `targetSessionAttributes` → `target_session_attrs` (`read-write` with several hosts, so a
///   session never lands on a standby); overrides the string's
/// - `statementTimeout` → `SET statement_timeout` on every new session
/// - `reconnectDelay` / `maxReconnectDelay`: backoff between automatic reconnection attempts
/// - `statementCacheCapacity`: prepared statements kept per session
///
/// Every session also gets `TimeZone=UTC`, `DateStyle=ISO`, `bytea_output=hex` and UTF-8 client
/// encoding, so decoding sees one fixed text format. `description` never shows the password.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// TCP keepalive settings.
    public struct Keepalives: Sendable, Hashable {
        /// Idle time before the first probe.
        public var idle: Duration
        /// Time between probes.
        public var interval: Duration
        /// Probes lost before the connection counts as dead.
        public var count: Int

        /// Keepalives that notice a dead peer in about `idle + interval × count`.
        public init(idle: Duration = .seconds(30), interval: Duration = .seconds(10), count: Int = 3) {
            self.idle = idle
            self.interval = interval
            self.count = count
        }
    }

    /// The libpq keywords parsed from the connection string (for example `host`, `port`, `dbname`).
    public private(set) var parameters: [String: String]
    /// `application_name`; overrides the string's.
    public var applicationName: String?
    /// How long connecting may take before failing (libpq rounds to seconds, minimum 2).
    public var connectTimeout: Duration = .seconds(5)
    /// TCP keepalives; nil leaves libpq's defaults.
    public var keepalives: Keepalives? = Keepalives()
    /// `tcp_user_timeout`: how long sent data may stay unacknowledged before the connection fails.
    public var tcpUserTimeout: Duration? = .seconds(30)
    /// `target_session_attrs`: which of several hosts (`host=a,b port=1,2`) libpq accepts,
    /// e.g. `read-write` for the primary only; nil keeps the string's (libpq's default `any`).
    public var targetSessionAttributes: String?
    /// `statement_timeout` for every session; nil keeps the server's.
    public var statementTimeout: Duration?
    /// The first delay between automatic reconnection attempts; it doubles up to `maxReconnectDelay`.
    public var reconnectDelay: Duration = .milliseconds(50)
    /// The longest delay between automatic reconnection attempts.
    public var maxReconnectDelay: Duration = .seconds(5)
    /// How many prepared statements a session keeps before it deallocates them all and starts over.
    public var statementCacheCapacity: Int = 512

    /// Parses a libpq connection string or a `postgresql://` URL.
    ///
    /// - Throws: ``PostgresError`` of kind ``PostgresError/Kind/configuration`` when libpq rejects it;
    ///   libpq's message (which may quote the string) is only in `debugDescription`.
    public init(_ connectionString: String) throws {
        guard !connectionString.utf8.contains(0) else {
            throw PostgresError(kind: .configuration, code: .invalidConfiguration, reason: "connection string contains NUL")
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                kind: .configuration, code: .invalidConfiguration, serverMessage: message,
                reason: "invalid connection string or URL")
        }
        defer { PQconninfoFree(options) }
        var parameters: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { parameters[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        for key in ["port", "connect_timeout"] {
            if let value = parameters[key], value.isEmpty || !value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) {
                throw PostgresError(kind: .configuration, code: .invalidConfiguration, reason: "invalid \(key)")
            }
        }
        self.parameters = parameters
        applicationName = parameters["application_name"]
        targetSessionAttributes = parameters["target_session_attrs"]
    }

    /// Host, port, database and user; never the password.
    public var description: String {
        let host = parameters["host"] ?? parameters["hostaddr"] ?? "default"
        let port = parameters["port"] ?? "default"
        let database = parameters["dbname"] ?? "default"
        let user = parameters["user"] ?? "default"
        return "PostgresConfiguration(host: \(host), port: \(port), dbname: \(database), user: \(user))"
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`.
    var connectionKeywords: [(String, String)] {
        var result = parameters
        result["client_encoding"] = "UTF8"
        result["connect_timeout"] = String(max(2, Self.wholeSeconds(connectTimeout)))
        if let applicationName { result["application_name"] = applicationName }
        if let targetSessionAttributes { result["target_session_attrs"] = targetSessionAttributes }
        if let keepalives {
            result["keepalives"] = "1"
            result["keepalives_idle"] = String(max(1, Self.wholeSeconds(keepalives.idle)))
            result["keepalives_interval"] = String(max(1, Self.wholeSeconds(keepalives.interval)))
            result["keepalives_count"] = String(max(1, keepalives.count))
        }
        if let tcpUserTimeout {
            let milliseconds = tcpUserTimeout.components.seconds * 1000
                + tcpUserTimeout.components.attoseconds / 1_000_000_000_000_000
            result["tcp_user_timeout"] = String(milliseconds)
        }
        return result.sorted { $0.key < $1.key }
    }

    /// Statements run at the start of every session.
    var sessionSetup: String {
        var text = "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET bytea_output TO 'hex'; "
        text += "SET IntervalStyle TO 'iso_8601'"
        if let statementTimeout {
            let milliseconds = statementTimeout.components.seconds * 1000
                + statementTimeout.components.attoseconds / 1_000_000_000_000_000
            text += "; SET statement_timeout TO \(milliseconds)"
        }
        return text
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        duration.components.seconds + (duration.components.attoseconds > 0 ? 1 : 0)
    }
}
