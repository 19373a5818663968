import CaretakerCore
import Testing

/// Every (kind, command, state) the lifecycle accepts, and the state it must lead to; written
/// out here independently of `CaseLifecycle`'s own table so a change to either is caught.
private let allowed: [String: CaseState] = [
    "complaint accept received": .accepted,
    "complaint reply received": .acknowledged,
    "complaint reply accepted": .acknowledged,
    "complaint resolve accepted": .resolved,
    "complaint resolve acknowledged": .resolved,
    "complaint follow_up resolved": .followedUp,
    "complaint close followed_up": .closed,
    "complaint reopen resolved": .accepted,
    "complaint reopen followed_up": .accepted,
    "complaint reopen closed": .accepted,
    "complaint postpone received": .received,
    "complaint postpone accepted": .accepted,
    "complaint postpone acknowledged": .acknowledged,
    "complaint reassign received": .received,
    "complaint reassign accepted": .received,
    "complaint reassign acknowledged": .received,
    "repair accept dispatched": .accepted,
    "repair arrive dispatched": .onSite,
    "repair arrive accepted": .onSite,
    "repair complete on_site": .completed,
    "repair return_work_order completed": .workOrderReturned,
    "repair follow_up work_order_returned": .followedUp,
    "repair close followed_up": .closed,
    "repair reopen completed": .dispatched,
    "repair reopen work_order_returned": .dispatched,
    "repair reopen followed_up": .dispatched,
    "repair reopen closed": .dispatched,
    "repair postpone dispatched": .dispatched,
    "repair postpone accepted": .accepted,
    "repair postpone on_site": .onSite,
    "repair reassign dispatched": .dispatched,
    "repair reassign accepted": .dispatched,
    "complaint assess received": .received,
    "complaint assess accepted": .accepted,
    "complaint assess acknowledged": .acknowledged,
    "complaint analyse received": .received,
    "complaint analyse accepted": .accepted,
    "complaint analyse acknowledged": .acknowledged,
    "complaint analyse resolved": .resolved,
    "complaint analyse followed_up": .followedUp,
    "complaint correct received": .received,
    "complaint correct accepted": .accepted,
    "complaint correct acknowledged": .acknowledged,
    "complaint correct resolved": .resolved,
    "complaint correct followed_up": .followedUp,
    "complaint verify_correction received": .received,
    "complaint verify_correction accepted": .accepted,
    "complaint verify_correction acknowledged": .acknowledged,
    "complaint verify_correction resolved": .resolved,
    "complaint verify_correction followed_up": .followedUp,
    "complaint inform_resident received": .received,
    "complaint inform_resident accepted": .accepted,
    "complaint inform_resident acknowledged": .acknowledged,
    "complaint inform_resident resolved": .resolved,
    "complaint inform_resident followed_up": .followedUp,
    "complaint hold_meeting received": .received,
    "complaint hold_meeting accepted": .accepted,
    "complaint hold_meeting acknowledged": .acknowledged,
    "complaint hold_meeting resolved": .resolved,
    "complaint hold_meeting followed_up": .followedUp,
    "repair set_priority dispatched": .dispatched,
    "repair set_priority accepted": .accepted,
    "repair set_priority on_site": .onSite,
    "repair quote dispatched": .dispatched,
    "repair quote accepted": .accepted,
    "repair quote on_site": .onSite,
    "repair consent dispatched": .dispatched,
    "repair consent accepted": .accepted,
    "repair consent on_site": .onSite,
    "repair decline dispatched": .closed,
    "repair decline accepted": .closed,
    "repair decline on_site": .closed,
    "repair sign_off completed": .completed,
    "repair sign_off work_order_returned": .workOrderReturned,
    "repair review_dispute completed": .completed,
    "repair review_dispute work_order_returned": .workOrderReturned,
    "repair review_dispute followed_up": .followedUp,
    "repair appoint dispatched": .dispatched,
    "repair appoint accepted": .accepted,
    "repair inform_resident dispatched": .dispatched,
    "repair inform_resident accepted": .accepted,
    "repair inform_resident on_site": .onSite,
    "repair inform_resident completed": .completed,
    "repair inform_resident work_order_returned": .workOrderReturned,
    "repair inform_resident followed_up": .followedUp,
    "repair plan dispatched": .dispatched,
    "repair plan accepted": .accepted,
    "repair plan on_site": .onSite,
    "repair approve_plan dispatched": .dispatched,
    "repair approve_plan accepted": .accepted,
    "repair approve_plan on_site": .onSite,
    "repair progress dispatched": .dispatched,
    "repair progress accepted": .accepted,
    "repair progress on_site": .onSite,
]

