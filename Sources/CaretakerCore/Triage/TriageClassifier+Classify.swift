extension TriageClassifier {
    /// The category code used when no category reaches `minimum_score`.
    public static let unclassifiedCategory = "unclassified"

    /// Classifies one message (allocates fresh buffers; see `classify(_:scratch:)`).
    public func classify(_ message: IntakeMessage) -> TriageDecision {
        var scratch = TriageScratch()
        return classify(message, scratch: &scratch)
    }

    /// Classifies one message, reusing `scratch`'s buffers.
    public func classify(_ message: IntakeMessage, scratch: inout TriageScratch) -> TriageDecision {
        collectEvents(message.text, scratch: &scratch)
        var reasons: [String] = []
        let isComplaint = message.kind == .complaint
        let applies = isComplaint ? appliesToComplaint : appliesToRepair

        // Category scores: each distinct keyword counts once per category.
        let categoryCount = rules.categories.count
        scratch.scores.removeAll(keepingCapacity: true)
        scratch.scores.append(contentsOf: repeatElement(0, count: categoryCount))
        scratch.firstSeen.removeAll(keepingCapacity: true)
        scratch.firstSeen.append(contentsOf: repeatElement(Int32.max, count: categoryCount))
        var matched: [(category: Int32, phrase: Int32)] = []
        for event in scratch.events where !event.negated && !event.shadowed {
            for use in uses[Int(event.phrase)] {
                guard case .keyword(let c, let weight) = use, applies[Int(c)] else { continue }
                if matched.contains(where: { $0.category == c && $0.phrase == event.phrase }) { continue }
                matched.append((c, event.phrase))
                scratch.scores[Int(c)] += weight
                scratch.firstSeen[Int(c)] = min(scratch.firstSeen[Int(c)], event.start)
            }
        }
        for event in scratch.events where event.negated && isKeywordPhrase(event.phrase) {
            reasons.append("negation: \"\(phraseText[Int(event.phrase)])\" is denied in its clause")
        }
        if let hint = message.categoryHint, let c = hintIndex[TextNormaliser.normalised(hint)], applies[Int(c)], rules.hintWeight > 0 {
            scratch.scores[Int(c)] += rules.hintWeight
            scratch.firstSeen[Int(c)] = min(scratch.firstSeen[Int(c)], Int32.max - 1)
            reasons.append("hint: category_hint names \(rules.categories[Int(c)].code) (+\(format(rules.hintWeight)))")
        }

        var ranked: [Int] = []
        for c in 0..<categoryCount where scratch.scores[c] >= rules.minimumScore { ranked.append(c) }
        let scores = scratch.scores, firstSeen = scratch.firstSeen, categories = rules.categories
        ranked.sort { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            let ca = categories[a], cb = categories[b]
            if isComplaint, ca.severity != cb.severity { return ca.severity > cb.severity }
            if !isComplaint, ca.priority != cb.priority { return ca.priority > cb.priority }
            if firstSeen[a] != firstSeen[b] { return firstSeen[a] < firstSeen[b] }
            return a < b
        }

        var decision: TriageDecision
        if let primary = ranked.first {
            let category = categories[primary]
            let phrases = matched.filter { $0.category == Int32(primary) }.map { "\"\(phraseText[Int($0.phrase)])\"" }
            reasons.insert("category.\(category.code): matched \(phrases.joined(separator: ", ")) (score \(format(scores[primary]))) → \(category.department.rawValue)", at: 0)
            decision = TriageDecision(
                department: category.department, category: category.code,
                secondaryCategories: ranked.dropFirst().map { categories[$0].code },
                rulesVersion: rules.version
            )
        } else {
            reasons.insert("unclassified: no category reached score \(format(rules.minimumScore)) → customer_service, needs triage", at: 0)
            decision = TriageDecision(department: .customerService, category: TriageClassifier.unclassifiedCategory,
                                      needsTriage: true, rulesVersion: rules.version)
        }
        let primaryCategory = ranked.first.map { categories[$0] }

        // What the rules found explicit evidence for (a fired modifier, flag or situation), as
        // opposed to a category's default; the model fusion weighs the two differently.
        var evidence = RuleEvidence(department: primaryCategory?.department)
        let situations = situations(in: scratch.events, cues: &scratch.situationCues)
        if isComplaint {
            var (severity, explicit) = complaintSeverity(message, primaryCategory, scratch.events, &reasons)
            for match in situations {
                guard let forced = rules.situations[Int(match.situation)].severity else { continue }
                severity = max(severity, forced)
                explicit = max(explicit ?? forced, forced)
                reasons.append(reason(for: match))
            }
            decision.severity = severity
            evidence.level = explicit?.rawValue
            evidence.levelIsSafety = explicit == .major && hasHardMajorEvidence(message)
        } else {
            var (priority, explicit, modifiers, firm) = repairPriority(primaryCategory, scratch.events, &reasons)
            var firmSituation = false
            for match in situations {
                guard let forced = rules.situations[Int(match.situation)].priority else { continue }
                priority = max(priority, forced)
                explicit = max(explicit ?? forced, forced)
                if forced == .urgent, let hedge = hedge(in: match.clauses, scratch.events) {
                    reasons.append(reason(for: match) + " (feared: \"\(phraseText[Int(hedge)])\")")
                } else {
                    firmSituation = firmSituation || forced == .urgent
                    reasons.append(reason(for: match))
                }
            }
            decision.priority = priority
            evidence.level = explicit?.rawValue
            // Large works named beside an urgent situation (爆管三次, 申请维修资金整体更换) may be a
            // planning request rather than an emergency: the model weighs it, unless an urgent
            // modifier (困人, 煤气味) names the emergency itself.
            // A danger only feared or narrowly missed (怕小孩关在里面, 差点出不来) is not a hard
            // override either.
            evidence.levelIsSafety = explicit == .urgent && (firm || (firmSituation && !modifiers.contains(.major)))
            evidence.levelIsFeared = explicit == .urgent && !firm && !firmSituation
            let (responsibility, cue) = responsibility(message, primaryCategory, &scratch, &reasons)
            decision.responsibility = responsibility
            evidence.responsibility = cue ? responsibility : nil
        }
        if let model {
            fuse(model, message, ranked: ranked, evidence: evidence, decision: &decision, scratch: &scratch, reasons: &reasons)
        }
        if let severity = decision.severity {
            decision.notify = rules.complaintNotify[severity] ?? []
            if !decision.notify.isEmpty {
                reasons.append("notify.complaint.\(severity.rawValue): \(decision.notify.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let priority = decision.priority {
            decision.notify = rules.repairNotify[priority] ?? []
            if !decision.notify.isEmpty {
                reasons.append("notify.repair.\(priority.rawValue): \(decision.notify.map(\.rawValue).joined(separator: ", "))")
            }
            // A repair that demands compensation goes to leadership like a complaint that does
            // (seed 004 第2篇 四: 涉及经济赔偿 → 公司领导).
            if demandsCompensation(message, scratch.events) {
                decision.notify = [.management, .leadership]
                reasons.append("notify.repair.compensation: management, leadership")
            }
        }
        decision.reasons = reasons
        return decision
    }

    /// Structured facts the call taker recorded (flags, reported_times) make a complaint major
    /// whatever the model thinks.
    private func hasHardMajorEvidence(_ message: IntakeMessage) -> Bool {
        if message.flags.contains(where: { flagSeverity[$0] == .major }) { return true }
        if let times = message.reportedTimes, rules.reportedTimesRules.first(where: { times >= $0.atLeast })?.severity == .major { return true }
        return false
    }

    /// Whether the report asks for compensation: the call taker's `compensation` flag, or a
    /// phrase of the `compensation` severity modifier (赔偿, 补偿, 索赔…) not negated.
    private func demandsCompensation(_ message: IntakeMessage, _ events: [TriageEvent]) -> Bool {
        if message.flags.contains(.compensation) { return true }
        for event in events where !event.negated && !event.shadowed {
            for use in uses[Int(event.phrase)] {
                if case .severity(let m) = use, rules.severityModifiers[Int(m)].id == "compensation" { return true }
            }
        }
        return false
    }

    private func isKeywordPhrase(_ phrase: Int32) -> Bool {
        uses[Int(phrase)].contains { if case .keyword = $0 { true } else { false } }
    }

    private func complaintSeverity(
        _ message: IntakeMessage, _ category: TriageRules.Category?, _ events: [TriageEvent], _ reasons: inout [String]
    ) -> (ComplaintSeverity, explicit: ComplaintSeverity?) {
        // A `minor` modifier (capacity limits, suggestions) replaces the category's default;
        // flags, reported_times and important/major modifiers still raise it.
        var capped: TriageRules.SeverityModifier?
        var capPhrase: Int32 = 0
        for event in events where !event.negated && !event.shadowed && capped == nil {
            for use in uses[Int(event.phrase)] {
                if case .severity(let m) = use, rules.severityModifiers[Int(m)].severity == .minor {
                    capped = rules.severityModifiers[Int(m)]
                    capPhrase = event.phrase
                }
            }
        }
        var severity = category?.severity ?? .minor
        var explicit: ComplaintSeverity? = capped == nil ? nil : .minor
        if let capped, severity > .minor {
            severity = .minor
            reasons.append("severity.\(capped.id): \"\(phraseText[Int(capPhrase)])\" → minor")
        } else if let category, category.severity > .minor {
            reasons.append("severity.category: \(category.code) is at least \(category.severity.rawValue)")
        }
        for flag in message.flags {
            if let forced = flagSeverity[flag] {
                severity = max(severity, forced)
                explicit = max(explicit ?? forced, forced)
                reasons.append("severity.flag.\(flag.rawValue): \(forced.rawValue)")
            }
        }
        if let times = message.reportedTimes, let rule = rules.reportedTimesRules.first(where: { times >= $0.atLeast }) {
            severity = max(severity, rule.severity)
            explicit = max(explicit ?? rule.severity, rule.severity)
            reasons.append("severity.reported_times: reported \(times) times (≥ \(rule.atLeast)) → \(rule.severity.rawValue)")
        }
        var fired: [Int32] = []
        for event in events where !event.negated && !event.shadowed {
            for use in uses[Int(event.phrase)] {
                guard case .severity(let m) = use, !fired.contains(m), rules.severityModifiers[Int(m)].severity > .minor else { continue }
                fired.append(m)
                let modifier = rules.severityModifiers[Int(m)]
                severity = max(severity, modifier.severity)
                explicit = max(explicit ?? modifier.severity, modifier.severity)
                reasons.append("severity.\(modifier.id): \"\(phraseText[Int(event.phrase)])\" → \(modifier.severity.rawValue)")
            }
        }
        return (severity, explicit)
    }

    /// The repair priority from the category and the priority modifiers; `firm` tells whether an
    /// urgent modifier fired outside a hedged clause.
    private func repairPriority(
        _ category: TriageRules.Category?, _ events: [TriageEvent], _ reasons: inout [String]
    ) -> (RepairPriority, explicit: RepairPriority?, modifiers: Set<RepairPriority>, firm: Bool) {
        var priority = category?.priority ?? .general
        var explicit: RepairPriority?
        var levels = Set<RepairPriority>()
        if let category, category.priority > .general {
            reasons.append("priority.category: \(category.code) is at least \(category.priority.rawValue)")
        }
        var fired: [Int32] = []
        var firm = false
        for event in events where !event.negated && !event.shadowed {
            for use in uses[Int(event.phrase)] {
                guard case .priority(let m) = use else { continue }
                let modifier = rules.priorityModifiers[Int(m)]
                let hedge = modifier.priority == .urgent ? hedge(in: [event.clause], events) : nil
                if modifier.priority == .urgent, hedge == nil { firm = true }
                guard !fired.contains(m) else { continue }
                fired.append(m)
                priority = max(priority, modifier.priority)
                explicit = max(explicit ?? modifier.priority, modifier.priority)
                levels.insert(modifier.priority)
                var line = "priority.\(modifier.id): \"\(phraseText[Int(event.phrase)])\" → \(modifier.priority.rawValue)"
                if let hedge { line += " (feared: \"\(phraseText[Int(hedge)])\")" }
                reasons.append(line)
            }
        }
        return (priority, explicit, levels, firm)
    }

    /// Sums the location cues in the text and the `location` field; the best-supported
    /// responsibility wins, a tie or no cue falls back to the category's hint, else `unknown`.
    private func responsibility(
        _ message: IntakeMessage, _ category: TriageRules.Category?, _ scratch: inout TriageScratch, _ reasons: inout [String]
    ) -> (RepairResponsibility, cue: Bool) {
        var totals: [RepairResponsibility: Double] = [:]
        var evidence: [String] = []
        var seen: [Int32] = []
        func count(_ phrase: Int32) {
            guard !seen.contains(phrase) else { return }
            for use in uses[Int(phrase)] {
                guard case .responsibility(let r) = use else { continue }
                seen.append(phrase)
                let cue = rules.responsibilityCues[Int(r)]
                totals[cue.responsibility, default: 0] += cue.weight
                evidence.append("\(cue.id) \"\(phraseText[Int(phrase)])\"")
            }
        }
        for event in scratch.events where !event.negated && !event.shadowed { count(event.phrase) }
        if let location = message.location {
            TextNormaliser.normalise(location, into: &scratch.location)
            scratch.locationMatches.removeAll(keepingCapacity: true)
            matcher.findAll(in: scratch.location, into: &scratch.locationMatches)
            for match in scratch.locationMatches { count(match.phrase) }
        }
        let best = totals.max { a, b in a.value < b.value || (a.value == b.value && a.key.rawValue > b.key.rawValue) }
        if let best, totals.values.filter({ $0 == best.value }).count == 1 {
            reasons.append("responsibility.\(best.key.rawValue): \(evidence.joined(separator: ", "))")
            return (best.key, true)
        }
        if let hint = category?.responsibility {
            reasons.append("responsibility.category: \(category!.code) defaults to \(hint.rawValue)")
            return (hint, false)
        }
        return (.unknown, false)
    }

    func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
