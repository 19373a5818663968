extension PostgresConnection {
    /// Starts listening on `channel`; the channel is listened on again after every reconnect.
    ///
    /// Notifications sent while the connection was down are lost: treat them as wake-up hints
    /// and keep polling as the fallback. Use a connection of its own for listening, since
    /// ``notifications(timeout:)`` holds the connection while it waits.
    public func listen(_ channel: String) async throws {
        await waitForTurn()
        try runSimple("LISTEN " + SQLIdentifier(channel).quoted)
        channels.insert(channel)
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) async throws {
        await waitForTurn()
        channels.remove(channel)
        try runSimple("UNLISTEN " + SQLIdentifier(channel).quoted)
    }

    /// Sends a notification through `pg_notify`, with channel and payload as bound parameters.
    ///
    /// Inside a transaction it is delivered at commit (and not at all on rollback).
    public func notify(_ channel: String, payload: String = "") async throws {
        _ = try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    /// Returns the notifications received so far, or waits up to `timeout` for at least one.
    ///
    /// Waits in `poll(2)` on the connection's socket (on the connection's own thread, never
    /// spinning), so the call returns as soon as a notification arrives; an empty array means the
    /// timeout passed. Keep timeouts short (about a second) when the caller must react to
    /// shutdown, because the wait itself cannot be cancelled.
    public func notifications(timeout: Duration) async throws -> [PostgresNotification] {
        await waitForTurn()
        let handle = try connectedHandle()
        do {
            try handle.consumeInput()
            var received = handle.drainNotifications()
            let deadline = ContinuousClock.now + timeout
            while received.isEmpty {
                let remaining = deadline - .now
                guard remaining > .zero else { break }
                let milliseconds = remaining.components.seconds * 1000
                    + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
                if try handle.waitReadable(milliseconds: Int32(clamping: milliseconds)) {
                    try handle.consumeInput()
                    received = handle.drainNotifications()
                }
            }
            return received
        } catch {
            dropIfBroken(error)
            throw error
        }
    }

    private func runSimple(_ sql: String) throws(PostgresError) {
        let handle = try connectedHandle()
        do {
            _ = try handle.execute(sql)
        } catch {
            dropIfBroken(error)
            throw error
        }
    }
}
