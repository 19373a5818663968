/// Reusable buffers for `TriageClassifier.classify(_:scratch:)`, so the hot path does not allocate
/// them per message. Not shared between threads: give each worker its own.
public struct TriageScratch {
    var text: [UInt32] = []
    var clause: [Int32] = []
    var matches: [PhraseMatcher.Match] = []
    var events: [TriageEvent] = []
    var negatedSpans: [NegatedSpan] = []
    var scores: [Double] = []
    var firstSeen: [Int32] = []
    var location: [UInt32] = []
    var locationMatches: [PhraseMatcher.Match] = []
    var situationCues: [TriageClassifier.SituationCue] = []
    var features: [UInt32] = []
    var symbols: [UInt32] = []

    /// Creates empty buffers; they grow to fit the first messages and are then reused.
    public init() {
        text.reserveCapacity(512)
        clause.reserveCapacity(512)
        matches.reserveCapacity(64)
        events.reserveCapacity(64)
    }
}

/// One phrase occurrence placed in the text.
struct TriageEvent {
    var phrase: Int32
    var start: Int32
    var end: Int32
    var clause: Int32
    var negated: Bool
    var shadowed: Bool
}

/// A stretch of one clause whose matches a denial cancels.
struct NegatedSpan {
    var clause: Int32
    var from: Int32
    var to: Int32
    var cuePhrase: Int32
}
