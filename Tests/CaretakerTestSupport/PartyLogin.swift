import Foundation

/// The party users `scripts/services up` creates (one RabbitMQ user per party, development
/// password `<user>-dev`), and their shipped permissions on a test's own virtual host.
public enum PartyLogin {
    /// The hotline's broker user.
    public static let hotline = "caretaker-hotline"
    /// The worker's broker user.
    public static let worker = "caretaker-worker"
    /// The ops tools' broker user.
    public static let ops = "caretaker-ops"

    /// The broker user of the console of `audience` (its raw value, e.g. `customer_service`).
    public static func console(_ audience: String) -> String {
        "caretaker-console-" + audience.replacingOccurrences(of: "_", with: "-")
    }

    /// An AMQP URL that logs in as `user` with its development password into `vhost`.
    public static func url(_ user: String, vhost: ScratchVirtualHost) -> String {
        "amqp://\(user):\(user)-dev@127.0.0.1:\(TestServers.Server.rabbitmq.port)/\(vhost.name)"
    }

    /// Creates the party users when missing and grants them the shipped permissions
    /// (`deploy/rabbitmq/permissions.json`) on `vhost`, as `scripts/services up` does for `/`.
    public static func grant(on vhost: ScratchVirtualHost) throws {
        try TestServers.services("parties", vhost.name)
    }
}
