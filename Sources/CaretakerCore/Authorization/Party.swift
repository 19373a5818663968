/// Someone who connects to the broker under a RabbitMQ user of their own: the hotline, a
/// console, an ops tool or the worker.
///
/// The broker checks a message's AMQP `user_id` against the user that logged in, so the party a
/// delivery names is the party that sent it; ``AuthorizationPolicy`` maps the user to the party.
public struct Party: Sendable, Equatable {
    /// What a party does, which decides what it may send.
    public enum Role: String, Sendable, CaseIterable {
        /// The hotline intake system: publishes reports to `caretaker.intake`.
        case hotline
        /// A console of one audience: publishes commands as that audience.
        case console
        /// A console that only reads its audience's events and sends nothing (the developer's).
        case observer
        /// An ops tool: reads dead letters and taps events; sends neither reports nor commands.
        case ops
        /// The worker itself: declares the topology and publishes events.
        case worker
    }

    /// The RabbitMQ user name (and so the `user_id` of its messages).
    public var user: String
    /// What the party does.
    public var role: Role
    /// The audience of a console or an observer; `nil` for every other role.
    public var audience: EventAudience?

    /// Creates a party.
    public init(user: String, role: Role, audience: EventAudience? = nil) {
        self.user = user
        self.role = role
        self.audience = audience
    }
}
