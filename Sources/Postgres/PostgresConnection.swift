internal import DedicatedThread
import Synchronization

/// One PostgreSQL session, as an actor pinned to a thread of its own so that libpq's blocking
/// calls never run on Swift's cooperative pool.
///
/// Values travel only as bound parameters (see ``SQLQuery``); every statement is prepared once per
/// session and then executed by name. When the connection breaks (server restart, network), the
/// failing call throws a ``PostgresError`` whose `isTransient` is true and whose kind is
/// ``PostgresError/Kind/connection``; the statement's outcome is then unknown. The next call
/// reconnects by itself (immediately the first time, then with exponential backoff while the
/// server stays away), re-prepares statements lazily and re-issues `LISTEN`s. Statements are never
/// retried automatically, and a transaction whose connection broke is never continued on a new one.
///
/// A connection serves one caller at a time: while a ``withTransaction(isolation:readOnly:_:)``
/// body runs, calls from other tasks wait until it ends.
public actor PostgresConnection {
    /// The configuration the connection was made with.
    public nonisolated let configuration: PostgresConfiguration
    private let executor: DedicatedThreadExecutor

    /// The dedicated thread every method of this actor runs on.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    var handle: ConnectionHandle?
    var statements: StatementCache
    var channels: Set<String> = []
    var activeTransaction: UInt64?
    var savepointDepth = 0
    private var isClosed = false
    private var hasConnected = false
    private var backoff: ReconnectBackoff
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// How many times the connection re-established its session after losing it.
    public private(set) var reconnectCount = 0

    @TaskLocal static var taskTransactions: Set<UInt64> = []
    private static let transactionCounter = Atomic<UInt64>(0)

    private init(configuration: PostgresConfiguration, threadName: String) {
        self.configuration = configuration
        executor = DedicatedThreadExecutor(name: threadName)
        statements = StatementCache(capacity: configuration.statementCacheCapacity)
        backoff = ReconnectBackoff(
            initialDelay: configuration.reconnectDelay, maxDelay: configuration.maxReconnectDelay)
    }

    deinit { executor.shutdown() }

    /// Connects, blocking the new connection's own thread (not the caller's) up to `connectTimeout`.
    ///
    /// - Parameter threadName: the dedicated thread's name (first 15 bytes show in `top -H`).
    /// - Throws: ``PostgresError`` of kind ``PostgresError/Kind/connection`` (`08001`) when the server
    ///   cannot be reached or refuses the session.
    public static func connect(
        _ configuration: PostgresConfiguration, threadName: String = "postgres"
    ) async throws -> PostgresConnection {
        let connection = PostgresConnection(configuration: configuration, threadName: threadName)
        try await connection.establish()
        return connection
    }

    /// Connects with a connection string or `postgresql://` URL and default options.
    public static func connect(_ connectionString: String) async throws -> PostgresConnection {
        try await connect(PostgresConfiguration(connectionString))
    }

    private func establish() throws(PostgresError) {
        _ = try reestablish(ignoringBackoff: true)
    }

    /// Whether a session is currently open (false after a detected failure, until the next reconnect).
    public var isConnected: Bool { handle.map { !$0.isBroken } ?? false }

    /// Runs one statement and returns its complete result.
    ///
    /// - Throws: ``PostgresError``: `.server` when the statement fails (the session stays usable),
    ///   `.connection` when the connection broke, `.encoding` when a bound value cannot be sent.
    public func query(_ query: SQLQuery) async throws -> PostgresResult {
        await waitForTurn()
        return try run(query)
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Runs SQL text that may hold several statements (a migration file), without parameters and
    /// without preparing it.
    ///
    /// The text must not contain values: they cannot be bound here. Unless it manages its own
    /// transaction, the server runs the whole text as one implicit transaction.
    public func execute(unsafeScript script: String) async throws {
        await waitForTurn()
        guard !script.utf8.contains(0) else { throw PostgresError.encoding("script contains a NUL character") }
        let handle = try connectedHandle()
        do {
            _ = try handle.execute(script)
        } catch {
            dropIfBroken(error)
            throw error
        }
    }

    /// Drops the current session (if any) and opens a new one now, ignoring the backoff.
    public func reconnect() async throws {
        await waitForTurn()
        guard !isClosed else { throw Self.closedError }
        handle = nil
        _ = try reestablish(ignoringBackoff: true)
    }

    /// Closes the session; later calls throw `08003`. The thread ends when the actor is released.
    public func close() {
        isClosed = true
        handle = nil
    }

    /// The backend's process id, or nil while disconnected.
    public var backendPID: Int32? { handle?.backendPID }

    /// `host:port` of the server the session is on, or nil while disconnected; with several
    /// hosts in the connection string (a primary and its standbys, `target_session_attrs`),
    /// the one libpq connected to.
    public var serverAddress: String? { handle?.serverAddress }

    // MARK: - Internals shared with the extensions

    func run(_ query: SQLQuery) throws(PostgresError) -> PostgresResult {
        var values: [String?] = []
        var types: [PostgresDataType] = []
        values.reserveCapacity(query.bindings.count)
        types.reserveCapacity(query.bindings.count)
        for binding in query.bindings {
            switch binding.value {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            }
            types.append(binding.type)
        }
        let handle = try connectedHandle()
        let key = StatementCache.Key(sql: query.sql, types: types)
        do {
            if let name = statements.name(for: key) {
                return try handle.executePrepared(name: name, values: values)
            }
            if statements.isFull {
                guard handle.transactionState == .idle else {
                    return try handle.execute(key.sql, types: types, values: values)
                }
                _ = try handle.execute("DEALLOCATE ALL")
                statements.removeAll()
            }
            let name = statements.makeName()
            try handle.prepare(name: name, sql: key.sql, types: types)
            statements.insert(name, for: key)
            return try handle.executePrepared(name: name, values: values)
        } catch {
            // A plan cached before a schema change may no longer fit: prepare afresh next time.
            if error.code.rawValue == "0A000" { statements.remove(key) }
            dropIfBroken(error)
            throw error
        }
    }

    /// The open session; reconnects first when it was lost (outside a transaction, after backoff).
    func connectedHandle() throws(PostgresError) -> ConnectionHandle {
        if let handle { return handle }
        if isClosed { throw Self.closedError }
        if activeTransaction != nil {
            throw PostgresError(kind: .connection, code: .connectionFailure, reason: "connection lost during the transaction")
        }
        return try reestablish(ignoringBackoff: false)
    }

    /// Forgets the session after a connection-class failure so that the next call reconnects.
    func dropIfBroken(_ error: PostgresError) {
        if error.kind == .connection || handle?.isBroken == true { handle = nil }
    }

    private func reestablish(ignoringBackoff: Bool) throws(PostgresError) -> ConnectionHandle {
        let now = ContinuousClock.now
        guard ignoringBackoff || backoff.mayAttempt(at: now) else {
            throw PostgresError(kind: .connection, code: .connectionFailure, reason: "disconnected; waiting to reconnect")
        }
        do {
            let fresh = try ConnectionHandle.open(configuration)
            for channel in channels.sorted() {
                _ = try fresh.execute("LISTEN " + SQLIdentifier(channel).quoted)
            }
            if hasConnected { reconnectCount += 1 }
            hasConnected = true
            statements.removeAll()
            backoff.reset()
            handle = fresh
            return fresh
        } catch {
            backoff.failed(at: now)
            throw error
        }
    }

    /// Waits while another task's transaction holds the connection.
    func waitForTurn() async {
        while let active = activeTransaction, !Self.taskTransactions.contains(active) {
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    func beginExclusive() -> UInt64 {
        let id = Self.transactionCounter.add(1, ordering: .relaxed).newValue
        activeTransaction = id
        return id
    }

    func endExclusive() {
        activeTransaction = nil
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }

    static var closedError: PostgresError {
        PostgresError(kind: .usage, code: .connectionDoesNotExist, reason: "connection closed")
    }
}
