@testable import CaretakerCore
import Testing

/// The generic field reader on its own: paths, each typed read, and the problem it reports
/// (before any domain words it), under each domain's conventions.
@Suite struct JSONFieldReaderTests {
    /// The two conventions a domain picks: the root's path, and whether blank strings are empty.
    protocol Conventions {
        static var rootPath: String { get }
        static var blankStringsAreEmpty: Bool { get }
    }

    /// A data file's: `$`, and a string of spaces is empty.
    enum InDataFile: Conventions {
        static var rootPath: String { "$" }
        static var blankStringsAreEmpty: Bool { true }
    }

    /// An inbound message's: an empty root, and only `""` is empty.
    enum InMessage: Conventions {
        static var rootPath: String { "" }
        static var blankStringsAreEmpty: Bool { false }
    }

    /// A failure that keeps what the reader found, unworded.
    struct Recorded<Convention: Conventions>: JSONFieldFailure, Equatable {
        static var rootPath: String { Convention.rootPath }
        static var blankStringsAreEmpty: Bool { Convention.blankStringsAreEmpty }
        var path: String
        var problem: JSONFieldProblem
        init(at path: String, _ problem: JSONFieldProblem) {
            self.path = path
            self.problem = problem
        }
    }

    typealias Found = Recorded<InDataFile>
    typealias FoundInMessage = Recorded<InMessage>

    enum Letter: String, CaseIterable { case a, b }

    static func document(_ text: String) -> JSONValue {
        try! JSONParser.parse(Array(text.utf8))
    }

    static func reader(_ text: String) -> JSONFieldReader<Found> {
        JSONFieldReader(document(text))
    }

    static func failure(_ read: () throws(Found) -> Void) -> Found? {
        do {
            try read()
            return nil
        } catch {
            return error
        }
    }

    @Test func pathsNameEveryStepDown() throws {
        let top = Self.reader(#"{"situations": [{"id": "a"}, {"id": "b", "all_of": [["x"], ["y", 3]]}]}"#)
        let situation = try top.items("situations")[1]
        #expect(situation.path == "situations[1]")
        let group = try situation.items("all_of")[1]
        #expect(group.path == "situations[1].all_of[1]")
        #expect(Self.failure { () throws(Found) in _ = try group.items()[1].string() }
            == Found(at: "situations[1].all_of[1][1]", .wrongType(expected: .string, found: "number")))
        #expect(Self.failure { () throws(Found) in _ = try situation.string("note") } == Found(at: "situations[1].note", .missing))
    }