private let commandsForKind: [IntakeMessage.Kind: Set<CaseAction.Name>] = [
    .complaint: [.accept, .reply, .resolve, .followUp, .close, .reopen, .postpone, .reassign, .assess,
                 .analyse, .correct, .verifyCorrection, .informResident, .holdMeeting],
    .repair: [.accept, .arrive, .complete, .returnWorkOrder, .followUp, .close, .reopen, .postpone, .reassign,
              .informResident, .appoint, .quote, .consent, .decline, .signOff, .reviewDispute, .setPriority,
              .plan, .approvePlan, .progress],
]

private func sampleAction(_ name: CaseAction.Name) -> CaseAction {
    let at = RFC3339Timestamp(secondsSinceEpoch: 1_793_000_000, utcOffsetMinutes: 480)
    switch name {
    case .accept: return .accept
    case .reply: return .reply(note: "已联系住户")
    case .arrive: return .arrive
    case .complete: return .complete(note: "更换阀门")
    case .returnWorkOrder: return .returnWorkOrder
    case .resolve: return .resolve(note: "已处理")
    case .postpone: return .postpone(until: at, reason: "等配件")
    case .followUp: return .followUp(satisfaction: 5, note: "满意")
    case .reopen: return .reopen(reason: "复核")
    case .reassign: return .reassign(to: .security, category: nil, reason: "属护管")
    case .close: return .close
    case .assess: return .assess(validity: .valid, reason: "保洁未按时清扫", otherBody: nil)
    case .analyse: return .analyse(cause: "排班漏了该楼层")
    case .correct: return .correct(CorrectiveAction(action: "调整排班", owner: "环境部主管", dueAt: at))
    case .verifyCorrection: return .verifyCorrection(verdict: .effective, note: "已按时清扫")
    case .informResident: return .informResident(note: "已告知处理进度", eta: nil)
    case .appoint: return .appoint(at: at, reason: nil)
    case .quote: return .quote(RepairQuote(priceFen: 5_000, materials: "阀门"))
    case .setPriority: return .setPriority(.urgent, reason: "实为困人")
    case .consent: return .consent
    case .decline: return .decline(reason: "太贵")
    case .signOff: return .signOff(.confirmed, note: "")
    case .reviewDispute: return .reviewDispute(note: "已复核")
    case .holdMeeting: return .holdMeeting(note: "办公会议决定由经理牵头整改", attendees: "总经理、管理处主任")
    case .plan: return .plan(RepairPlan(summary: "搭脚手架更换外墙砖", expectedCompletion: at))
    case .approvePlan: return .approvePlan(.engineeringManager, note: "")
    case .progress: return .progress(note: "完成脚手架", percentDone: 20)
    }
}

private struct Probe: CustomTestStringConvertible, Sendable {
    let kind: IntakeMessage.Kind
    let command: CaseAction.Name
    let state: CaseState
    var key: String { "\(kind.rawValue) \(command.rawValue) \(state.rawValue)" }
    var testDescription: String { key }
}

private let everyProbe: [Probe] = IntakeMessage.Kind.allCases.flatMap { kind in
    CaseAction.Name.allCases.flatMap { command in
        CaseState.allCases.map { Probe(kind: kind, command: command, state: $0) }
    }
}

@Suite struct CaseLifecycleTests {
    @Test(arguments: everyProbe)
    fileprivate func everyTransitionIsAllowedOrRefusedAsSpecified(_ probe: Probe) {
        // The complaint procedure's own preconditions hold, so only the state decides here
        // (ComplaintProcedureTests covers the preconditions).
        let snapshot = CaseSnapshot(kind: probe.kind, state: probe.state, department: .engineering, category: "water_leak",
                                    validity: probe.command == .assess ? nil : .valid,
                                    causeAnalysed: probe.command != .analyse,
                                    correctionOpen: probe.command == .verifyCorrection,
                                    responsibility: [.quote, .consent, .decline, .signOff].contains(probe.command) ? .paid : nil,
                                    quote: [.consent, .decline].contains(probe.command) ? .quoted : .none,
                                    disputeOpen: probe.command == .reviewDispute,
                                    plan: [.approvePlan, .progress].contains(probe.command) ? .proposed : .none)
        let result = CaseLifecycle.apply(sampleAction(probe.command), to: snapshot)
        switch (result, allowed[probe.key]) {
        case (.success(let transition), let expected?):
            #expect(transition.snapshot.state == expected)
            #expect(transition.from == probe.state)
            #expect(transition.step == probe.command.rawValue)
        case (.failure(let rejection), nil):
            let expectedReason: CommandRejection.Reason =
                commandsForKind[probe.kind]!.contains(probe.command) ? .invalidForState : .notForKind
            #expect(rejection.reason == expectedReason)
        case (.success, nil):
            Issue.record("\(probe.key) was accepted but must be refused")
        case (.failure(let rejection), _?):
            Issue.record("\(probe.key) was refused (\(rejection)) but must be accepted")
        }
    }

