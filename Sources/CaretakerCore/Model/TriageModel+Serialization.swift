extension TriageModel {
    /// The `format` string of model files this code reads and writes.
    public static let format = "caretaker.triage-model/1"

    /// The model file's bytes: deterministic JSON (fixed key order, integer weights, one row per
    /// line), so training twice on the same corpus gives the same file.
    public func serialized() -> String {
        var out = "{\n"
        out += "  \"format\": "; JSONValue.writeString(TriageModel.format, to: &out); out += ",\n"
        out += "  \"version\": "; JSONValue.writeString(version, to: &out); out += ",\n"
        out += "  \"trained_on\": "; JSONValue.writeString(trainedOn, to: &out); out += ",\n"
        out += "  \"features\": {\"buckets\": \(features.buckets), \"longest_ngram\": \(features.longestNGram)},\n"
        out += "  \"weight_scale\": \(weightScale),\n"
        out += "  \"fusion\": {\"rule_weight\": \(fusion.ruleWeight), \"level_rule_weight\": \(fusion.levelRuleWeight), "
        out += "\"minimum_confidence\": \(fusion.minimumConfidence), "
        out += "\"urgent_threshold\": \(fusion.urgentThreshold)},\n"
        out += "  \"heads\": {"
        var firstHead = true
        for head in Head.allCases {
            guard let weights = heads[head] else { continue }
            out += firstHead ? "\n" : ",\n"
            firstHead = false
            let k = weights.bias.count
            out += "    \"\(head.rawValue)\": {\n      \"classes\": ["
            out += head.classes.map { "\"\($0)\"" }.joined(separator: ", ")
            out += "],\n      \"bias\": [" + weights.bias.map { String(quantised($0)) }.joined(separator: ", ") + "],\n"
            out += "      \"rows\": ["
            var firstRow = true
            for bucket in 0..<features.buckets {
                let row = weights.rows[bucket * k..<(bucket + 1) * k].map(quantised)
                guard row.contains(where: { $0 != 0 }) else { continue }
                out += firstRow ? "\n" : ",\n"
                firstRow = false
                out += "        [\(bucket), " + row.map(String.init).joined(separator: ", ") + "]"
            }
            out += firstRow ? "]\n    }" : "\n      ]\n    }"
        }
        out += "\n  }\n}\n"
        return out
    }

    /// A weight as the stored integer.
    func quantised(_ weight: Float) -> Int {
        Int((weight * Float(weightScale)).rounded())
    }

    /// The model with every weight rounded as the file stores it, so a freshly trained model
    /// decides exactly like the same model read back.
    public func quantisedCopy() -> TriageModel {
        var copy = self
        let scale = Float(weightScale)
        for (head, weights) in heads {
            copy.heads[head] = Weights(
                bias: weights.bias.map { Float(quantised($0)) / scale },
                rows: weights.rows.map { Float(quantised($0)) / scale }
            )
        }
        return copy
    }
}