    @Test func membersAndTheRootFollowTheFailureType() throws {
        let flags = try Self.reader(#"{"notify": {"flags": {"elderly": "major"}}}"#).object("notify").members("flags")
        #expect(flags.map(\.value.path) == ["notify.flags.elderly"])
        #expect(Self.failure { () throws(Found) in _ = try Self.reader("[1]").object() }
            == Found(at: "$", .wrongType(expected: .object, found: "array")))
        let message = JSONFieldReader<FoundInMessage>(Self.document(#"{"resident": {"name": 7}}"#))
        #expect(message.path == "")
        #expect(throws: FoundInMessage(at: "resident.name", .wrongType(expected: .string, found: "number"))) {
            _ = try message.object("resident").string("name")
        }
    }

    /// One read of the member `v` of `{"v": json}`, and the problem it must report (`nil`: none).
    struct Case: Sendable, CustomTestStringConvertible {
        var json: String
        var read: @Sendable (JSONFieldReader<Found>) throws(Found) -> Void
        var problem: JSONFieldProblem?
        var testDescription: String { json }
    }

    static let cases: [Case] = [
        Case(json: #""text""#, read: { r throws(Found) in #expect(try r.string("v") == "text") }, problem: nil),
        Case(json: "3", read: { r throws(Found) in _ = try r.string("v") }, problem: .wrongType(expected: .string, found: "number")),
        Case(json: #""  ""#, read: { r throws(Found) in _ = try r.string("v") }, problem: .empty),
        Case(json: #""abc""#, read: { r throws(Found) in _ = try r.string("v", maxLength: 2) }, problem: .tooLong(maximum: 2, length: 3)),
        Case(json: "5", read: { r throws(Found) in #expect(try r.number("v", range: 0...10) == 5) }, problem: nil),
        Case(json: "11", read: { r throws(Found) in _ = try r.number("v", range: 0...10) }, problem: .outOfRange(0...10)),
        Case(json: "null", read: { r throws(Found) in _ = try r.number("v", range: 0...10) }, problem: .wrongType(expected: .number, found: "null")),
        Case(json: "3", read: { r throws(Found) in #expect(try r.integer("v", range: 1...5) == 3) }, problem: nil),
        Case(json: "2.5", read: { r throws(Found) in _ = try r.integer("v", range: 1...5) }, problem: .notInteger(in: 1...5, value: 2.5)),
        Case(json: "9", read: { r throws(Found) in _ = try r.integer("v", range: 1...5) }, problem: .notInteger(in: 1...5, value: 9)),
        Case(json: "true", read: { r throws(Found) in _ = try r.integer("v", range: 1...5) }, problem: .wrongType(expected: .integer, found: "boolean")),
        Case(json: "false", read: { r throws(Found) in #expect(try r.bool("v", default: true) == false) }, problem: nil),
        Case(json: #""yes""#, read: { r throws(Found) in _ = try r.bool("v", default: true) }, problem: .wrongType(expected: .bool, found: "string")),
        Case(json: #""2026-03-02T09:15:00+08:00""#, read: { r throws(Found) in
            #expect(try r.timestamp("v") == RFC3339Timestamp("2026-03-02T09:15:00+08:00"))
        }, problem: nil),
        Case(json: #""2026-03-02""#, read: { r throws(Found) in _ = try r.timestamp("v") }, problem: .invalidTimestamp),
        Case(json: #""b""#, read: { r throws(Found) in #expect(try r.enumeration("v") == Letter.b) }, problem: nil),
        Case(json: #""z""#, read: { r throws(Found) in let _: Letter? = try r.enumeration("v") }, problem: .unknownValue("z", allowed: ["a", "b"])),
        Case(json: #"" ""#, read: { r throws(Found) in let _: Letter? = try r.enumeration("v") }, problem: .empty),
        Case(json: #"["a", "b"]"#, read: { r throws(Found) in #expect(try r.strings("v") == ["a", "b"]) }, problem: nil),
        Case(json: "[]", read: { r throws(Found) in _ = try r.items("v") }, problem: .empty),
        Case(json: "[]", read: { r throws(Found) in #expect(try r.items("v", nonEmpty: false).isEmpty) }, problem: nil),
        Case(json: "{}", read: { r throws(Found) in _ = try r.items("v") }, problem: .wrongType(expected: .array, found: "object")),
        Case(json: "1", read: { r throws(Found) in _ = try r.string("w") }, problem: .missing),
        Case(json: "1", read: { r throws(Found) in #expect(try r.string("w", required: false) == nil) }, problem: nil),
        Case(json: "1", read: { r throws(Found) in #expect(try r.number("w", range: 0...1, default: 0.5) == 0.5) }, problem: nil),
        Case(json: "1", read: { r throws(Found) in _ = try r.object(allowedKeys: ["w"]) }, problem: .unknownKey(allowed: ["w"])),
    ]

    @Test(arguments: cases)
    func typedReads(_ example: Case) {
        let found = Self.failure { () throws(Found) in try example.read(Self.reader(#"{"v": \#(example.json)}"#)) }
        #expect(found?.problem == example.problem)
        if let found, example.problem != .missing, example.problem != .unknownKey(allowed: ["w"]) {
            #expect(found.path == "v")
        }
    }

    @Test func inMessagesOnlyTheEmptyStringIsEmpty() throws {
        let message = JSONFieldReader<FoundInMessage>(Self.document(#"{"a": "  ", "b": "", "c": ""}"#))
        #expect(try message.string("a") == "  ")
        #expect(throws: FoundInMessage(at: "b", .empty)) { _ = try message.string("b") }
        #expect(throws: FoundInMessage(at: "c", .unknownValue("", allowed: ["a", "b"]))) {
            let _: Letter? = try message.enumeration("c")
        }
    }

    @Test func dataFilesWordARangeAndAWholeNumberApart() {
        #expect(DataFileError(at: "level", .notInteger(in: 1...3, value: 2.5)).message == "must be a whole number")
        #expect(DataFileError(at: "level", .notInteger(in: 1...3, value: 5)).message == "must be between 1.0 and 3.0")
        #expect(DataFileError(at: "level", .wrongType(expected: .integer, found: "string")).message == "must be a number, not string")
        #expect(ContractError(at: "times", .notInteger(in: 1...3, value: 5)).message == "must be an integer from 1 to 3")
        #expect(ContractError(at: "kind", .unknownValue("secret", allowed: ["a"])).message == "must be one of: a")
    }
}
