/// Polls `condition` every 50 ms until it holds or `timeout` passes; asks once more at the
/// deadline, then throws ``TimedOut``.
public func eventually(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    if try await condition() { return }
    throw TimedOut(what: what)
}

/// A condition a test waited for did not come true in time.
public struct TimedOut: Error, CustomStringConvertible {
    /// What the test waited for.
    public let what: String

    /// Names what did not happen.
    public init(what: String) {
        self.what = what
    }

    /// `timed out waiting for …`.
    public var description: String { "timed out waiting for \(what)" }
}
