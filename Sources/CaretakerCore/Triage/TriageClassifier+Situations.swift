extension TriageClassifier {
    /// A situation found in the text, with the phrases that showed it.
    struct SituationMatch {
        var situation: Int32
        var phrases: [Int32]
        /// The clauses its cues lie in.
        var clauses: [Int32]
    }

    /// One cue of a situation in the text.
    struct SituationCue {
        var situation: Int32
        var group: Int32
        var event: Int32
    }

    /// The situations whose cue groups all occur, not denied, within the situation's window.
    ///
    /// A phrase inside a longer keyword still counts here (电梯 in 电梯按钮): the situation asks
    /// what is there, not which topic wins. Denied phrases (不是漏水, 上周修好了) do not count.
    func situations(in events: [TriageEvent], cues: inout [SituationCue]) -> [SituationMatch] {
        cues.removeAll(keepingCapacity: true)
        for (index, event) in events.enumerated() where !event.negated {
            for use in uses[Int(event.phrase)] {
                if case .situation(let situation, let group) = use {
                    cues.append(SituationCue(situation: situation, group: group, event: Int32(index)))
                }
            }
        }
        guard !cues.isEmpty else { return [] }
        cues.sort { $0.situation < $1.situation || ($0.situation == $1.situation && $0.event < $1.event) }
        var found: [SituationMatch] = []
        var start = 0
        while start < cues.count {
            var end = start
            while end < cues.count, cues[end].situation == cues[start].situation { end += 1 }
            if let match = match(cues[start..<end], events: events) { found.append(match) }
            start = end
        }
        return found
    }

    /// The first occurrence of every group of one situation within its window, if any.
    private func match(_ cues: ArraySlice<SituationCue>, events: [TriageEvent]) -> SituationMatch? {
        let s = cues.first!.situation
        let situation = rules.situations[Int(s)]
        let groupCount = Int32(situation.groups.count)
        let window = Int32(situation.window)
        for anchor in cues where anchor.group == 0 {
            let a = events[Int(anchor.event)]
            var phrases: [Int32] = [a.phrase]
            var clauses: [Int32] = [a.clause]
            var complete = true
            for group in 1..<groupCount {
                var best: TriageEvent?
                for candidate in cues where candidate.group == group {
                    let c = events[Int(candidate.event)]
                    guard max(a.end, c.end) - min(a.start, c.start) <= window else { continue }
                    if best == nil || abs(c.start - a.start) < abs(best!.start - a.start) { best = c }
                }
                guard let best else {
                    complete = false
                    break
                }
                phrases.append(best.phrase)
                if !clauses.contains(best.clause) { clauses.append(best.clause) }
            }
            if complete { return SituationMatch(situation: s, phrases: phrases, clauses: clauses) }
        }
        return nil
    }

    /// The hedge (怕, 差点, in case…) sharing one of `clauses`, if any: the danger there is feared
    /// or narrowly missed, not happening.
    func hedge(in clauses: [Int32], _ events: [TriageEvent]) -> Int32? {
        for event in events where !event.negated && clauses.contains(event.clause) {
            if uses[Int(event.phrase)].contains(where: { if case .hedge = $0 { true } else { false } }) { return event.phrase }
        }
        return nil
    }

    /// The reason line for one situation match.
    func reason(for match: SituationMatch) -> String {
        let situation = rules.situations[Int(match.situation)]
        let level = situation.priority?.rawValue ?? situation.severity?.rawValue ?? ""
        let cues = match.phrases.map { "\"\(phraseText[Int($0)])\"" }.joined(separator: " + ")
        return "situation.\(situation.id): \(cues) → \(level)"
    }
}
