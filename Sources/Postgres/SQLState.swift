/// A five-character SQLSTATE code, as sent by the server or assigned by this module for client-side failures.
///
/// Codes whose class is `XC` are local to this module (they never come from a server); the rest
/// follow PostgreSQL's Appendix A. Compare with the named constants: `error.code == .uniqueViolation`.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The five characters, for example `23505`.
    public let rawValue: String

    /// Wraps a code as sent by the server.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The two-character class, for example `23` (integrity constraint violation) or `08` (connection exception).
    public var errorClass: String { String(rawValue.prefix(2)) }

    /// The code itself, followed by its condition name when this module knows it.
    public var description: String {
        if let name = Self.names[rawValue] { return "\(rawValue) \(name)" }
        return rawValue
    }

    /// `08000` connection_exception.
    public static let connectionException = SQLState(rawValue: "08000")
    /// `08001` the client could not establish a connection.
    public static let unableToConnect = SQLState(rawValue: "08001")
    /// `08003` the connection does not exist (closed by the caller).
    public static let connectionDoesNotExist = SQLState(rawValue: "08003")
    /// `08006` the connection failed or was lost.
    public static let connectionFailure = SQLState(rawValue: "08006")
    /// `23502` not_null_violation.
    public static let notNullViolation = SQLState(rawValue: "23502")
    /// `23503` foreign_key_violation.
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    /// `23505` unique_violation.
    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// `23514` check_violation.
    public static let checkViolation = SQLState(rawValue: "23514")
    /// `22P02` invalid_text_representation (a bound value the server could not parse).
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    /// `25P02` in_failed_sql_transaction: a statement failed earlier in the transaction.
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    /// `40001` serialization_failure: retry the whole transaction.
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// `40P01` deadlock_detected: retry the whole transaction.
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    /// `42601` syntax_error.
    public static let syntaxError = SQLState(rawValue: "42601")
    /// `42P01` undefined_table.
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// `42703` undefined_column.
    public static let undefinedColumn = SQLState(rawValue: "42703")
    /// `55P03` lock_not_available (`NOWAIT` or `lock_timeout`).
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    /// `57014` query_canceled (including `statement_timeout`).
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// `57P01` admin_shutdown: the server is shutting down.
    public static let adminShutdown = SQLState(rawValue: "57P01")
    /// `57P02` crash_shutdown.
    public static let crashShutdown = SQLState(rawValue: "57P02")
    /// `57P03` cannot_connect_now: the server is starting up.
    public static let cannotConnectNow = SQLState(rawValue: "57P03")
    /// `XCE01` (local): a bound value could not be encoded, for example a string containing NUL.
    public static let encodingFailed = SQLState(rawValue: "XCE01")
    /// `XCD01` (local): a column could not be decoded into the requested Swift type.
    public static let decodingFailed = SQLState(rawValue: "XCD01")
    /// `XCC01` (local): the connection string or URL is invalid.
    public static let invalidConfiguration = SQLState(rawValue: "XCC01")
    /// `XCU01` (local): the API was used in a way it does not allow, for example a transaction handle used after its end.
    public static let misuse = SQLState(rawValue: "XCU01")

    private static let names: [String: String] = [
        "08000": "connection_exception", "08001": "sqlclient_unable_to_establish_sqlconnection",
        "08003": "connection_does_not_exist", "08006": "connection_failure",
        "23502": "not_null_violation", "23503": "foreign_key_violation", "23505": "unique_violation",
        "23514": "check_violation", "22P02": "invalid_text_representation",
        "25P02": "in_failed_sql_transaction", "40001": "serialization_failure",
        "40P01": "deadlock_detected", "42601": "syntax_error", "42P01": "undefined_table",
        "42703": "undefined_column", "55P03": "lock_not_available", "57014": "query_canceled",
        "57P01": "admin_shutdown", "57P02": "crash_shutdown", "57P03": "cannot_connect_now",
        "XCE01": "client_encoding_failed", "XCD01": "client_decoding_failed",
        "XCC01": "client_invalid_configuration", "XCU01": "client_misuse",
    ]
}
