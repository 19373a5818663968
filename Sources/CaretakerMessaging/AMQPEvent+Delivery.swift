import AMQP

extension AMQPEvent {
    /// The delivery in this event, `nil` for events without one.
    ///
    /// A cancelled consumer throws: the broker sends `basic.cancel` when the queue is deleted or
    /// the node hosting it fails, and from then on nothing arrives on this connection although
    /// it stays open. Throwing makes ``ConsumerSession`` close it, reconnect, redeclare the
    /// topology and consume again, as after any other broker failure.
    ///
    /// - Parameter component: which consumer saw the event (`intake`, `commands`), for the error.
    func delivery(component: String) throws -> AMQPDelivery? {
        switch self {
        case .delivery(let delivery):
            return delivery
        case .consumerCancelled(let tag):
            throw AMQPError(.channelClosed, context: "\(component) consumer \(tag) cancelled by the broker")
        case .returned, .confirmed, .blocked, .unblocked, .timeout:
            return nil
        }
    }
}
