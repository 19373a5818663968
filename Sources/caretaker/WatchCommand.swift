import AMQP
import ArgumentParser
import CaretakerApp
import CaretakerCore
import CaretakerMessaging

/// `caretaker watch`: prints the events the department consoles receive, one line each.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print the events arriving on the consoles' queues (and dead letters), one line each.",
        discussion: """
            Consumes and acknowledges what it prints, like a console would: use it on a demo or \
            test broker, not on a production queue a real console reads. Residents' contact \
            details are never printed.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Stop after this many seconds (default: run until interrupted).")
    var seconds: Double?

    @Option(parsing: .upToNextOption, help: "Only these audiences (default: all six).")
    var audience: [String] = []

    @Flag(help: "Also print dead letters.")
    var deadLetters = false

    func validate() throws {
        for name in audience where EventAudience(rawValue: name) == nil {
            throw ValidationError("unknown audience \(name); use \(EventAudience.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let configuration = try await options.load(command: "watch")
        let connection = try await AMQPConnection.connect(
            configuration.amqp.amqpConfiguration(connectionName: "caretaker-watch"))
        let audiences = audience.isEmpty ? EventAudience.allCases : audience.compactMap(EventAudience.init(rawValue:))
        var queues = audiences.map(Topology.eventQueue(for:))
        if deadLetters { queues.append(Topology.deadLetterQueue) }
        try await Self.start(queues, on: connection, topology: .caretaker(deliveryLimit: configuration.intake.deliveryLimit))
        let deadline = seconds.map { ContinuousClock.now + .seconds($0) }
        while deadline.map({ ContinuousClock.now < $0 }) ?? true {
            guard case .delivery(let delivery) = try await connection.nextEvent(timeout: .milliseconds(250)) else { continue }
            print(EventLine.describe(delivery))
            try await connection.ack(delivery.deliveryTag)
        }
        await connection.close()
    }

    private static func start(_ queues: [String], on connection: isolated AMQPConnection, topology: Topology) throws {
        try topology.declare(on: connection)
        try connection.setPrefetch(count: 200)
        for queue in queues { try connection.consume(queue: queue) }
    }
}

/// One readable line for a console event or a dead letter.
enum EventLine {
    static func describe(_ delivery: AMQPDelivery) -> String {
        if delivery.exchange == ExchangeName.deadLetters || delivery.properties.headers?["x-caretaker-reason"] != nil {
            let headers = delivery.properties.headers
            return "DEAD LETTER   \(text(headers?["x-caretaker-source"]))  reason=\(text(headers?["x-caretaker-reason"]))"
                + "  field=\(text(headers?["x-caretaker-field"]))  message_id=\(text(headers?["x-original-message-id"]))"
        }
        guard let event = try? JSONParser.parse(delivery.body) else { return "unreadable event on \(delivery.routingKey)" }
        let type = string(event["event_type"])
        var parts = [pad(string(event["audience"]), 16), pad(type, 16), string(event["case_number"]),
                     string(event["department"]) + "/" + string(event["category"])]
        if let severity = event["severity"], case .string = severity { parts.append("severity=\(string(severity))") }
        if let priority = event["priority"], case .string = priority { parts.append("priority=\(string(priority))") }
        if let change = event["change"] {
            if let kind = change["timer_kind"] { parts.append("timer=\(string(kind))") }
            if let level = change["level_name"] { parts.append("level=\(string(level))") }
            if case .number(let late)? = change["late_seconds"], late > 0 { parts.append("late=\(Int(late) / 60)min") }
            if let step = change["step"] { parts.append("step=\(string(step))") }
        }
        if let rejection = event["rejection"] {
            parts.append("refused \(string(rejection["command"])): \(string(rejection["reason"]))")
        }
        return parts.joined(separator: "  ")
    }

    private static func string(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .number(let number)?: String(Int(number))
        case .bool(let flag)?: String(flag)
        default: "-"
        }
    }

    private static func text(_ value: AMQPFieldValue?) -> String {
        if case .string(let text)? = value { return text.isEmpty ? "-" : text }
        return "-"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
