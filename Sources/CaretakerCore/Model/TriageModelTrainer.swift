/// Trains a `TriageModel` from labelled reports: averaged stochastic gradient descent on softmax
/// regression, one head at a time, in a fixed order with a seeded shuffle, so the same corpus
/// always gives the same model (the committed file is checked against a fresh training run).
///
/// Why this model: ~2,000 labelled reports are too few for anything larger to beat a linear
/// model on character n-grams; it trains in a second, classifies in microseconds, its weights can
/// be read back per n-gram to explain a decision, and averaging the weights over all steps is a
/// regulariser that needs no tuning.
public struct TriageModelTrainer: Sendable {
    /// One labelled report as the trainer reads it.
    public struct Example: Sendable {
        /// The report's text (not yet normalised).
        public var text: String
        /// Complaint or repair.
        public var kind: IntakeMessage.Kind
        /// The label per head; a head without a label does not learn from this report.
        public var labels: [TriageModel.Head: String]

        /// Creates an example.
        public init(text: String, kind: IntakeMessage.Kind, labels: [TriageModel.Head: String]) {
            self.text = text
            self.kind = kind
            self.labels = labels
        }
    }

    /// Hyperparameters (documented in docs/triage.md); the defaults are the shipped model's.
    public struct Settings: Sendable, Equatable {
        /// Hash buckets (power of two).
        public var buckets = 1 << 16
        /// Longest character n-gram.
        public var longestNGram = 3
        /// Passes over the data.
        public var epochs = 24
        /// Step size of the first pass; pass e uses `learningRate / (1 + e / 8)`.
        public var learningRate = 1.0
        /// A bucket seen in fewer reports than this keeps a zero weight (rare n-grams overfit).
        public var minimumReports = 2
        /// Seed of the shuffle.
        public var seed: UInt64 = 20_261_202
        /// Weights are stored as integers of 1/`weightScale`.
        public var weightScale = 1000
        /// Fusion settings written into the model.
        public var fusion = TriageModel.Fusion(ruleWeight: 0.75, levelRuleWeight: 0.5, minimumConfidence: 0.34, urgentThreshold: 0.4)

        /// The shipped settings.
        public init() {}
    }

    /// The settings used.
    public var settings: Settings

    /// Creates a trainer.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Trains on `examples` and returns the model as it will be stored (weights quantised).
    public func train(_ examples: [Example], version: String, trainedOn: String) -> TriageModel {
        let extractor = TriageFeatures(buckets: settings.buckets, longestNGram: settings.longestNGram)
        var text: [UInt32] = [], symbols: [UInt32] = []
        var encoded: [(features: [UInt32], value: Float)] = []
        var reportsPerBucket = [Int32](repeating: 0, count: settings.buckets)
        for example in examples {
            TextNormaliser.normalise(example.text, into: &text)
            var features: [UInt32] = []
            let value = extractor.extract(text, kind: example.kind, into: &features, symbols: &symbols)
            for bucket in Set(features) { reportsPerBucket[Int(bucket)] += 1 }
            encoded.append((features, value))
        }
        let usable = reportsPerBucket.map { Int($0) >= settings.minimumReports }
        var heads: [TriageModel.Head: TriageModel.Weights] = [:]
        for head in TriageModel.Head.allCases {
            let classes = head.classes
            var rows: [(index: Int, label: Int)] = []
            for (index, example) in examples.enumerated() {
                guard let label = example.labels[head], let c = classes.firstIndex(of: label) else { continue }
                rows.append((index, c))
            }
            guard !rows.isEmpty else { continue }
            heads[head] = trainHead(classes: classes.count, rows: rows, encoded: encoded, usable: usable)
        }
        let model = TriageModel(
            version: version, trainedOn: trainedOn, features: extractor, weightScale: settings.weightScale,
            fusion: settings.fusion, heads: heads
        )
        return model.quantisedCopy()
    }

    private func trainHead(
        classes k: Int, rows: [(index: Int, label: Int)], encoded: [(features: [UInt32], value: Float)], usable: [Bool]
    ) -> TriageModel.Weights {
        let size = settings.buckets * k
        var weights = [Double](repeating: 0, count: size), accumulated = [Double](repeating: 0, count: size)
        var bias = [Double](repeating: 0, count: k), biasAccumulated = [Double](repeating: 0, count: k)
        var order = Array(rows.indices)
        var random = SplitMix64(seed: settings.seed)
        var step = 1.0
        var probabilities = [Double](repeating: 0, count: k)
        for epoch in 0..<settings.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let rate = settings.learningRate / (1 + Double(epoch) / 8)
            for position in order {
                let (index, label) = rows[position]
                let (features, value) = encoded[index]
                let x = Double(value)
                for c in 0..<k { probabilities[c] = bias[c] }
                for bucket in features where usable[Int(bucket)] {
                    let base = Int(bucket) * k
                    for c in 0..<k { probabilities[c] += weights[base + c] * x }
                }
                let largest = probabilities.max() ?? 0
                var sum = 0.0
                for c in 0..<k {
                    probabilities[c] = TriageModel.exp(probabilities[c] - largest)
                    sum += probabilities[c]
                }
                for c in 0..<k {
                    let gradient = probabilities[c] / sum - (c == label ? 1 : 0)
                    let delta = -rate * gradient
                    bias[c] += delta
                    biasAccumulated[c] += step * delta
                    for bucket in features where usable[Int(bucket)] {
                        let at = Int(bucket) * k + c
                        weights[at] += delta * x
                        accumulated[at] += step * delta * x
                    }
                }
                step += 1
            }
        }
        // Averaged weights: w̄ = w − Σ(t·Δ)/T.
        var rowsOut = [Float](repeating: 0, count: size)
        for i in 0..<size where weights[i] != 0 { rowsOut[i] = Float(weights[i] - accumulated[i] / step) }
        let biasOut = (0..<k).map { Float(bias[$0] - biasAccumulated[$0] / step) }
        return TriageModel.Weights(bias: biasOut, rows: rowsOut)
    }
}


extension TriageModelTrainer {
    /// A model version derived from the training data and settings, so retraining the same
    /// corpus names the model the same: `<prefix>-<16 hex digits of FNV-1a 64>`.
    public func version<Bytes: Sequence>(prefix: String, corpus: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in corpus { mix(byte) }
        let s = settings
        let fusion = s.fusion
        let text = "\(s.buckets)/\(s.longestNGram)/\(s.epochs)/\(s.learningRate)/\(s.minimumReports)/\(s.seed)/\(s.weightScale)/"
            + "\(fusion.ruleWeight)/\(fusion.levelRuleWeight)/\(fusion.minimumConfidence)/\(fusion.urgentThreshold)"
        for byte in text.utf8 { mix(byte) }
        let hex = String(hash, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension TriageModelTrainer {
    /// e^x as the model computes it (exposed for tests of the Foundation-free implementation).
    public static func exponential(_ x: Double) -> Double { TriageModel.exp(x) }
}
