/// A notification received on a channel this connection listens on.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel name, as given to `NOTIFY` / `pg_notify`.
    public let channel: String
    /// The payload (empty when none was sent).
    public let payload: String
    /// The server process id of the sending session.
    public let senderPID: Int32

    /// Creates a notification; the connection does this when the server delivers one.
    public init(channel: String, payload: String, senderPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}
