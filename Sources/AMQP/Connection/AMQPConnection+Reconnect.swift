import Backoff

extension AMQPConnection {
    /// Opens a connection and runs `setUp` on it, retrying both with backoff until they succeed.
    ///
    /// Use it at start-up and after a connection failed: `setUp` redeclares the topology, sets the
    /// prefetch, enables confirms and starts consumers, so the new connection is ready to use. A
    /// failed attempt's connection is closed before the delay. `onFailure` sees each error, the
    /// number of consecutive failures and the delay before the next attempt (for logs and metrics).
    ///
    /// - Parameter maxAttempts: give up after this many attempts (`nil`: retry until cancelled).
    /// - Throws: the last error after `maxAttempts`, an `invalidConfiguration` error at once (it
    ///   cannot heal), or `CancellationError` when the task is cancelled during a delay.
    public static func connect(
        _ configuration: AMQPConfiguration, retrying policy: ExponentialBackoff, maxAttempts: Int? = nil,
        onFailure: @Sendable (any Error, _ failures: Int, _ nextDelay: Duration) -> Void = { _, _, _ in },
        setUp: @Sendable (AMQPConnection) async throws -> Void = { _ in }
    ) async throws -> AMQPConnection {
        var failures = 0
        while true {
            try Task.checkCancellation()
            var opened: AMQPConnection?
            do {
                let connection = try await connect(configuration)
                opened = connection
                try await setUp(connection)
                return connection
            } catch {
                await opened?.close()
                if let error = error as? AMQPError, error.kind == .invalidConfiguration { throw error }
                failures += 1
                if let maxAttempts, failures >= maxAttempts { throw error }
                let delay = policy.delay(afterFailures: failures)
                onFailure(error, failures, delay)
                try await Task.sleep(for: delay)
            }
        }
    }
}
