/// A failure reported by the AMQP wrapper, the broker or rabbitmq-c.
///
/// `code` is the AMQP reply code when the broker closed the channel or connection (for example
/// 404 `NOT_FOUND`, 406 `PRECONDITION_FAILED`, 320 `CONNECTION_FORCED`), the rabbitmq-c status
/// (a negative number, for example -13 for a timeout) when the library failed, an `errno` for
/// socket options, and 0 otherwise. The description never contains a message body or a password;
/// it may contain queue and exchange names and the broker's reply text.
public struct AMQPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure happened, which decides how a caller recovers.
    public enum Kind: String, Sendable, Equatable {
        /// The URL or configuration is invalid; retrying does not help.
        case invalidConfiguration
        /// The TCP connection could not be opened.
        case connectionFailed
        /// The TLS handshake, certificate loading or peer verification failed.
        case tlsFailed
        /// The broker refused the credentials or the virtual host.
        case loginFailed
        /// The broker closed the channel (reply code in `code`).
        case channelClosed
        /// The broker closed the connection (reply code in `code`).
        case connectionClosed
        /// The socket failed, the peer went away or heartbeats were missed.
        case connectionLost
        /// A call ran past the watchdog deadline and the socket was shut down.
        case watchdogTimeout
        /// An RPC or wait ran out of time.
        case timeout
        /// The broker sent something the wrapper did not expect.
        case protocolError
        /// The connection has already failed or was closed; open a new one.
        case notConnected
    }

    /// What kind of failure happened.
    public let kind: Kind
    /// The AMQP reply code, rabbitmq-c status or errno; 0 when there is none.
    public let code: Int
    /// The operation that failed, such as `queue.declare caretaker.intake`.
    public let context: String
    /// The broker's reply text or the library's message.
    public let detail: String

    /// Whether the connection is unusable after this error, so the caller must open a new one.
    ///
    /// False for invalid configuration, for a confirm wait that ran out of time, and for a
    /// channel-level refusal (such as 404 on a passive declare) on a channel that had no consumers
    /// and no confirm mode: the wrapper then reopens the channel and the connection stays usable.
    public let requiresReconnect: Bool

    /// Creates an error; `requiresReconnect` defaults to false only for `invalidConfiguration`.
    public init(
        _ kind: Kind, code: Int = 0, context: String, detail: String = "", requiresReconnect: Bool? = nil
    ) {
        self.kind = kind
        self.code = code
        self.context = context
        self.detail = detail
        self.requiresReconnect = requiresReconnect ?? (kind != .invalidConfiguration)
    }

    /// A one-line summary: kind, operation, code and the broker's or library's reason.
    public var description: String {
        var text = "AMQP \(kind.rawValue) during \(context)"
        if code != 0 { text += " (code \(code))" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
