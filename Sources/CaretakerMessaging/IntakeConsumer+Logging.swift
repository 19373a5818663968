import AMQP
import CaretakerCore
import CaretakerStore
import Logging

extension IntakeConsumer {
    /// One `info` line per created case and one `warning` per rejected message; never the
    /// report's text or the resident's name or phone. Builds nothing unless `info` is enabled.
    func logOutcomes(_ outcomes: [IntakeOutcome], items: [IntakeItem], deliveries: [AMQPDelivery]) {
        guard logger.logLevel <= .warning else { return }
        let infoEnabled = logger.logLevel <= .info
        for index in outcomes.indices {
            switch (outcomes[index], items[index]) {
            case (.created(_, let caseNumber), .report(let message, let decision, _)) where infoEnabled:
                logger.info("case created", metadata: Self.createdMetadata(
                    caseNumber: caseNumber, message: message, decision: decision,
                    amqpCorrelationID: deliveries[index].properties.correlationID))
            case (.rejected, .rejected(let rejected)):
                logger.warning("intake message rejected", metadata: [
                    "message_id": "\(rejected.messageID ?? "-")", "routing_key": "\(rejected.routingKey)",
                    "reason": "\(rejected.reason)", "field": "\(rejected.field)",
                ])
            case (.rejected, .report(let message, _, _)):
                logger.warning("intake message rejected", metadata: [
                    "message_id": "\(message.messageID)", "routing_key": "\(deliveries[index].routingKey)",
                    "reason": "database_refused",
                ])
            default:
                continue
            }
        }
    }

    static func createdMetadata(caseNumber: String, message: IntakeMessage, decision: TriageDecision,
                                amqpCorrelationID: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "case_number": "\(caseNumber)", "message_id": "\(message.messageID)",
            "correlation_id": "\(amqpCorrelationID ?? message.messageID)",
            "kind": "\(message.kind.rawValue)", "department": "\(decision.department.rawValue)",
            "category": "\(decision.category)",
        ]
        if let severity = decision.severity { metadata["severity"] = "\(severity.rawValue)" }
        if let priority = decision.priority { metadata["priority"] = "\(priority.rawValue)" }
        return metadata
    }
}
