import CaretakerCore
import Foundation

/// The RabbitMQ permissions (configure / write / read regexes) of each party, shipped as
/// `deploy/rabbitmq/permissions.json` and set by `scripts/services up`.
///
/// Least privilege: only the worker configures Caretaker's exchanges and queues; the hotline
/// writes to `caretaker.intake` and reads the resident notices; a console writes to
/// `caretaker.commands` and reads its own event queue; an observer (the developer) only reads its
/// own event queue; ops tools tap events and dead letters
/// through server-named exclusive queues (`amq.gen-…`) and write nowhere else.
public struct BrokerPermission: Sendable, Equatable {
    /// The broker user.
    public var user: String
    /// Resources the user may declare and delete.
    public var configure: String
    /// Resources the user may publish to (exchanges) or bind (queues).
    public var write: String
    /// Resources the user may consume (queues) or bind from (exchanges).
    public var read: String

    /// Nothing: RabbitMQ's regex that matches no resource name.
    public static let nothing = "^$"

    /// The permission `party` needs, and no more.
    public init(for party: Party) {
        user = party.user
        switch party.role {
        case .worker:
            configure = #"^caretaker\."#
            write = #"^caretaker\."#
            read = #"^caretaker\."#
        case .hotline:
            configure = Self.nothing
            write = Self.exactly(ExchangeName.intake)
            read = Self.exactly(Topology.eventQueue(for: .resident))
        case .console:
            configure = Self.nothing
            write = Self.exactly(ExchangeName.commands)
            read = party.audience.map { Self.exactly(Topology.eventQueue(for: $0)) } ?? Self.nothing
        case .observer:
            configure = Self.nothing
            write = Self.nothing
            read = party.audience.map { Self.exactly(Topology.eventQueue(for: $0)) } ?? Self.nothing
        case .ops:
            configure = #"^amq\.gen-.*$"#
            write = #"^amq\.gen-.*$"#
            read = #"^(amq\.gen-.*|"# + [ExchangeName.events, ExchangeName.deadLetters].map(Self.escaped).joined(separator: "|") + ")$"
        }
    }

    /// The regex matching exactly `name`.
    static func exactly(_ name: String) -> String { "^" + escaped(name) + "$" }

    /// `name` with its dots escaped (Caretaker's names have no other regex metacharacters).
    static func escaped(_ name: String) -> String { name.replacingOccurrences(of: ".", with: #"\."#) }

    /// The parties' permissions in RabbitMQ's definitions format (`permissions` only, for
    /// `rabbitmqctl import_definitions` after the users exist), sorted by user so the committed
    /// file diffs well. Users and passwords are not in it: they are credentials, set by ops.
    public static func definitionsJSON(parties: [Party], vhost: String = "/") throws -> String {
        let list: [[String: Any]] = parties.map(BrokerPermission.init(for:)).sorted { $0.user < $1.user }.map {
            ["user": $0.user, "vhost": vhost, "configure": $0.configure, "write": $0.write, "read": $0.read]
        }
        let data = try JSONSerialization.data(withJSONObject: ["permissions": list],
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
