/// A small linear text model beside the rules: softmax regression over hashed character n-grams,
/// one head per decision (department, complaint severity, repair priority, responsibility).
///
/// Trained by `TriageModelTrainer` from the labelled corpus and stored as `config/triage-model.json`
/// (`TriageModel.parse(_:)` validates it, `serialized()` writes it byte for byte reproducibly).
/// The rules stay the explainable layer and the safety overrides; the model decides what the
/// rules leave open and says how sure it is (see `TriageClassifier` fusion and docs/triage.md).
public struct TriageModel: Sendable, Equatable {
    /// The decisions the model makes.
    public enum Head: String, Sendable, CaseIterable {
        /// The department that must act (both kinds).
        case department
        /// A complaint's severity.
        case severity
        /// A repair's priority.
        case priority
        /// Who pays for a repair.
        case responsibility

        /// The labels this head chooses from, in the order stored in the model file.
        public var classes: [String] {
            switch self {
            case .department: Department.allCases.map(\.rawValue)
            case .severity: ComplaintSeverity.allCases.map(\.rawValue)
            case .priority: RepairPriority.allCases.map(\.rawValue)
            case .responsibility: RepairResponsibility.allCases.map(\.rawValue)
            }
        }
    }

    /// One head's weights: a bias per class and a dense row of class weights per bucket.
    public struct Weights: Sendable, Equatable {
        /// Bias per class.
        public var bias: [Float]
        /// `buckets × classes` weights, bucket-major.
        public var rows: [Float]

        /// Creates weights.
        public init(bias: [Float], rows: [Float]) {
            self.bias = bias
            self.rows = rows
        }
    }

    /// How the model's probabilities and the rules' evidence are combined.
    public struct Fusion: Sendable, Equatable {
        /// Log-odds added to the department of the rules' best matching category.
        public var ruleWeight: Double
        /// The same for the severity / priority / responsibility heads (a category default adds half).
        public var levelRuleWeight: Double
        /// Below this fused probability of the chosen department the report goes to customer
        /// service with `needs_triage: true`.
        public var minimumConfidence: Double
        /// A repair whose model probability of `urgent` reaches this is urgent even when no rule
        /// fired: when safety is in doubt the answer is urgent.
        public var urgentThreshold: Double

        /// Creates fusion settings.
        public init(ruleWeight: Double, levelRuleWeight: Double, minimumConfidence: Double, urgentThreshold: Double) {
            self.ruleWeight = ruleWeight
            self.levelRuleWeight = levelRuleWeight
            self.minimumConfidence = minimumConfidence
            self.urgentThreshold = urgentThreshold
        }
    }

    /// Identifies the model in every decision (`model_version`).
    public var version: String
    /// What the model was trained on (file names and report counts), for people.
    public var trainedOn: String
    /// The feature extractor the weights belong to.
    public var features: TriageFeatures
    /// How the weights are quantised in the file: a stored integer divided by this.
    public var weightScale: Int
    /// Fusion settings.
    public var fusion: Fusion
    /// Weights per head.
    public var heads: [Head: Weights]

    /// Creates a model.
    public init(version: String, trainedOn: String, features: TriageFeatures, weightScale: Int, fusion: Fusion, heads: [Head: Weights]) {
        self.version = version
        self.trainedOn = trainedOn
        self.features = features
        self.weightScale = weightScale
        self.fusion = fusion
        self.heads = heads
    }

    /// Probabilities per class of `head` for the features of one report (`value` each).
    public func probabilities(_ head: Head, features buckets: [UInt32], value: Float) -> [Double] {
        guard let weights = heads[head] else { return [] }
        let k = weights.bias.count
        var logits = [Float](repeating: 0, count: k)
        weights.rows.withUnsafeBufferPointer { rows in
            for bucket in buckets {
                let base = Int(bucket) * k
                for c in 0..<k { logits[c] += rows[base + c] }
            }
        }
        var result = [Double](repeating: 0, count: k)
        var largest = -Double.infinity
        for c in 0..<k {
            result[c] = Double(logits[c] * value + weights.bias[c])
            largest = max(largest, result[c])
        }
        var sum = 0.0
        for c in 0..<k {
            result[c] = TriageModel.exp(result[c] - largest)
            sum += result[c]
        }
        for c in 0..<k { result[c] /= sum }
        return result
    }

    /// The weight of `bucket` for each class of `head` (for explanations).
    public func weights(_ head: Head, bucket: UInt32) -> [Float] {
        guard let weights = heads[head] else { return [] }
        let k = weights.bias.count
        return Array(weights.rows[Int(bucket) * k..<(Int(bucket) + 1) * k])
    }

    /// e^x without Foundation, accurate to ~1e-12 for |x| < 700.
    static func exp(_ x: Double) -> Double {
        if x < -700 { return 0 }
        if x > 700 { return .infinity }
        let ln2 = 0.6931471805599453
        let n = (x / ln2).rounded(.down)
        let r = x - n * ln2
        var term = 1.0, sum = 1.0
        for i in 1...18 {
            term *= r / Double(i)
            sum += term
        }
        var scale = 1.0
        var power = Int(abs(n))
        var base = n < 0 ? 0.5 : 2.0
        while power > 0 {
            if power & 1 == 1 { scale *= base }
            base *= base
            power >>= 1
        }
        return sum * scale
    }

    /// Natural logarithm without Foundation (for fusion in log space), x > 0.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return -Double.infinity }
        var m = x, e = 0.0
        while m > 2 { m /= 2; e += 1 }
        while m < 1 { m *= 2; e -= 1 }
        // ln(m) = 2 atanh((m-1)/(m+1)), m in [1, 2).
        let y = (m - 1) / (m + 1), y2 = y * y
        var term = y, sum = 0.0
        var i = 1.0
        while i < 60 {
            sum += term / i
            term *= y2
            i += 2
        }
        return 2 * sum + e * 0.6931471805599453
    }
}
