import AMQP
import Backoff
import CaretakerStore
import Logging
import Postgres

/// Publishes outbox rows with publisher confirms and `mandatory`, in id order, and marks each
/// row sent only after the broker confirmed it.
///
/// After a crash or a reconnect, whatever was not confirmed is still unsent in the table and is
/// published again: delivery is at least once, and consumers deduplicate on `message_id`.
///
/// A row the broker returns (`312 NO_ROUTE`: no queue bound for its routing key, e.g. a deleted
/// console queue) or refuses is a failure, not a delivery: it stays unsent, is logged at error
/// (routing and ids only, never the body), and is tried again with backoff (see ``OutboxStore``)
/// until the topology is repaired. Waiting rows do not hold up the flush on shutdown.
public final class OutboxRelay: Sendable {
    /// How the relay connects and paces itself.
    public struct Settings: Sendable {
        /// The broker connection (its own, in confirm mode).
        public var amqp: AMQPConfiguration
        /// The most rows claimed and published per transaction.
        public var batchSize: Int
        /// How often to look at the table when nothing signalled new rows.
        public var pollInterval: Duration
        /// How long to wait for the broker's confirms of one batch.
        public var confirmTimeout: Duration
        /// Backoff between reconnect attempts.
        public var reconnect: ExponentialBackoff

        /// Creates settings.
        public init(amqp: AMQPConfiguration, batchSize: Int = 256, pollInterval: Duration = .milliseconds(50),
                    confirmTimeout: Duration = .seconds(10),
                    reconnect: ExponentialBackoff = ExponentialBackoff(maximumDelay: .seconds(5))) {
            self.amqp = amqp
            self.batchSize = max(1, batchSize)
            self.pollInterval = pollInterval
            self.confirmTimeout = confirmTimeout
            self.reconnect = reconnect
        }
    }

    let settings: Settings
    let database: PostgresConnection
    let signal: OutboxSignal
    let logger: Logger
    let store = OutboxStore()
    /// Counters for metrics and readiness.
    public let statistics = OutboxStatistics()

    /// Creates a relay that reads the outbox through `database` (a connection it may use alone).
    public init(settings: Settings, database: PostgresConnection, signal: OutboxSignal, logger: Logger) {
        self.settings = settings
        self.database = database
        self.signal = signal
        self.logger = logger
    }

    /// Publishes until `stop` is raised, then keeps going until the outbox is empty (the flush
    /// on shutdown) or the surrounding task is cancelled.
    public func run(stop: StopFlag) async {
        var broker = OutageLog(dependency: "rabbitmq", component: "relay")
        var storage = OutageLog(dependency: "postgres", component: "relay")
        var connection: AMQPConnection?
        var failures = 0
        while !Task.isCancelled {
            do {
                if connection == nil {
                    let fresh = try await AMQPConnection.connect(settings.amqp)
                    try await fresh.enableConfirms()
                    connection = fresh
                    statistics.brokerNode.connected(fresh)
                    broker.recovered(logger: logger)
                }
                let claimed = try await relayBatch(on: connection!)
                storage.recovered(logger: logger)
                failures = 0
                if claimed == settings.batchSize { continue }
                if stop.isRaised, claimed == 0, try await store.readyBacklog(on: database) == 0 { break }
                await signal.wait(timeout: stop.isRaised ? .milliseconds(20) : settings.pollInterval)
                try await Self.serviceHeartbeats(connection!)
            } catch let error as PostgresError {
                failures = storage.failed(error, logger: logger)
                let delay = settings.reconnect.delay(afterFailures: failures)
                guard let open = connection else {
                    try? await Task.sleep(for: delay)
                    continue
                }
                // Keep the broker connection alive while the database is away: rabbitmq-c answers
                // heartbeats only inside library calls, and a database outage longer than two
                // heartbeats would otherwise make the broker drop a healthy connection (and the
                // relay report a RabbitMQ outage that never happened).
                do {
                    let deadline = ContinuousClock.now + delay
                    while ContinuousClock.now < deadline, !Task.isCancelled {
                        _ = try await CaretakerMessaging.serviceHeartbeats(
                            on: open, for: min(deadline - ContinuousClock.now, .milliseconds(500)), component: "relay")
                    }
                } catch {
                    broker.failed(error, logger: logger)
                    statistics.countReconnect()
                    await open.close()
                    connection = nil
                    statistics.brokerNode.disconnected()
                }
            } catch {
                failures = broker.failed(error, logger: logger)
                statistics.countReconnect()
                await connection?.close()
                connection = nil
                statistics.brokerNode.disconnected()
                try? await Task.sleep(for: settings.reconnect.delay(afterFailures: failures))
            }
        }
        await connection?.close()
    }

    /// rabbitmq-c sends and checks heartbeats only inside library calls; an idle relay makes one
    /// short call per poll so the broker does not drop the connection between bursts.
    static func serviceHeartbeats(_ connection: isolated AMQPConnection) throws {
        _ = try connection.nextEvent(timeout: .milliseconds(1))
    }

