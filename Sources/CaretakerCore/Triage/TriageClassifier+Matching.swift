extension TriageClassifier {
    /// Normalises `text`, finds every phrase and places each occurrence in its clause, then marks
    /// occurrences that a denial cancels or that a longer keyword contains.
    func collectEvents(_ text: String, scratch: inout TriageScratch) {
        TextNormaliser.normalise(text, into: &scratch.text)
        scratch.clause.removeAll(keepingCapacity: true)
        var clause: Int32 = 0
        for scalar in scratch.text {
            if TextNormaliser.isClauseBoundary(scalar) { clause += 1 }
            scratch.clause.append(clause)
        }
        scratch.matches.removeAll(keepingCapacity: true)
        matcher.findAll(in: scratch.text, into: &scratch.matches)
        scratch.events.removeAll(keepingCapacity: true)
        let lengths = matcher.phraseLengths
        let text = scratch.text
        for match in scratch.matches {
            let start = match.end - lengths[Int(match.phrase)]
            if wordBoundaryLeft[Int(match.phrase)], start > 0, TriageClassifier.isWordScalar(text[Int(start) - 1]) { continue }
            if wordBoundaryRight[Int(match.phrase)], Int(match.end) < text.count, TriageClassifier.isWordScalar(text[Int(match.end)]) { continue }
            scratch.events.append(TriageEvent(
                phrase: match.phrase, start: start, end: match.end,
                clause: scratch.clause[Int(start)], negated: false, shadowed: false
            ))
        }
        markShadowed(&scratch.events)
        markNegated(&scratch)
    }

    private func isContent(_ phrase: Int32) -> Bool {
        for use in uses[Int(phrase)] {
            switch use {
            case .keyword, .severity, .priority, .responsibility, .situation: return true
            case .negation, .closer, .breaker, .hedge: continue
            }
        }
        return false
    }

    private func isCue(_ phrase: Int32) -> Bool {
        uses[Int(phrase)].contains { if case .responsibility = $0 { true } else { false } }
    }

    private func isBreaker(_ phrase: Int32) -> Bool {
        uses[Int(phrase)].contains { if case .breaker = $0 { true } else { false } }
    }

    private func isKeyword(_ phrase: Int32) -> Bool {
        uses[Int(phrase)].contains { if case .keyword = $0 { true } else { false } }
    }

    /// ASCII letters and digits: English phrases only match whole words ("ice" not in "service").
    @inline(__always)
    static func isWordScalar(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
    }

    private func isKeywordOrModifier(_ phrase: Int32) -> Bool {
        uses[Int(phrase)].contains {
            switch $0 {
            case .keyword, .severity, .priority: true
            default: false
            }
        }
    }

    /// The longest phrase says what the resident meant: a keyword inside a longer keyword or
    /// location cue (风扇 in 排风扇, 卫生 in 卫生间) does not count on its own; a modifier inside a
    /// longer keyword or modifier (没电 in 插座没电) neither; a location cue only yields to a longer cue.
    private func markShadowed(_ events: inout [TriageEvent]) {
        let count = events.count
        guard count > 1 else { return }
        for i in 0..<count {
            let inner = events[i]
            let innerIsCue = isCue(inner.phrase)
            let innerIsContent = isKeywordOrModifier(inner.phrase)
            guard innerIsCue || innerIsContent else { continue }
            for j in 0..<count where j != i {
                let outer = events[j]
                guard outer.start <= inner.start, outer.end >= inner.end,
                      outer.end - outer.start > inner.end - inner.start else { continue }
                let outerIsCue = isCue(outer.phrase)
                let outerIsContent = isKeywordOrModifier(outer.phrase)
                let shadows: Bool
                if isKeyword(inner.phrase) {
                    shadows = isKeyword(outer.phrase) || outerIsCue
                } else if innerIsContent {
                    shadows = outerIsContent
                } else {
                    shadows = outerIsCue
                }
                if shadows {
                    events[i].shadowed = true
                    break
                }
            }
        }
    }

    /// Applies each denial cue: with closers, up to the first closer in the clause; without, from
    /// the first content phrase after the cue up to a scope breaker or the clause end; and always
    /// to the content phrases inside the cue itself. A cue inside a longer content phrase (没有热水
    /// contains 没有) is part of that phrase, not a denial.
    private func markNegated(_ scratch: inout TriageScratch) {
        scratch.negatedSpans.removeAll(keepingCapacity: true)
        let events = scratch.events
        for cue in events {
            var cueIndex: Int32 = -1
            for use in uses[Int(cue.phrase)] { if case .negation(let n) = use { cueIndex = n } }
            guard cueIndex >= 0 else { continue }
            let insideContent = events.contains {
                isContent($0.phrase) && $0.start <= cue.start && $0.end >= cue.end && $0.end - $0.start > cue.end - cue.start
            }
            if insideContent { continue }
            // A cue that spells out what it denies (不漏气, 没有电梯, 没人在) denies the content
            // phrases inside it too (漏气, 没有电, 人).
            scratch.negatedSpans.append(NegatedSpan(clause: cue.clause, from: cue.start, to: cue.end, cuePhrase: cue.phrase))
            let negationCue = rules.negationCues[Int(cueIndex)]
            if negationCue.wholeClause {
                var from: Int32 = 0
                var to = Int32.max
                for event in events where event.clause == cue.clause && isBreaker(event.phrase) {
                    if event.end <= cue.start { from = max(from, event.end) }
                    if event.start >= cue.end { to = min(to, event.start) }
                }
                scratch.negatedSpans.append(NegatedSpan(clause: cue.clause, from: from, to: to, cuePhrase: cue.phrase))
                continue
            }
            let closers = negationCue.closers
            if !closers.isEmpty {
                var best: Int32 = -1
                for event in events where event.clause == cue.clause && event.start >= cue.end {
                    let closes = uses[Int(event.phrase)].contains { if case .closer(let n) = $0 { n == cueIndex } else { false } }
                    if closes, best < 0 || event.end < best { best = event.end }
                }
                if best >= 0 {
                    scratch.negatedSpans.append(NegatedSpan(clause: cue.clause, from: cue.end, to: best, cuePhrase: cue.phrase))
                }
                continue
            }
            var firstContentEnd: Int32 = -1
            var firstContentStart = Int32.max
            for event in events where event.clause == cue.clause && event.start >= cue.end && isContent(event.phrase) {
                if event.start < firstContentStart || (event.start == firstContentStart && event.end > firstContentEnd) {
                    firstContentStart = event.start
                    firstContentEnd = event.end
                }
            }
            guard firstContentEnd >= 0 else { continue }
            var to = Int32.max
            for event in events where event.clause == cue.clause && event.start >= firstContentEnd {
                if isBreaker(event.phrase) {
                    to = min(to, event.start)
                }
            }
            scratch.negatedSpans.append(NegatedSpan(clause: cue.clause, from: cue.end, to: to, cuePhrase: cue.phrase))
        }
        guard !scratch.negatedSpans.isEmpty else { return }
        for i in scratch.events.indices {
            let event = scratch.events[i]
            for span in scratch.negatedSpans where span.clause == event.clause && event.start >= span.from && event.end <= span.to {
                scratch.events[i].negated = true
                break
            }
        }
    }
}
