extension CaseRecord {
    /// The record after an accepted command: the new snapshot plus what the command changes
    /// beside it.
    ///
    /// A postponement moves the promised feedback date; an assessment records the other body
    /// involved; a corrective action becomes the open one (verification clears it). A reassignment clears `needsTriage`
    /// and recomputes `accused` for the new department and category with `accusedStaff`; those
    /// accused before stay accused, so no command ever hands the contact to a department whose
    /// staff the resident complained about.
    public func applying(_ transition: CaseTransition, of action: CaseAction, accusedStaff: AccusedStaff) -> CaseRecord {
        var after = self
        after.snapshot = transition.snapshot
        switch action {
        case .postpone(let until, _):
            after.report.promisedFeedbackAt = until
        case .reassign:
            after.needsTriage = false
            after.accused = accusedStaff.audiences(afterChangeOf: after)
        case .assess(_, _, let otherBody):
            after.otherBody = otherBody
        case .setPriority(let priority, _):
            after.priority = priority
        case .quote(let quote):
            after.quote = quote
        case .complete(_, let fee?, let receipt?):
            after.feeFen = fee
            after.receiptNumber = receipt
        case .plan(let plan):
            // The office director approves it (seed 003 五(二)3): the office hears of the case.
            after.plan = plan
            let notified = Set(after.notify + [.management])
            after.notify = Audience.allCases.filter(notified.contains)
        case .signOff(.disputed, _):
            // The office director attends a dispute (seed 003 篇4 六): the office hears of it.
            let notified = Set(after.notify + [.management])
            after.notify = Audience.allCases.filter(notified.contains)
        case .appoint(let time, _):
            after.report.appointmentAt = time
        case .correct(let correction):
            after.openCorrection = correction
        default:
            break
        }
        return after
    }

    /// Whether events for `audience` must leave out the contact and mask the text.
    public func withholdsContact(from audience: EventAudience) -> Bool {
        accused.contains(audience)
    }
}
