import CaretakerMessaging

extension CaretakerConfiguration {
    /// The broker topology this configuration asks for: the delivery limit of `intake` and the
    /// console queues' length limit of `outbox`, and the quorum group size of `amqp`. The worker declares it, `watch` taps it and
    /// `topology export` prints it.
    public var topology: Topology {
        .caretaker(deliveryLimit: intake.deliveryLimit, consoleQueueMaxLength: outbox.consoleQueueMaxLength,
                   quorumInitialGroupSize: amqp.quorumInitialGroupSize)
    }
}
