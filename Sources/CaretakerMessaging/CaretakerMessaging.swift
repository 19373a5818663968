/// The RabbitMQ side of Caretaker: topology, consumers and the outbox relay.
public enum CaretakerMessaging {}
