extension TriageModel {
    /// Parses and validates a model file (UTF-8 JSON written by `serialized()`).
    ///
    /// Problems are reported like the rules file's, with the path: `heads.priority.rows[12]:
    /// out_of_range: bucket 70000 is not below 65536`.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(TriageRulesError) -> TriageModel where Bytes.Element == UInt8 {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw TriageRulesError(path: "$", problem: .notJSON, message: error.description)
        }
        let top = try DataFileReader(root).object(allowedKeys: ["format", "version", "trained_on", "features", "weight_scale", "fusion", "heads"])
        let format = try top.string("format")!
        guard format == TriageModel.format else {
            throw TriageRulesError(path: "format", problem: .unknownValue, message: "\"\(format)\" is not \(TriageModel.format)")
        }
        let featureKeys = try top.object("features", allowedKeys: ["buckets", "longest_ngram"])
        let buckets = Int(try featureKeys.number("buckets", range: 1...16_777_216))
        guard buckets & (buckets - 1) == 0 else {
            throw TriageRulesError(path: "features.buckets", problem: .outOfRange, message: "must be a power of two")
        }
        let longest = Int(try featureKeys.number("longest_ngram", range: 1...6))
        let scale = Int(try top.number("weight_scale", range: 1...1_000_000))
        let fusionKeys = try top.object("fusion", allowedKeys: ["rule_weight", "level_rule_weight", "minimum_confidence", "urgent_threshold"])
        let fusion = Fusion(
            ruleWeight: try fusionKeys.number("rule_weight", range: 0...100),
            levelRuleWeight: try fusionKeys.number("level_rule_weight", range: 0...100),
            minimumConfidence: try fusionKeys.number("minimum_confidence", range: 0...1),
            urgentThreshold: try fusionKeys.number("urgent_threshold", range: 0...1)
        )
        let headKeys = try top.object("heads", allowedKeys: Head.allCases.map(\.rawValue))
        var heads: [Head: Weights] = [:]
        for head in Head.allCases {
            guard let value = try headKeys.field(head.rawValue) else { continue }
            heads[head] = try weights(value, head: head, buckets: buckets, scale: Float(scale))
        }
        return TriageModel(
            version: try top.string("version")!, trainedOn: try top.string("trained_on")!,
            features: TriageFeatures(buckets: buckets, longestNGram: longest), weightScale: scale, fusion: fusion, heads: heads
        )
    }

    private static func weights(_ value: DataFileReader, head: Head, buckets: Int, scale: Float) throws(TriageRulesError) -> Weights {
        let reader = try value.object(allowedKeys: ["classes", "bias", "rows"])
        let classes = try reader.strings("classes")
        guard classes == head.classes else {
            throw TriageRulesError(path: reader.at("classes"), problem: .unknownValue,
                                   message: "must be \(head.classes.joined(separator: ", ")) in that order")
        }
        let k = classes.count
        let bias = try reader.items("bias")
        guard bias.count == k else {
            throw TriageRulesError(path: reader.at("bias"), problem: .outOfRange, message: "needs \(k) values, one per class")
        }
        var biasValues: [Float] = []
        for item in bias {
            biasValues.append(Float(try item.number(in: -1e9...1e9)) / scale)
        }
        var rows = [Float](repeating: 0, count: buckets * k)
        var previous = -1
        for row in try reader.items("rows", nonEmpty: false) {
            guard case .array(let values) = row.value, values.count == k + 1 else {
                throw TriageRulesError(path: row.path, problem: .wrongType, message: "must be [bucket, one weight per class]")
            }
            let cells = try row.items()
            let bucket = Int(try cells[0].number(in: 0...Double(buckets - 1)))
            guard bucket > previous else {
                throw TriageRulesError(path: row.path, problem: .duplicate, message: "buckets must be in increasing order")
            }
            previous = bucket
            for c in 0..<k {
                rows[bucket * k + c] = Float(try cells[c + 1].number(in: -1e9...1e9)) / scale
            }
        }
        return Weights(bias: biasValues, rows: rows)
    }
}
