/// An error from the Postgres module: a failed connection, a statement the server rejected, or a
/// value that could not be encoded or decoded.
///
/// `description` is deliberately generic: it holds the kind, the SQLSTATE and schema names
/// (constraint, table, column), never parameter values, row data or the server's message, which
/// may quote values. Those are in `debugDescription` and the `serverMessage`/`detail` properties;
/// log them only at trace level.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Where the failure happened.
    public enum Kind: String, Sendable {
        /// Could not connect, or the connection broke; the statement's outcome is unknown.
        case connection
        /// The server rejected the statement (the session is still usable).
        case server
        /// A bound value could not be turned into PostgreSQL's text form.
        case encoding
        /// A column could not be decoded into the requested Swift type.
        case decoding
        /// The connection string, URL or an option is invalid.
        case configuration
        /// The API was misused (for example a closed connection, or committing a failed transaction).
        case usage
    }

    /// Where the failure happened.
    public let kind: Kind
    /// The SQLSTATE sent by the server, or a local code for client-side failures.
    public let code: SQLState
    /// The constraint the server named (for example on a unique violation).
    public let constraint: String?
    /// The table the server named, if any.
    public let table: String?
    /// The column: the server's, or for a decoding error the result column that failed.
    public let column: String?
    /// The server's or libpq's primary message. May quote values: never log it above trace.
    public let serverMessage: String?
    /// The server's detail, for example `Key (id)=(42) already exists.` May quote values.
    public let detail: String?
    /// The server's hint, if any.
    public let hint: String?
    /// A short explanation written by this module, never containing values (e.g. "connection lost").
    public let reason: String?

    /// Creates an error; the module's own code and tests use it, callers mostly inspect errors.
    public init(
        kind: Kind, code: SQLState, constraint: String? = nil, table: String? = nil, column: String? = nil,
        serverMessage: String? = nil, detail: String? = nil, hint: String? = nil, reason: String? = nil
    ) {
        self.reason = reason
        self.kind = kind
        self.code = code
        self.constraint = constraint
        self.table = table
        self.column = column
        self.serverMessage = serverMessage
        self.detail = detail
        self.hint = hint
    }

    /// Whether retrying later (after a reconnect, or by rerunning the whole transaction) can succeed.
    ///
    /// True for connection failures (class `08`, or a broken connection whatever the code), server
    /// shutdown or start-up (`57P01`–`57P03`), serialization failures and deadlocks (`40001`, `40P01`)
    /// and insufficient resources (class `53`). False for everything the same input would repeat.
    public var isTransient: Bool {
        if kind == .connection { return true }
        switch code {
        case .serializationFailure, .deadlockDetected, .adminShutdown, .crashShutdown, .cannotConnectNow:
            return true
        default:
            return code.errorClass == "08" || code.errorClass == "53"
        }
    }

    /// Kind, SQLSTATE and schema names only, safe for logs.
    public var description: String {
        var text = "PostgresError(\(kind.rawValue), \(code)"
        if let reason { text += ", \(reason)" }
        if let constraint { text += ", constraint: \(constraint)" }
        if let table { text += ", table: \(table)" }
        if let column { text += ", column: \(column)" }
        return text + ")"
    }

    /// The description plus the server's message, detail and hint, which may contain values.
    public var debugDescription: String {
        var text = description
        if let serverMessage { text += " message: \(serverMessage)" }
        if let detail { text += " detail: \(detail)" }
        if let hint { text += " hint: \(hint)" }
        return text
    }
}

extension PostgresError {
    /// `reason` must not contain values.
    static func usage(_ reason: String) -> PostgresError {
        PostgresError(kind: .usage, code: .misuse, reason: reason)
    }

    /// `reason` must not contain values.
    static func encoding(_ reason: String) -> PostgresError {
        PostgresError(kind: .encoding, code: .encodingFailed, reason: reason)
    }
}
