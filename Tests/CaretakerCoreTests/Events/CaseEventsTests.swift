import CaretakerCore
import Testing

/// A record as the worker would build it; tests change what they need.
func sampleRecord(
    kind: IntakeMessage.Kind = .complaint, department: Department = .security,
    severity: ComplaintSeverity? = .important, notify: [Audience] = [], accused: [EventAudience] = []
) -> CaseRecord {
    let received = RFC3339Timestamp("2026-11-02T23:30:00+08:00")!
    let report = IntakeMessage(
        messageID: "hotline-42", kind: kind, text: "保安对我态度很差", receivedAt: received, channel: .hotline,
        estate: "翠湖苑", resident: .init(name: "王小明", phone: "13800001234", unit: "3-2-1201"),
        location: "北门岗亭")
    return CaseRecord(
        caseID: "6f1c0a4e-0000-4000-8000-000000000001", caseNumber: "TS-20261102-000001",
        correlationID: "hotline-42", kind: kind, state: CaseState.initial(for: kind), department: department,
        category: "guard_conduct", secondaryCategories: [], severity: kind == .complaint ? severity : nil,
        priority: kind == .repair ? .general : nil, responsibility: kind == .repair ? .free : nil,
        notify: notify, needsTriage: false, rulesVersion: "2026.1", accused: accused,
        escalationLevel: 0, postponements: 0, reopenings: 0, report: report)
}

private func counter() -> () -> String {
    var next = 0
    return {
        next += 1
        return "event-\(next)"
    }
}

