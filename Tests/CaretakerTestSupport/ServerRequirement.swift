import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the local `servers` answer.
    ///
    /// A developer without them sees the test reported as skipped, with the reason, rather than
    /// passed; under `CI=true` the missing server fails the test instead (``MissingServer``),
    /// because CI must never pass by skipping.
    public static func requiring(_ servers: TestServers.Server...) -> Self {
        let command = servers.contains(.cluster) ? "scripts/services cluster up" : "scripts/services up"
        return .enabled(if: try TestServers.available(servers),
                        "needs \(servers.map(\.rawValue).joined(separator: " and ")) (\(command))")
    }
}
