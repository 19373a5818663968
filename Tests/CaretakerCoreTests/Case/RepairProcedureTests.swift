import CaretakerCore
import Testing

/// Paid repairs (seed 003 篇4 有偿服务): the price before the work, consent or decline, the fee
/// and receipt at completion, and a disputed sign-off reviewed by the office.
@Suite struct RepairProcedureTests {
    static let quote = CaseAction.quote(RepairQuote(priceFen: 12_850, materials: "角阀一个"))

    static func repair(_ state: CaseState = .onSite, _ responsibility: RepairResponsibility = .paid,
                       quote: QuoteState = .none, dispute: Bool = false) -> CaseSnapshot {
        CaseSnapshot(kind: .repair, state: state, department: .engineering, category: "plumbing",
                     responsibility: responsibility, quote: quote, disputeOpen: dispute)
    }

    func refusal(_ action: CaseAction, _ snapshot: CaseSnapshot, by actor: CaseActor? = nil) -> CommandRejection? {
        if case .failure(let rejection) = CaseLifecycle.apply(action, to: snapshot, by: actor) { return rejection }
        return nil
    }

    @Test func noWorkIsRecordedOnAPaidRepairWithoutConsent() throws {
        let done = CaseAction.complete(note: "更换角阀", feeFen: 12_850, receiptNumber: "SJ-0001")
        #expect(refusal(done, Self.repair())?.reason == .precondition, "no quote")
        #expect(refusal(done, Self.repair(quote: .quoted))?.reason == .precondition, "quoted, not agreed")
        #expect(refusal(.complete(note: ""), Self.repair(quote: .consented))?.reason == .invalidField, "no fee or receipt")
        #expect(refusal(done, Self.repair(quote: .consented)) == nil)
        #expect(refusal(.complete(note: ""), Self.repair(.onSite, .free)) == nil, "a free repair needs none of it")
    }

    @Test func quoteThenConsent() throws {
        let quoted = try CaseLifecycle.apply(Self.quote, to: Self.repair(.accepted)).get()
        #expect(quoted.snapshot.quote == .quoted)
        #expect(try CaseLifecycle.apply(.consent, to: quoted.snapshot).get().snapshot.quote == .consented)
        #expect(refusal(.consent, Self.repair(.accepted))?.reason == .precondition, "nothing to agree to")
        #expect(refusal(Self.quote, Self.repair(.accepted, .free))?.reason == .precondition, "only a paid repair is quoted")
    }

    @Test func aDeclinedQuoteClosesTheRepair() throws {
        let declined = try CaseLifecycle.apply(.decline(reason: "住户嫌贵，自行找人修"), to: Self.repair(quote: .quoted)).get()
        #expect(declined.snapshot.state == .closed)
    }

    @Test func aDisputeIsReviewedByTheOfficeBeforeClosing() throws {
        let disputed = try CaseLifecycle.apply(.signOff(.disputed, note: "收费太高"), to: Self.repair(.completed, quote: .consented)).get()
        #expect(disputed.snapshot.disputeOpen)
        #expect(disputed.triggers == ["sign_off", "sign_off_disputed"])
        let technician = CaseActor(id: "E1", audience: .engineering)
        #expect(refusal(.reviewDispute(note: "核实收费"), disputed.snapshot, by: technician)?.reason == .notPermitted)
        var closing = disputed.snapshot
        closing.state = .followedUp
        #expect(refusal(.close, closing)?.reason == .precondition)
        let reviewed = try CaseLifecycle.apply(.reviewDispute(note: "主任到场核实，退还差价"), to: disputed.snapshot,
                                               by: CaseActor(id: "M1", audience: .management)).get()
        #expect(!reviewed.snapshot.disputeOpen)
    }

    @Test func aPriorityIsCorrectedOnlyToAnotherOne() throws {
        var general = Self.repair(.accepted, .free)
        general.priority = .general
        #expect(refusal(.setPriority(.general, reason: "x"), general)?.reason == .precondition)
        #expect(try CaseLifecycle.apply(.setPriority(.urgent, reason: "有人被困"), to: general).get().snapshot.priority == .urgent)
    }

    @Test func priceText() {
        #expect(PaidRepair.yuan(12_850) == "128.50")
        #expect(PaidRepair.yuan(5) == "0.05")
    }
}
