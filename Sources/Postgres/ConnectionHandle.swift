internal import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one libpq connection (`PGconn`) and performs the blocking libpq calls on it.
///
/// Deliberately not `Sendable`: only its ``PostgresConnection`` actor holds it, and that actor runs
/// on its own dedicated thread, so libpq (which forbids concurrent use of one `PGconn`) is always
/// called from that one thread. `deinit` closes the connection.
final class ConnectionHandle {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQfinish(pointer) }

    /// Connects (blocking up to `connect_timeout`) and runs the session setup.
    static func open(_ configuration: PostgresConfiguration) throws(PostgresError) -> ConnectionHandle {
        let pairs = configuration.connectionKeywords
        let pointer: OpaquePointer? = withCStrings(pairs.map(\.0)) { keywords in
            withCStrings(pairs.map(\.1)) { values in PQconnectdbParams(keywords, values, 0) }
        }
        guard let pointer else {
            throw PostgresError(kind: .connection, code: .unableToConnect, reason: "out of memory while connecting")
        }
        let handle = ConnectionHandle(pointer: pointer)
        // libpq prints NOTICE/WARNING messages to stderr by default; they can quote values and
        // would bypass the service's logging, so they are dropped.
        PQsetNoticeProcessor(pointer, { _, _ in }, nil)
        guard PQstatus(pointer) == CONNECTION_OK else {
            throw PostgresError(
                kind: .connection, code: .unableToConnect, serverMessage: handle.errorMessage,
                reason: "could not connect")
        }
        _ = try handle.execute(configuration.sessionSetup)
        return handle
    }

    /// Whether libpq considers the connection broken.
    var isBroken: Bool { PQstatus(pointer) == CONNECTION_BAD }

    /// The server process id, useful to recognise self-sent notifications.
    var backendPID: Int32 { PQbackendPID(pointer) }

    /// `host:port` of the server this session reached (with a multi-host conninfo, the one
    /// libpq chose), from `PQhost` and `PQport`.
    var serverAddress: String? {
        guard let host = PQhost(pointer), let port = PQport(pointer) else { return nil }
        return "\(String(cString: host)):\(String(cString: port))"
    }

    /// The session's transaction state as libpq tracks it.
    var transactionState: TransactionState {
        switch PQtransactionStatus(pointer) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_INTRANS, PQTRANS_ACTIVE: .inTransaction
        case PQTRANS_INERROR: .failed
        default: .unknown
        }
    }

    /// Runs SQL text without parameters through the simple-query protocol (several statements allowed).
    ///
    /// Returns the last statement's result.
    func execute(_ sql: String) throws(PostgresError) -> PostgresResult {
        try take(PQexec(pointer, sql))
    }

    /// Runs one statement with parameters, unprepared.
    func execute(_ sql: String, types: [PostgresDataType], values: [String?]) throws(PostgresError) -> PostgresResult {
        let oids = types.map(\.rawValue)
        let result = Self.withParameterPointers(values) { parameters in
            PQexecParams(pointer, sql, Int32(values.count), oids, parameters, nil, nil, 0)
        }
        return try take(result)
    }

    /// Prepares a named statement with its parameter types.
    func prepare(name: String, sql: String, types: [PostgresDataType]) throws(PostgresError) {
        _ = try take(PQprepare(pointer, name, sql, Int32(types.count), types.map(\.rawValue)))
    }

    /// Executes a statement prepared on this session.
    func executePrepared(name: String, values: [String?]) throws(PostgresError) -> PostgresResult {
        let result = Self.withParameterPointers(values) { parameters in
            PQexecPrepared(pointer, name, Int32(values.count), parameters, nil, nil, 0)
        }
        return try take(result)
    }

    /// Reads whatever the server has sent without blocking; throws if the connection broke.
    func consumeInput() throws(PostgresError) {
        guard PQconsumeInput(pointer) == 1 else {
            throw failure(for: nil)
        }
    }

    /// Notifications libpq has already received, oldest first.
    func drainNotifications() -> [PostgresNotification] {
        var received: [PostgresNotification] = []
        while let notify = PQnotifies(pointer) {
            received.append(
                PostgresNotification(
                    channel: String(cString: notify.pointee.relname),
                    payload: String(cString: notify.pointee.extra),
                    senderPID: notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return received
    }

    /// Blocks until the socket is readable or `milliseconds` pass; true when readable.
    func waitReadable(milliseconds: Int32) throws(PostgresError) -> Bool {
        let socket = PQsocket(pointer)
        guard socket >= 0 else { throw failure(for: nil) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    private var errorMessage: String {
        PQerrorMessage(pointer).map { String(cString: $0) } ?? ""
    }

    /// Converts a result into a ``PostgresResult`` (clearing it) or throws the error it reports.
    func take(_ result: OpaquePointer?) throws(PostgresError) -> PostgresResult {
        guard let result else { throw failure(for: nil) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return Self.read(result)
        default:
            throw failure(for: result)
        }
    }

    /// The error for a failed call, classified as a connection failure when the connection is now broken.
    func failure(for result: OpaquePointer?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let state = field("C").map(SQLState.init(rawValue:))
        let message = field("M") ?? errorMessage.trimmingTrailingNewlines
        if isBroken {
            let code = state.flatMap { $0.errorClass == "08" || $0.errorClass == "57" ? $0 : nil }
            return PostgresError(
                kind: .connection, code: code ?? .connectionFailure, serverMessage: message, detail: field("D"),
                reason: "connection lost")
        }
        guard let state else {
            return PostgresError(
                kind: .connection, code: .connectionException, serverMessage: message, reason: "libpq reported an error")
        }
        return PostgresError(
            kind: .server, code: state, constraint: field("n"), table: field("t"), column: field("c"),
            serverMessage: message, detail: field("D"), hint: field("H"))
    }

    private static func read(_ result: OpaquePointer) -> PostgresResult {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        var columnList: [PostgresColumn] = []
        columnList.reserveCapacity(Int(columnCount))
        for column in 0..<columnCount {
            columnList.append(
                PostgresColumn(
                    name: PQfname(result, column).map { String(cString: $0) } ?? "",
                    type: PostgresDataType(rawValue: PQftype(result, column))))
        }
        let columns = PostgresColumns(columnList)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    values.append(String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresResult(columns: columns, rows: rows, commandTag: tag, affectedRows: affected)
    }

    /// Lays the values out as NUL-terminated strings in one buffer and passes libpq an array of pointers.
    static func withParameterPointers<R>(
        _ values: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        var storage: [UInt8] = []
        var offsets: [Int?] = []
        offsets.reserveCapacity(values.count)
        for value in values {
            guard let value else {
                offsets.append(nil)
                continue
            }
            offsets.append(storage.count)
            storage.append(contentsOf: value.utf8)
            storage.append(0)
        }
        return storage.withUnsafeBytes { buffer in
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                offset.map { (buffer.baseAddress! + $0).assumingMemoryBound(to: CChar.self) }
            }
            return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let duplicates = strings.map { strdup($0) }
        defer { duplicates.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// The session's transaction state.
enum TransactionState {
    case idle, inTransaction, failed, unknown
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
