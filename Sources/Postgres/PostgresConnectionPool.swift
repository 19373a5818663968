/// A fixed-size set of connections lent out one caller at a time.
///
/// Connections are opened lazily up to `size` and kept; a broken one reconnects by itself on its
/// next use, so the pool never needs to discard it. When all are lent, callers wait in order.
public actor PostgresConnectionPool {
    /// The configuration every connection is opened with.
    public nonisolated let configuration: PostgresConfiguration
    /// The most connections the pool opens.
    public nonisolated let size: Int
    private let threadName: String
    private var idle: [PostgresConnection] = []
    private var opened = 0
    private var isClosed = false
    private var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []

    /// Creates an empty pool; nothing connects until the first lease.
    ///
    /// - Parameters:
    ///   - size: the most connections to open (at least 1).
    ///   - threadName: the name given to each connection's dedicated thread.
    public init(configuration: PostgresConfiguration, size: Int, threadName: String = "postgres-pool") {
        self.configuration = configuration
        self.size = max(1, size)
        self.threadName = threadName
    }

    /// Lends a connection to `body` and takes it back when `body` returns or throws.
    public func withConnection<Value: Sendable>(
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let connection = try await lease()
        defer { giveBack(connection) }
        return try await body(connection)
    }

    /// Runs `body` in a transaction on a lent connection; see ``PostgresConnection/withTransaction(isolation:readOnly:_:)``.
    public func withTransaction<Value: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        _ body: sending (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        let connection = try await lease()
        defer { giveBack(connection) }
        return try await connection.withTransaction(isolation: isolation, body)
    }

    /// Closes the idle connections and refuses new leases; lent ones close when given back.
    public func close() async {
        isClosed = true
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume(returning: nil) }
        let closing = idle
        idle.removeAll()
        for connection in closing { await connection.close() }
    }

    /// How many connections are open (idle or lent).
    public var openedCount: Int { opened }

    private func lease() async throws -> PostgresConnection {
        guard !isClosed else { throw PostgresConnection.closedError }
        if let connection = idle.popLast() { return connection }
        if opened < size {
            opened += 1
            do {
                return try await PostgresConnection.connect(configuration, threadName: threadName)
            } catch {
                opened -= 1
                throw error
            }
        }
        let connection = await withCheckedContinuation { waiters.append($0) }
        guard let connection else { throw PostgresConnection.closedError }
        return connection
    }

    private func giveBack(_ connection: PostgresConnection) {
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else if isClosed {
            // Dropping the last reference closes the session and ends its thread.
            opened -= 1
        } else {
            idle.append(connection)
        }
    }
}
