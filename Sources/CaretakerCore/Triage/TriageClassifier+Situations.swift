extension TriageClassifier {
    /// A situation found in the text, with the phrases that showed it.
    struct SituationMatch {
        var situation: Int32
        var phrases: [Int32]
    }

    /// The situations whose cue groups all occur, not denied, within the situation's window.
    ///
    /// A phrase inside a longer keyword still counts here (电梯 in 电梯按钮): the situation asks
    /// what is there, not which topic wins. Denied phrases (不是漏水, 上周修好了) do not count.
    func situations(in events: [TriageEvent]) -> [SituationMatch] {
        var found: [SituationMatch] = []
        for (index, situation) in rules.situations.enumerated() {
            let s = Int32(index)
            let groupCount = situation.groups.count
            var anchors: [(event: TriageEvent, group: Int32)] = []
            for event in events where !event.negated {
                for use in uses[Int(event.phrase)] {
                    if case .situation(let hit, let group) = use, hit == s { anchors.append((event, group)) }
                }
            }
            guard Set(anchors.map(\.group)).count == groupCount else { continue }
            let window = Int32(situation.window)
            for anchor in anchors where anchor.group == 0 {
                var phrases: [Int32] = [anchor.event.phrase]
                var complete = true
                for group in 1..<Int32(groupCount) {
                    let near = anchors.filter { candidate in
                        candidate.group == group
                            && max(anchor.event.end, candidate.event.end) - min(anchor.event.start, candidate.event.start) <= window
                    }
                    guard let nearest = near.min(by: { abs($0.event.start - anchor.event.start) < abs($1.event.start - anchor.event.start) }) else {
                        complete = false
                        break
                    }
                    phrases.append(nearest.event.phrase)
                }
                if complete {
                    found.append(SituationMatch(situation: s, phrases: phrases))
                    break
                }
            }
        }
        return found
    }

    /// The reason line for one situation match.
    func reason(for match: SituationMatch) -> String {
        let situation = rules.situations[Int(match.situation)]
        let level = situation.priority?.rawValue ?? situation.severity?.rawValue ?? ""
        let cues = match.phrases.map { "\"\(phraseText[Int($0)])\"" }.joined(separator: " + ")
        return "situation.\(situation.id): \(cues) → \(level)"
    }
}
