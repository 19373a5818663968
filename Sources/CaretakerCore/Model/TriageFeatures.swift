/// Turns a report's normalised text into the hashed features the triage model reads.
///
/// Character 1–3-grams over the folded text (Traditional already mapped to Simplified, letters
/// lower-cased), with digits folded to `0` and punctuation to a space, plus whole ASCII words and
/// the report's kind. Characters, not words: Chinese has no spaces, and n-grams carry typos,
/// homophones and Cantonese forms (冇水, 電悌) without a dictionary. Each occurrence is hashed
/// (FNV-1a, 32 bit) into one of `buckets` rows; every feature of a report has the same value,
/// 1/√count, so long WeChat messages do not outweigh short ones.
public struct TriageFeatures: Sendable, Equatable {
    /// Number of hash buckets; a power of two.
    public let buckets: Int
    /// Longest character n-gram.
    public let longestNGram: Int

    /// Creates the extractor.
    public init(buckets: Int, longestNGram: Int = 3) {
        precondition(buckets > 0 && buckets & (buckets - 1) == 0, "buckets must be a power of two")
        self.buckets = buckets
        self.longestNGram = longestNGram
    }

    /// The bucket of every feature of `text` (normalised scalars) for a report of `kind`, into
    /// `features` (cleared first), using `symbols` as scratch; returns the value of each feature.
    @discardableResult
    public func extract(_ text: [UInt32], kind: IntakeMessage.Kind, into features: inout [UInt32], symbols: inout [UInt32]) -> Float {
        features.removeAll(keepingCapacity: true)
        symbols.removeAll(keepingCapacity: true)
        symbols.append(0x20)
        for value in text {
            let folded = TriageFeatures.symbol(value)
            if folded == 0x20, symbols.last == 0x20 { continue }
            symbols.append(folded)
        }
        if symbols.last != 0x20 { symbols.append(0x20) }
        visit(symbols, kind: kind) { bucket, _, _ in features.append(bucket) }
        return 1 / Float(features.count).squareRoot()
    }

    /// The features of `text` with the symbols each covers, for explanations: `(bucket, n-gram)`;
    /// the kind feature's n-gram is `kind:<kind>`, whole words are prefixed with `word:`.
    public func explained(_ text: [UInt32], kind: IntakeMessage.Kind) -> (features: [(bucket: UInt32, ngram: String)], value: Float) {
        var features: [UInt32] = [], symbols: [UInt32] = []
        let value = extract(text, kind: kind, into: &features, symbols: &symbols)
        var result: [(bucket: UInt32, ngram: String)] = []
        visit(symbols, kind: kind) { bucket, start, length in
            if start < 0 {
                result.append((bucket, "kind:" + kind.rawValue))
                return
            }
            var view = String.UnicodeScalarView()
            for value in symbols[start..<(start + abs(length))] { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
            result.append((bucket, (length < 0 ? "word:" : "") + String(view)))
        }
        return (result, value)
    }

    /// Calls `body(bucket, start, length)` for every feature of the folded `symbols`: the kind
    /// (start −1), each n-gram (length n), each ASCII word (length −n).
    @inline(__always)
    func visit(_ symbols: [UInt32], kind: IntakeMessage.Kind, _ body: (UInt32, Int, Int) -> Void) {
        let mask = UInt32(buckets - 1)
        body(TriageFeatures.hash(tag: 10, kind == .complaint ? 1 : 2) & mask, -1, 0)
        let count = symbols.count
        for start in 0..<count {
            var hash: UInt32 = 2_166_136_261
            for length in 1...longestNGram where start + length <= count {
                let value = symbols[start + length - 1]
                hash = (hash ^ value) &* 16_777_619
                if length == 1, value == 0x20 { break }
                body((hash ^ UInt32(length)) &* 16_777_619 & mask, start, length)
            }
        }
        var wordStart = -1
        for index in 0..<count {
            let isWord = TriageFeatures.isASCIIWord(symbols[index])
            if isWord, wordStart < 0 { wordStart = index }
            if !isWord, wordStart >= 0 {
                if index - wordStart >= 2 {
                    var hash: UInt32 = 2_166_136_261 ^ 9
                    for i in wordStart..<index { hash = (hash ^ symbols[i]) &* 16_777_619 }
                    body(hash & mask, wordStart, -(index - wordStart))
                }
                wordStart = -1
            }
        }
    }

    /// A bucket for a tagged single value (the kind feature).
    static func hash(tag: UInt32, _ value: UInt32) -> UInt32 {
        ((2_166_136_261 ^ tag) &* 16_777_619 ^ value) &* 16_777_619
    }

    /// Digits fold to `0`, ASCII punctuation, controls and CJK punctuation to a space.
    @inline(__always)
    static func symbol(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            if value >= 0x30, value <= 0x39 { return 0x30 }
            if (value >= 0x61 && value <= 0x7A) { return value }
            return 0x20
        }
        switch value {
        case 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFE30...0xFE4F: return 0x20
        case 0xFF10...0xFF19: return 0x30
        default: return value
        }
    }

    @inline(__always)
    static func isASCIIWord(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || value == 0x30
    }
}
