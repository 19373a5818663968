import CaretakerCore
import Testing

/// The developer's work-contact note (工作联系单): only for building-quality defects, and never
/// with the resident's contact.
@Suite struct DeveloperContactNoteTests {
    typealias F = SLAFixtures

    static func defect(_ responsibility: RepairResponsibility?) -> CaseRecord {
        var record = F.record(.repair, priority: .major)
        record.responsibility = responsibility
        record.report.text = "外墙渗水，住户李女士电话13900000000，交房一年"
        record.report.estate = "翠湖花园"
        record.report.location = "3号楼外墙"
        return record
    }

    @Test func aDeveloperDefectIsNotedWithItsPlaceAndNoContact() throws {
        let event = try #require(DeveloperContactNote.issued(for: Self.defect(.developer), at: F.time("2026-03-02T09:00:01"),
                                                             makeID: { "d-1" }))
        #expect(event.routingKey == "developer.contact_note.issued")
        #expect(event.payload["location"] == .string("3号楼外墙"))
        #expect(event.payload["case_number"] == .string("BX-20260302-000001"))
        let body = event.payload.serialized
        #expect(!body.contains("13900000000") && !body.contains("李女士") && !body.contains("3-2-1201"), "\(body)")
        if case .string(let text)? = event.payload["text"] {
            #expect(text.hasPrefix("工作联系单：报修编号BX-20260302-000001，翠湖花园 3号楼外墙"))
        } else {
            Issue.record("no text")
        }
    }

    @Test(arguments: [RepairResponsibility.free, .paid, .unknown])
    func otherRepairsGetNoNote(_ responsibility: RepairResponsibility) {
        #expect(DeveloperContactNote.issued(for: Self.defect(responsibility), at: F.time("2026-03-02T09:00:01"), makeID: { "d" }) == nil)
    }
}
