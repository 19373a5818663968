import AMQP
import CaretakerApp
import CaretakerCore
import CaretakerMessaging
import Foundation

/// Broker-side helpers: the hotline's publishing and a bare consumer for the baseline.
enum BenchBroker {
    /// The quorum queue the baseline fills and drains (in the benchmark's virtual host).
    static let baselineQueue = "caretaker-bench.baseline"

    /// The `index`-th intake message of a run, as the hotline's JSON bytes and routing key.
    static func intake(_ index: Int, prefix: String) -> (body: [UInt8], messageID: String, routingKey: String) {
        let messageID = "\(prefix)-\(index)"
        let message = SampleReports.make(index, messageID: messageID, receivedAt: WorkerClock.timestamp(Date()))
        return (message.json.serializedUTF8, messageID, message.kind.rawValue)
    }

    /// Opens a connection in `url`'s virtual host and declares Caretaker's topology and the baseline queue.
    static func connect(_ url: String, confirms: Bool) async throws -> AMQPConnection {
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url, heartbeat: .seconds(10)))
        if confirms { try await connection.enableConfirms() }
        return connection
    }

    /// Declares Caretaker's topology and the baseline queue.
    static func declare(on connection: isolated AMQPConnection) throws {
        try Topology.caretaker().declare(on: connection)
        try connection.declareQuorumQueue(baselineQueue)
    }

    /// Publishes `count` intake messages persistent and `mandatory` with a window of 1,000
    /// unconfirmed, either to `caretaker.intake` or straight to `queue`; waits for every confirm.
    static func publish(count: Int, prefix: String, toQueue queue: String?,
                        on connection: isolated AMQPConnection) throws {
        for index in 0..<count {
            if connection.unconfirmedCount >= 1_000 {
                try check(connection.waitForConfirms(untilAtMost: 500, timeout: .seconds(60)))
            }
            let message = intake(index, prefix: prefix)
            let properties = AMQPMessageProperties(contentType: "application/json", deliveryMode: .persistent,
                                                   messageID: message.messageID, appID: "caretaker-bench")
            try connection.publish(message.body, exchange: queue == nil ? ExchangeName.intake : "",
                                   routingKey: queue ?? message.routingKey, mandatory: true, properties: properties)
        }
        try check(connection.waitForConfirms(untilAtMost: 0, timeout: .seconds(60)))
    }

    /// Throws on a returned or refused publish among `events`.
    static func check(_ events: [AMQPEvent]) throws {
        for event in events {
            switch event {
            case .returned(let returned):
                throw BenchFailure("publish returned: \(returned.replyCode) \(returned.replyText)")
            case .confirmed(let confirmation) where confirmation.outcome == .nack:
                throw BenchFailure("broker refused \(confirmation.deliveryTags.count) publish(es)")
            default:
                continue
            }
        }
    }

    /// The bare consumer: takes `count` deliveries from `queue` with `prefetch`, acking with one
    /// `multiple` ack every `ackEvery` deliveries (and whenever the queue pauses).
    static func drain(_ queue: String, count: Int, prefetch: Int, ackEvery: Int,
                      on connection: isolated AMQPConnection) throws {
        try connection.setPrefetch(count: UInt16(prefetch))
        let tag = try connection.consume(queue: queue)
        var received = 0
        var unacked = 0
        var lastTag: UInt64 = 0
        var idleSince = ContinuousClock.now
        while received < count {
            switch try connection.nextEvent(timeout: .milliseconds(100)) {
            case .delivery(let delivery):
                received += 1
                unacked += 1
                lastTag = delivery.deliveryTag
                idleSince = ContinuousClock.now
                if unacked >= ackEvery {
                    try connection.ack(lastTag, multiple: true)
                    unacked = 0
                }
            case .timeout:
                if unacked > 0 {
                    try connection.ack(lastTag, multiple: true)
                    unacked = 0
                }
                guard ContinuousClock.now - idleSince < .seconds(30) else {
                    throw BenchFailure("baseline consumer stalled after \(received) of \(count)")
                }
            default:
                continue
            }
        }
        if unacked > 0 { try connection.ack(lastTag, multiple: true) }
        try connection.cancel(consumerTag: tag)
    }
}
