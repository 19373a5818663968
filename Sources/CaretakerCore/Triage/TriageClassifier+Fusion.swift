extension TriageClassifier {
    /// Combines the rules' decision with the model's probabilities, in log space: the class the
    /// rules found explicit evidence for gets `ruleWeight` log-odds, a category default half of
    /// it, and the model decides the rest. Safety overrides stay with the rules: an urgent
    /// situation or modifier keeps a repair urgent, and a model that puts `urgent` at or above
    /// `urgentThreshold` makes it urgent too. A department the fusion is unsure of goes to
    /// customer service with `needs_triage`.
    func fuse(
        _ model: TriageModel, _ message: IntakeMessage, ranked: [Int], evidence: RuleEvidence,
        decision: inout TriageDecision, scratch: inout TriageScratch, reasons: inout [String]
    ) {
        let value = model.features.extract(scratch.text, kind: message.kind, into: &scratch.features, symbols: &scratch.symbols)
        let fusion = model.fusion
        decision.modelVersion = model.version

        let departments = Department.allCases
        let modelDepartment = model.probabilities(.department, features: scratch.features, value: value)
        let favouredDepartment = evidence.department.flatMap { departments.firstIndex(of: $0) }
        let fusedDepartment = fused(modelDepartment, favoured: favouredDepartment, weight: fusion.ruleWeight)
        let best = argmax(fusedDepartment)
        let department = departments[best]
        decision.confidence = fusedDepartment[best]
        var line = "model.department: \(department.rawValue) p=\(percent(modelDepartment[best])), combined \(percent(fusedDepartment[best]))"
        if let ruled = evidence.department { line += ruled == department ? ", as the rules" : ", over the rules' \(ruled.rawValue)" }
        reasons.append(line)
        if fusedDepartment[best] < fusion.minimumConfidence {
            decision.department = .customerService
            decision.needsTriage = true
            reasons.append("model.low_confidence: \(percent(fusedDepartment[best])) < \(percent(fusion.minimumConfidence)) → customer_service, needs triage")
        } else if department != decision.department || evidence.department == nil {
            decision.department = department
            decision.needsTriage = evidence.department == nil && fusedDepartment[best] < 0.6
            let categories = rules.categories
            if let primary = ranked.first(where: { categories[$0].department == department }) {
                decision.category = categories[primary].code
                decision.secondaryCategories = ranked.filter { $0 != primary }.map { categories[$0].code }
            } else {
                decision.category = TriageClassifier.unclassifiedCategory
                decision.secondaryCategories = ranked.map { categories[$0].code }
            }
        }

        if let severity = decision.severity {
            decision.severity = fuseLevel(
                model, .severity, value: value, scratch: scratch, rules: severity, evidence: evidence, reasons: &reasons
            ).flatMap(ComplaintSeverity.init(rawValue:)) ?? severity
        }
        if let priority = decision.priority {
            decision.priority = fuseLevel(
                model, .priority, value: value, scratch: scratch, rules: priority, evidence: evidence, reasons: &reasons
            ).flatMap(RepairPriority.init(rawValue:)) ?? priority
        }
        if let responsibility = decision.responsibility {
            let classes = TriageModel.Head.responsibility.classes
            let p = model.probabilities(.responsibility, features: scratch.features, value: value)
            let favoured = classes.firstIndex(of: (evidence.responsibility ?? responsibility).rawValue)
            let combined = fused(p, favoured: favoured, weight: evidence.responsibility == nil ? fusion.levelRuleWeight / 2 : fusion.levelRuleWeight)
            let chosen = classes[argmax(combined)]
            if chosen != responsibility.rawValue {
                reasons.append("model.responsibility: \(chosen) p=\(percent(p[argmax(combined)])), over the rules' \(responsibility.rawValue)")
                decision.responsibility = RepairResponsibility(rawValue: chosen)
            }
        }
    }

    /// The fused severity or priority, or `nil` to keep the rules' level.
    private func fuseLevel<Level: RawRepresentable>(
        _ model: TriageModel, _ head: TriageModel.Head, value: Float, scratch: TriageScratch, rules level: Level,
        evidence: RuleEvidence, reasons: inout [String]
    ) -> String? where Level.RawValue == String {
        let classes = head.classes
        let p = model.probabilities(head, features: scratch.features, value: value)
        guard p.count == classes.count else { return nil }
        if evidence.levelIsSafety {
            reasons.append("model.\(head.rawValue): kept the rules' \(level.rawValue) (safety override)")
            return nil
        }
        if head == .priority, let urgent = classes.firstIndex(of: RepairPriority.urgent.rawValue), p[urgent] >= model.fusion.urgentThreshold {
            reasons.append("model.priority: urgent p=\(percent(p[urgent])) ≥ \(percent(model.fusion.urgentThreshold)): safety in doubt → urgent")
            return RepairPriority.urgent.rawValue
        }
        if head == .priority, evidence.level == RepairPriority.urgent.rawValue, !evidence.levelIsFeared,
           let urgent = classes.firstIndex(of: RepairPriority.urgent.rawValue), p[urgent] >= model.fusion.urgentThreshold / 2 {
            reasons.append("model.priority: urgent p=\(percent(p[urgent])) beside large works: an urgent situation in doubt stays urgent")
            return nil
        }
        let favoured = classes.firstIndex(of: evidence.level ?? level.rawValue)
        let weight = evidence.level == nil ? model.fusion.levelRuleWeight / 2 : model.fusion.levelRuleWeight
        let combined = fused(p, favoured: favoured, weight: weight)
        let best = argmax(combined)
        guard classes[best] != level.rawValue else { return nil }
        reasons.append("model.\(head.rawValue): \(classes[best]) p=\(percent(p[best])), over the rules' \(level.rawValue)")
        return classes[best]
    }

    /// `probabilities` with `weight` log-odds added to `favoured`, renormalised.
    func fused(_ probabilities: [Double], favoured: Int?, weight: Double) -> [Double] {
        guard let favoured, favoured < probabilities.count, weight > 0 else { return probabilities }
        let boost = TriageModel.exp(weight)
        var result = probabilities
        result[favoured] *= boost
        let sum = result.reduce(0, +)
        return result.map { $0 / sum }
    }

    /// Index of the largest value (the first on ties).
    func argmax(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }

    /// `0.8234` → `82%`.
    func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}