@Suite struct CaseEventsTests {
    @Test func aCaseIsAnnouncedToItsDepartmentCustomerServiceAndEveryNotifiedAudience() {
        let record = sampleRecord(severity: .major, notify: [.management, .leadership])
        let events = CaseEvents.created(record, at: record.report.receivedAt, makeID: counter())
        #expect(events.map(\.routingKey) == [
            "security.case.created", "customer_service.case.created",
            "management.case.created", "leadership.case.created", "quality.case.created",
        ])
        #expect(Set(events.map(\.eventID)).count == 5)
        for event in events {
            #expect(event.payload["case_number"] == .string("TS-20261102-000001"))
            #expect(event.payload["correlation_id"] == .string("hotline-42"))
            #expect(event.payload["severity"] == .string("major"))
            #expect(event.payload["priority"] == nil)
            #expect(event.payload["event_id"] == .string(event.eventID))
            #expect(event.payload["audience"] == .string(event.audience.rawValue))
        }
    }

    @Test func aCustomerServiceCaseIsAnnouncedOnce() {
        let record = sampleRecord(department: .customerService)
        let events = CaseEvents.created(record, at: record.report.receivedAt, makeID: counter())
        #expect(events.map(\.routingKey) == ["customer_service.case.created"])
    }

    @Test func theContactIsWithheldFromTheDepartmentWhoseStaffIsComplainedAbout() {
        let record = sampleRecord(accused: [.security])
        let events = CaseEvents.created(record, at: record.report.receivedAt, makeID: counter())
        let security = events.first { $0.audience == .security }!
        let customerService = events.first { $0.audience == .customerService }!
        #expect(security.payload["contact"] == .null)
        #expect(security.payload["contact_withheld"] == .bool(true))
        #expect(!security.payload.serialized.contains("13800001234"))
        #expect(!security.payload.serialized.contains("王小明"))
        #expect(customerService.payload["contact"]?["phone"] == .string("13800001234"))
        #expect(customerService.payload["contact_withheld"] == .bool(false))
    }

    @Test func aReassignmentIsAnnouncedToTheOldDepartmentToo() throws {
        var record = sampleRecord(department: .engineering)
        let transition = try CaseLifecycle.apply(
            .reassign(to: .environment, category: "odour", reason: "是异味"), to: record.snapshot).get()
        record.snapshot = transition.snapshot
        let events = CaseEvents.transition(
            transition, record: record, previousDepartment: .engineering,
            actor: CaseActor(id: "e-7", name: "李工", role: "supervisor", audience: .engineering),
            details: [("reason", .string("是异味"))], at: record.report.receivedAt, makeID: counter())
        #expect(events.map(\.routingKey) == [
            "engineering.case.reassigned", "environment.case.reassigned", "customer_service.case.reassigned",
        ])
        #expect(events[0].payload["department"] == .string("environment"))
        #expect(events[0].payload["change"]?["from_department"] == .string("engineering"))
        #expect(events[0].payload["change"]?["actor"]?["id"] == .string("e-7"))
        // The department the case left no longer handles it: it loses the contact.
        #expect(events[0].payload["contact"] == .null)
        #expect(events[1].payload["contact"]?["phone"] == .string("13800001234"))
    }

    @Test func aComplaintAboutAGuardReassignedAwayFromSecurityNeverSendsSecurityTheContact() throws {
        var record = sampleRecord(department: .security, accused: [.security])
        record.report.text = "保安张师傅骂我,我是王小明,电话138 0000 1234"
        let action = CaseAction.reassign(to: .customerService, category: "staff_conduct", reason: "是服务态度")
        let transition = try CaseLifecycle.apply(action, to: record.snapshot).get()
        let after = record.applying(transition, of: action, accusedStaff: AccusedStaff())
        #expect(after.accused == [.security])
        let events = CaseEvents.transition(
            transition, record: after, previousDepartment: .security,
            actor: CaseActor(id: "s-1", audience: .security), details: [], at: record.report.receivedAt, makeID: counter())
        let security = try #require(events.first { $0.audience == .security })
        #expect(security.payload["contact"] == .null)
        #expect(security.payload["text"] == .string("保安*师傅骂我,我是***,电话*** **** ****"))
        // Later events follow the case to customer service; security is no longer an audience.
        let reply = CaseAction.reply(note: "已联系")
        let replied = try CaseLifecycle.apply(reply, to: after.snapshot).get()
        let later = CaseEvents.transition(
            replied, record: after.applying(replied, of: reply, accusedStaff: AccusedStaff()),
            previousDepartment: .customerService, actor: CaseActor(id: "c-1", audience: .customerService),
            details: [], at: record.report.receivedAt, makeID: counter())
        #expect(later.map(\.audience) == [.customerService])
        #expect(later[0].payload["contact"]?["name"] == .string("王小明"))
    }

    @Test func aRefusalGoesOnlyToTheActorsConsoleWithTheReason() {
        let record = sampleRecord()
        let event = CaseEvents.rejected(
            commandID: "cmd-9", command: "postpone", record: record, audience: .security,
            reason: "postpone_limit_reached", field: nil, message: "already postponed twice",
            at: record.report.receivedAt, makeID: counter())
        #expect(event.routingKey == "security.command.rejected")
        #expect(event.payload["rejection"]?["reason"] == .string("postpone_limit_reached"))
        #expect(event.payload["rejection"]?["resend"] == .string(CaseEvents.resendAdvice))
        #expect(event.payload["case_number"] == .string("TS-20261102-000001"))
        #expect(event.payload["text"] == nil)
    }

    @Test(arguments: [
        ("2026-11-02T23:30:00+08:00", IntakeMessage.Kind.complaint, Int64(1), "TS-20261102-000001"),
        ("2026-11-02T23:30:00Z", .repair, 45, "BX-20261102-000045"),
        ("2026-11-02T16:30:00Z", .repair, 7, "BX-20261102-000007"),
        ("2026-12-31T16:30:00Z", .complaint, 1_234_567, "TS-20261231-1234567"),
        ("2026-12-31T23:59:59+08:00", .complaint, 12, "TS-20261231-000012"),
        ("2027-01-01T00:00:00+08:00", .repair, 999_999, "BX-20270101-999999"),
    ])
    func caseNumbersCarryKindLocalDateAndSerial(_ received: String, _ kind: IntakeMessage.Kind, _ serial: Int64, _ expected: String) {
        let number = CaseNumber.make(kind: kind, receivedAt: RFC3339Timestamp(received)!, serial: serial)
        #expect(number == expected)
    }

    @Test(arguments: [
        ("13800001234", "138****1234"), ("+8613800001234", "+86*******1234"), ("12345", "*****"), ("", "****"),
    ])
    func phonesAreMaskedToTheirEnds(_ phone: String, _ masked: String) {
        #expect(PersonalData.maskPhone(phone) == masked)
    }

    @Test(arguments: [("王小明", "王**"), ("李", "李*"), ("John", "J***")])
    func namesKeepTheirFirstCharacter(_ name: String, _ masked: String) {
        #expect(PersonalData.maskName(name) == masked)
    }
}
