/// Everything needed to open one ``AMQPConnection``.
///
/// Keys and defaults:
/// - `url`: where and as whom to connect (``AMQPURL``).
/// - `failoverURLs` (none): further nodes of the same cluster; ``AMQPConnection/connect(_:)`` tries
///   `url` and then these in order, starting after the node the previous connection used.
/// - `heartbeat` (10 s, whole seconds): negotiated with the broker; rabbitmq-c reports a dead peer
///   after two missed intervals. It is also the default for the two deadlines below.
/// - `connectTimeout` (5 s): TCP (and TLS) connect.
/// - `rpcTimeout` (`heartbeat`): the longest a synchronous method (declare, bind, …) may wait.
/// - `watchdogDeadline` (`heartbeat`): the longest any single library call may block before the
///   watchdog shuts the socket down; a wait for events may take its timeout plus this.
/// - `tls`: CA and client certificate for `amqps` URLs (the system CA bundle when `nil`).
/// - `connectionName`: shown in the RabbitMQ management UI.
/// - `frameMax` (128 KiB): the largest frame; bodies larger than it are split by the library.
public struct AMQPConfiguration: Sendable {
    /// The broker's URL; on a connection, the node it is connected to.
    public var url: AMQPURL
    /// Further nodes of the same cluster, tried in order after `url`.
    public var failoverURLs: [AMQPURL] = []
    /// Which node the next connection tries first; shared by copies of this configuration.
    public var endpointCursor = AMQPEndpointCursor()
    /// The largest pause (chosen at random, from zero) before trying the next node, so workers
    /// that lost the same node do not all arrive at the next one in the same instant.
    public var failoverJitter: Duration = .milliseconds(250)
    /// The heartbeat interval; zero disables heartbeats (not recommended).
    public var heartbeat: Duration
    /// The TCP and TLS connect timeout.
    public var connectTimeout: Duration
    /// The synchronous method timeout.
    public var rpcTimeout: Duration
    /// The longest a single library call may block.
    public var watchdogDeadline: Duration
    /// TLS options for `amqps` URLs.
    public var tls: AMQPTLSOptions?
    /// The connection name shown by the broker.
    public var connectionName: String
    /// The largest frame size to negotiate.
    public var frameMax: Int

    /// Creates a configuration; `rpcTimeout` and `watchdogDeadline` default to `heartbeat`.
    public init(
        url: AMQPURL, heartbeat: Duration = .seconds(10), connectTimeout: Duration = .seconds(5),
        rpcTimeout: Duration? = nil, watchdogDeadline: Duration? = nil, tls: AMQPTLSOptions? = nil,
        connectionName: String = "caretaker", frameMax: Int = 131_072
    ) {
        self.url = url
        self.heartbeat = heartbeat
        self.connectTimeout = connectTimeout
        let fallback = heartbeat > .zero ? heartbeat : .seconds(30)
        self.rpcTimeout = rpcTimeout ?? fallback
        self.watchdogDeadline = watchdogDeadline ?? fallback
        self.tls = tls
        self.connectionName = connectionName
        self.frameMax = frameMax
    }

    /// Parses `url` and applies the other defaults.
    public init(url: String, heartbeat: Duration = .seconds(10), tls: AMQPTLSOptions? = nil) throws {
        self.init(url: try AMQPURL(parsing: url), heartbeat: heartbeat, tls: tls)
    }

    /// `url` followed by `failoverURLs`: every node this configuration may connect to.
    public var endpoints: [AMQPURL] { [url] + failoverURLs }

    /// The heartbeat in whole seconds as negotiated on the wire.
    var heartbeatSeconds: Int32 {
        Int32(clamping: heartbeat.components.seconds)
    }
}
