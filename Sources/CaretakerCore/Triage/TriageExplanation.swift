/// How a decision was reached, for `caretaker classify --explain`: the rules' reasons, and per
/// model head the probabilities and the n-grams that pushed most towards the chosen label.
public struct TriageExplanation: Sendable {
    /// One head of the model.
    public struct Head: Sendable {
        /// The head (`department`, `severity`, `priority`, `responsibility`).
        public var name: String
        /// Probability per label, in the model file's class order.
        public var probabilities: [(label: String, probability: Double)]
        /// The label the final decision took.
        public var chosen: String
        /// The n-grams with the largest contribution (weight × value) to `chosen`, largest first.
        public var contributions: [(ngram: String, weight: Double)]
    }

    /// The final decision.
    public var decision: TriageDecision
    /// The model's view, empty when the classifier has no model.
    public var heads: [Head]
}

extension TriageClassifier {
    /// Classifies `message` and explains the model's part in it (slower than `classify`).
    public func explain(_ message: IntakeMessage, topContributions: Int = 8) -> TriageExplanation {
        var scratch = TriageScratch()
        let decision = classify(message, scratch: &scratch)
        guard let model else { return TriageExplanation(decision: decision, heads: []) }
        let (features, value) = model.features.explained(scratch.text, kind: message.kind)
        let buckets = features.map(\.bucket)
        var heads: [TriageExplanation.Head] = []
        var chosen: [(TriageModel.Head, String)] = [(.department, decision.department.rawValue)]
        if let severity = decision.severity { chosen.append((.severity, severity.rawValue)) }
        if let priority = decision.priority { chosen.append((.priority, priority.rawValue)) }
        if let responsibility = decision.responsibility { chosen.append((.responsibility, responsibility.rawValue)) }
        for (head, label) in chosen {
            let classes = head.classes
            let p = model.probabilities(head, features: buckets, value: value)
            guard let c = classes.firstIndex(of: label), p.count == classes.count else { continue }
            var byNGram: [String: Double] = [:]
            for feature in features {
                byNGram[feature.ngram, default: 0] += Double(model.weights(head, bucket: feature.bucket)[c] * value)
            }
            let top = byNGram.filter { $0.value > 0 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            heads.append(TriageExplanation.Head(
                name: head.rawValue, probabilities: Array(zip(classes, p)).map { ($0.0, $0.1) }, chosen: label,
                contributions: top.prefix(topContributions).map { ($0.key, $0.value) }
            ))
        }
        return TriageExplanation(decision: decision, heads: heads)
    }
}
