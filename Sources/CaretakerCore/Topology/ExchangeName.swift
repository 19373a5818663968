/// The RabbitMQ exchanges Caretaker uses; documented in the README and declared by the worker.
public enum ExchangeName {
    /// Topic exchange the hotline publishes intake messages to (routing key `complaint` or `repair`).
    public static let intake = "caretaker.intake"
    /// Topic exchange for case events (`<audience>.<event_type>`).
    public static let events = "caretaker.events"
    /// Topic exchange the consoles publish commands to (routing key = command name).
    public static let commands = "caretaker.commands"
    /// Fanout exchange for messages that could not be used, with the reason in headers.
    public static let deadLetters = "caretaker.dead-letters"
}
