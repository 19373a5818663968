extension MonthlyReportBuilder {
    /// Small and urgent repairs (by their priority now) against the 2 h target and 24 h ceiling.
    static func quickRepairs(_ cases: [CaseFacts], asOf: RFC3339Timestamp) -> QuickRepairTimeliness {
        let quick = cases.filter { $0.kind == "repair" && ($0.priority == "small" || $0.priority == "urgent") }
        let counted = quick.filter { !($0.declined && $0.completionSeconds == nil) }
        return QuickRepairTimeliness(
            target: limit(QuickRepairTimeliness.targetSeconds, counted, asOf: asOf),
            ceiling: limit(QuickRepairTimeliness.ceilingSeconds, counted, asOf: asOf),
            declined: quick.count - counted.count)
    }

    /// Judges each case's first completion against `seconds` from receipt; an unfinished case is
    /// late once its age at `asOf` passes the limit, not yet due before. A completion recorded
    /// before receipt (a console's clock behind) counts as 0 s, never negative.
    static func limit(_ seconds: Int, _ cases: [CaseFacts], asOf: RFC3339Timestamp) -> LimitRate {
        var rate = LimitRate(limitSeconds: seconds)
        for facts in cases {
            if let completion = facts.completionSeconds {
                if max(0, completion) <= seconds { rate.onTime += 1 } else { rate.late += 1 }
            } else if let received = facts.receivedAt,
                      max(0, asOf.secondsSinceEpoch - received.secondsSinceEpoch) > Int64(seconds) {
                rate.late += 1
            } else {
                rate.notYetDue.append(facts.caseNumber)
            }
        }
        return rate
    }

    /// Repairs first completed before the month's end, and those of them reopened (返修).
    static func repairRework(_ cases: [CaseFacts], month: ReportMonth) -> RepairRework {
        let end = month.end.secondsSinceEpoch
        let completed = cases.filter { facts in
            guard facts.kind == "repair", let finishedAt = facts.finishedAt else { return false }
            return finishedAt < end
        }
        return RepairRework(completed: completed.count, reworked: completed.filter { $0.reopenings > 0 }.count)
    }

    /// Complaints reopened for review, apart from repair rework.
    static func complaintReviews(_ cases: [CaseFacts]) -> ComplaintReviews {
        let complaints = cases.filter { $0.kind == "complaint" }
        return ComplaintReviews(resolved: complaints.filter(\.finished).count,
                                reviewed: complaints.filter { $0.reopenings > 0 }.count,
                                reviews: complaints.map { max(0, $0.reopenings) }.reduce(0, +))
    }

    /// Complaints by assessment and by the outside body they name.
    static func validity(_ cases: [CaseFacts]) -> ValidityCounts {
        let complaints = cases.filter { $0.kind == "complaint" }
        let bodies = complaints.compactMap(\.otherBody)
        return ValidityCounts(
            complaints: complaints.count, valid: complaints.filter { $0.validity == "valid" }.count,
            invalid: complaints.filter { $0.validity == "invalid" }.count,
            notAssessed: complaints.filter { $0.validity == nil }.count,
            otherBody: bodies.count, byOtherBody: tally(bodies))
    }
}