    @Test func aThirdPostponementIsRefused() throws {
        var snapshot = CaseSnapshot(kind: .complaint, state: .accepted, department: .customerService, category: "billing")
        for expected in 1...2 {
            let transition = try CaseLifecycle.apply(sampleAction(.postpone), to: snapshot).get()
            snapshot = transition.snapshot
            #expect(snapshot.postponements == expected)
            #expect(snapshot.state == .accepted)
        }
        let third = CaseLifecycle.apply(sampleAction(.postpone), to: snapshot)
        #expect(throws: CommandRejection.self) { try third.get() }
        if case .failure(let rejection) = third {
            #expect(rejection.reason == .postponeLimitReached)
        }
    }

    @Test func aFullRepairLifecycleEndsClosed() throws {
        var snapshot = CaseSnapshot(kind: .repair, state: CaseState.initial(for: .repair), department: .engineering, category: "water_leak")
        for (command, state) in [(CaseAction.Name.accept, CaseState.accepted), (CaseAction.Name.arrive, .onSite), (CaseAction.Name.complete, .completed),
                                 (CaseAction.Name.returnWorkOrder, .workOrderReturned), (CaseAction.Name.followUp, .followedUp), (CaseAction.Name.close, .closed)] {
            snapshot = try CaseLifecycle.apply(sampleAction(command), to: snapshot).get().snapshot
            #expect(snapshot.state == state)
        }
        let rework = try CaseLifecycle.apply(.reopen(reason: "又漏了"), to: snapshot).get()
        #expect(rework.snapshot.state == .dispatched)
        #expect(rework.snapshot.reopenings == 1)
    }

    @Test func aFullComplaintLifecycleEndsClosed() throws {
        var snapshot = CaseSnapshot(kind: .complaint, state: CaseState.initial(for: .complaint), department: .security, category: "guard_conduct")
        #expect(snapshot.state == .received)
        for (command, state) in [(CaseAction.Name.accept, CaseState.accepted), (CaseAction.Name.reply, .acknowledged), (CaseAction.Name.resolve, .resolved),
                                 (CaseAction.Name.followUp, .followedUp), (CaseAction.Name.close, .closed)] {
            snapshot = try CaseLifecycle.apply(sampleAction(command), to: snapshot).get().snapshot
            #expect(snapshot.state == state)
        }
    }

    @Test func reassigningChangesDepartmentAndCategoryAndEmitsReassigned() throws {
        let snapshot = CaseSnapshot(kind: .complaint, state: .accepted, department: .engineering, category: "water_leak")
        let transition = try CaseLifecycle.apply(.reassign(to: .environment, category: "odour", reason: "是异味"), to: snapshot).get()
        #expect(transition.snapshot.department == .environment)
        #expect(transition.snapshot.category == "odour")
        #expect(transition.snapshot.state == .received)
        #expect(transition.event == .reassigned)
    }

    @Test func reassigningToTheSameDepartmentIsRefused() {
        let snapshot = CaseSnapshot(kind: .repair, state: .dispatched, department: .engineering, category: "lift_fault")
        let result = CaseLifecycle.apply(.reassign(to: .engineering, category: nil, reason: "x"), to: snapshot)
        guard case .failure(let rejection) = result else {
            Issue.record("reassigning to the same department was accepted")
            return
        }
        #expect(rejection.reason == .sameDepartment)
    }

    @Test(arguments: [0, 6, -1, 100])
    func satisfactionOutsideOneToFiveIsRefused(_ score: Int) {
        let snapshot = CaseSnapshot(kind: .repair, state: .workOrderReturned, department: .engineering, category: "lamp")
        let result = CaseLifecycle.apply(.followUp(satisfaction: score, note: ""), to: snapshot)
        guard case .failure(let rejection) = result else {
            Issue.record("satisfaction \(score) was accepted")
            return
        }
        #expect(rejection.reason == .invalidField)
    }

    @Test func everyCommandNameRoundTrips() {
        for name in CaseAction.Name.allCases {
            #expect(sampleAction(name).name == name)
            #expect(sampleAction(name).rawName == name.rawValue)
            #expect(CaseAction.Name(rawValue: name.rawValue) == name)
        }
        #expect(CaseAction.allRawNames == CaseAction.Name.allCases.map(\.rawValue))
    }
}