    /// Claims, publishes and settles one batch; returns how many rows it claimed.
    func relayBatch(on connection: AMQPConnection) async throws -> Int {
        let timeout = settings.confirmTimeout
        let statistics = statistics
        let logger = logger
        let started = ContinuousClock.now
        let pass = try await store.relay(limit: settings.batchSize, on: database) { rows in
            let publishStarted = ContinuousClock.now
            let results = try await Self.publish(rows, on: connection, confirmTimeout: timeout)
            statistics.record(results, publishing: ContinuousClock.now - publishStarted)
            Self.logFailures(rows, results, logger: logger)
            return results
        }
        if !pass.parked.isEmpty {
            statistics.countParked(pass.parked.count)
            Self.logParked(pass.parked, logger: logger)
        }
        if pass.claimed > 0 {
            statistics.recordBatch(elapsed: ContinuousClock.now - started)
        }
        return pass.claimed
    }

    /// One error line per parked row: each needs a person, and there are never many. Names the
    /// row, its routing and which header is wrong, never a header value or the body.
    static func logParked(_ parked: [ParkedOutboxRow], logger: Logger) {
        for row in parked {
            logger.error("outbox event parked: its stored headers are malformed", metadata: [
                "outbox_id": "\(row.id)", "message_id": "\(row.messageID)", "exchange": "\(row.exchange)",
                "routing_key": "\(row.routingKey)", "reason": "\(row.reason.code.rawValue)",
                "header": "\(row.reason.header ?? "-")",
            ])
        }
    }

    /// One error line per (outcome, exchange, routing key, reason) among a batch's failed rows:
    /// a deleted queue makes many rows fail alike, and each retry logs again.
    static func logFailures(_ rows: [OutboxRow], _ results: [Int64: OutboxResult], logger: Logger) {
        struct Group: Hashable {
            var outcome: String, exchange: String, routingKey: String, reason: String
        }
        var groups: [Group: (rows: Int, first: OutboxRow)] = [:]
        for row in rows {
            let group: Group
            switch results[row.id] {
            case .returned(let reason)?:
                group = Group(outcome: "returned", exchange: row.message.exchange, routingKey: row.message.routingKey,
                              reason: reason)
            case .refused(let reason)?:
                group = Group(outcome: "refused", exchange: row.message.exchange, routingKey: row.message.routingKey,
                              reason: reason)
            default:
                continue
            }
            groups[group, default: (0, row)].rows += 1
        }
        for (group, entry) in groups.sorted(by: { $0.value.first.id < $1.value.first.id }) {
            logger.error(group.outcome == "returned"
                ? "outbox events returned unroutable; kept unsent to retry"
                : "outbox events refused by the broker; kept unsent to retry", metadata: [
                "outcome": "\(group.outcome)", "exchange": "\(group.exchange)", "routing_key": "\(group.routingKey)",
                "reason": "\(group.reason)", "rows": "\(entry.rows)", "first_outbox_id": "\(entry.first.id)",
                "first_message_id": "\(entry.first.message.messageID)", "attempts": "\(entry.first.attempts + 1)",
            ])
        }
    }

    /// Publishes `rows` persistent and `mandatory`, waits for every confirm, and says what
    /// happened to each row.
    static func publish(_ rows: [OutboxRow], on connection: isolated AMQPConnection,
                        confirmTimeout: Duration) throws -> [Int64: OutboxResult] {
        var rowByTag: [UInt64: Int64] = [:]
        var rowByMessageID: [String: Int64] = [:]
        for row in rows {
            let message = row.message
            var headers = AMQPTable()
            for (key, value) in message.headers.sorted(by: { $0.key < $1.key }) { headers[key] = .string(value) }
            let properties = AMQPMessageProperties(
                contentType: message.contentType, headers: headers.isEmpty ? nil : headers,
                deliveryMode: .persistent, correlationID: message.correlationID, messageID: message.messageID,
                appID: "caretaker")
            let tag = try connection.publish(message.body, exchange: message.exchange, routingKey: message.routingKey,
                                             mandatory: true, properties: properties)
            rowByTag[tag] = row.id
            rowByMessageID[message.messageID] = row.id
        }
        var results: [Int64: OutboxResult] = [:]
        for event in try connection.waitForConfirms(untilAtMost: 0, timeout: confirmTimeout) {
            switch event {
            case .confirmed(let confirmation):
                for tag in confirmation.deliveryTags {
                    guard let id = rowByTag[tag] else { continue }
                    if case .nack = confirmation.outcome {
                        results[id] = .refused(reason: "nacked by the broker")
                    } else if results[id] == nil {
                        results[id] = .confirmed
                    }
                }
            case .returned(let returned):
                if let id = returned.messageID.flatMap({ rowByMessageID[$0] }) {
                    results[id] = .returned(reason: "returned \(returned.replyCode) \(returned.replyText)")
                }
            default:
                continue
            }
        }
        return results
    }
}
