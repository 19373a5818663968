import Logging

/// Logs a dependency going down and coming back once per change of state, never once per retry,
/// so a ten-minute outage is two lines in the journal, not thousands.
public struct OutageLog: Sendable {
    /// Which dependency this tracks, e.g. `postgres` or `rabbitmq`.
    public let dependency: String
    /// The component that saw it, e.g. `intake` or `relay`.
    public let component: String
    private(set) var isDown = false
    private(set) var failures = 0

    /// Creates a tracker for `dependency` as seen by `component`.
    public init(dependency: String, component: String) {
        self.dependency = dependency
        self.component = component
    }

    /// Records a failure; logs only the first of a run of failures. Returns how many in a row.
    @discardableResult
    public mutating func failed(_ error: any Error, logger: Logger) -> Int {
        failures += 1
        if !isDown {
            isDown = true
            logger.warning("dependency unavailable, retrying", metadata: [
                "dependency": "\(dependency)", "component": "\(component)", "error": "\(error)",
            ])
        }
        return failures
    }

    /// Records a success; logs the recovery if the dependency was down.
    public mutating func recovered(logger: Logger) {
        if isDown {
            logger.notice("dependency available again", metadata: [
                "dependency": "\(dependency)", "component": "\(component)", "failures": "\(failures)",
            ])
        }
        isDown = false
        failures = 0
    }
}
