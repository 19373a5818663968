extension MonthlyReport {
    /// The CSV lines of small/urgent repairs, repair rework, complaint reviews and validity.
    static func addFigures(_ section: ReportSection, scope: String, _ add: (String, String, String, String) -> Void) {
        for (name, limit) in [("quick_repairs.target", section.quickRepairs.target),
                              ("quick_repairs.ceiling", section.quickRepairs.ceiling)] {
            add(scope, name, "limit_seconds", String(limit.limitSeconds))
            add(scope, name, "on_time", String(limit.onTime))
            add(scope, name, "late", String(limit.late))
            add(scope, name, "open", String(limit.notYetDue.count))
            add(scope, name, "total", String(limit.total))
            add(scope, name, "rate", csvNumber(limit.rate))
            for number in limit.notYetDue { add(scope, name, "not_yet_due", number) }
        }
        add(scope, "quick_repairs", "goal_percent", csvNumber(QuickRepairTimeliness.goalPercent))
        add(scope, "quick_repairs", "declined", String(section.quickRepairs.declined))
        add(scope, "repair_rework", "completed", String(section.repairRework.completed))
        add(scope, "repair_rework", "reworked", String(section.repairRework.reworked))
        add(scope, "repair_rework", "rate", csvNumber(section.repairRework.rate))
        add(scope, "repair_rework", "ceiling_percent", csvNumber(RepairRework.ceilingPercent))
        add(scope, "complaint_reviews", "resolved", String(section.complaintReviews.resolved))
        add(scope, "complaint_reviews", "reviewed", String(section.complaintReviews.reviewed))
        add(scope, "complaint_reviews", "reviews", String(section.complaintReviews.reviews))
        add(scope, "complaint_reviews", "rate", csvNumber(section.complaintReviews.rate))
        let validity = section.validity
        for (key, count) in [("complaints", validity.complaints), ("valid", validity.valid), ("invalid", validity.invalid),
                             ("not_assessed", validity.notAssessed), ("other_body", validity.otherBody)] {
            add(scope, "validity", key, String(count))
        }
        for tally in validity.byOtherBody { add(scope, "validity.other_body", tally.key, String(tally.count)) }
    }
}
