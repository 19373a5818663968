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
    /// The parties; when set, a delivery whose `user_id` is not the hotline's is dead-lettered
    /// (`not_authenticated`) without being read.
    public let authorization: AuthorizationPolicy?

    /// Creates the triage step from a loaded classifier; `authorization` `nil` checks no identity.
    public init(classifier: TriageClassifier, authorization: AuthorizationPolicy? = nil) {
        self.classifier = classifier
        accusedStaff = AccusedStaff(rules: classifier.rules)
        self.authorization = authorization
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
        if let authorization, let refusal = authorization.identify(userID: delivery.properties.userID, role: .hotline) {
            return .rejected(RejectedMessage(
                source: "intake", messageID: delivery.properties.messageID, routingKey: delivery.routingKey,
                body: delivery.body, field: "user_id", reason: refusal.reason.rawValue, detail: refusal.message))
        }
        return item(body: delivery.body, routingKey: delivery.routingKey, amqpMessageID: delivery.properties.messageID,
             scratch: &scratch)
    }
}
