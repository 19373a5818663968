import AMQP
import CaretakerCore
import CaretakerStore

/// Turns an intake delivery into something to record: a classified report, or a rejection that
/// names the field and the problem.
public struct IntakeTriage: Sendable {
    /// The classifier built from the rules file.
    public let classifier: TriageClassifier
    /// Decides whose staff a complaint accuses, from the same rules.
    public let accusedStaff: AccusedStaff

    /// Creates the triage step from a loaded classifier.
    public init(classifier: TriageClassifier) {
        self.classifier = classifier
        accusedStaff = AccusedStaff(rules: classifier.rules)
    }

    /// Decodes and classifies one delivery; never throws: bad input becomes `.rejected`.
    public func item(body: [UInt8], routingKey: String, amqpMessageID: String?, scratch: inout TriageScratch) -> IntakeItem {
        do {
            let message = try IntakeMessage.decode(from: body)
            let decision = classifier.classify(message, scratch: &scratch)
            let accused = accusedStaff.audiences(of: message, category: decision.category, department: decision.department)
            return .report(message, decision, accused: accused)
        } catch {
            return .rejected(RejectedMessage(
                source: "intake", messageID: amqpMessageID ?? error.messageID, routingKey: routingKey, body: body,
                field: error.field, reason: error.reason.rawValue, detail: error.message))
        }
    }

    /// Decodes and classifies one delivery.
    public func item(for delivery: AMQPDelivery, scratch: inout TriageScratch) -> IntakeItem {
        item(body: delivery.body, routingKey: delivery.routingKey, amqpMessageID: delivery.properties.messageID,
             scratch: &scratch)
    }
}
