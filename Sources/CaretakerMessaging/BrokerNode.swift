import AMQP
import Synchronization

/// The RabbitMQ node one component's connection is on (`host:port`), for `/readyz`; `nil`
/// while it is not connected. On a cluster it shows where each connection went after a node
/// failed.
public final class BrokerNode: Sendable {
    private let address = Mutex<String?>(nil)

    /// Creates a record of no connection.
    public init() {}

    /// The node's `host:port`, or `nil` while not connected.
    public var current: String? { address.withLock { $0 } }

    /// Notes the node `connection` reached.
    func connected(_ connection: AMQPConnection) {
        let url = connection.configuration.url
        address.withLock { $0 = "\(url.host):\(url.port)" }
    }

    /// Notes that the connection is gone.
    func disconnected() {
        address.withLock { $0 = nil }
    }
}
