import Synchronization

/// Remembers which of a configuration's broker URLs the last connection used, so the next
/// connection starts with the node after it.
///
/// Shared by every copy of one ``AMQPConfiguration``: a component that reconnects after its
/// node failed tries the next node first instead of waiting for the failed one to time out
/// again. A fresh cursor starts with the first URL, so the list's order is the preference.
public final class AMQPEndpointCursor: Sendable {
    private let lastUsed = Mutex<Int?>(nil)

    /// Creates a cursor that starts with the first URL.
    public init() {}

    /// The order to try `count` URLs in: the one after the last used first, wrapping around.
    func order(count: Int) -> [Int] {
        let start = lastUsed.withLock { $0.map { ($0 + 1) % max(1, count) } } ?? 0
        return (0..<count).map { (start + $0) % count }
    }

    /// Notes that the URL at `index` was connected to.
    func used(_ index: Int) {
        lastUsed.withLock { $0 = index }
    }
}
