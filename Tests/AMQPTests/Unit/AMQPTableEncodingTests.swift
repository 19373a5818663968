@testable import AMQP
import Foundation
import Testing

@Suite struct AMQPTableEncodingTests {
    static let everyKind: AMQPTable = [
        "bool": true, "i8": .int8(-8), "u8": .uint8(8), "i16": .int16(-16), "u16": .uint16(16),
        "i32": .int32(-32), "u32": .uint32(32), "i64": .int64(-64), "u64": .uint64(.max),
        "f32": .float(1.5), "f64": .double(-2.25), "decimal": .decimal(scale: 2, value: 12345),
        "string": "grüße", "bytes": .bytes([0, 255, 7]), "timestamp": .timestamp(1_700_000_000),
        "void": .void, "empty-array": .array([]), "empty-table": .table([:]),
        "array": .array([1, "two", .array([false])]),
        "table": .table(["x-queue-type": "quorum", "nested": .table(["deep": .int32(3)])]),
    ]

    @Test func everyKindSurvivesTheCRoundTrip() {
        let arena = CArena()
        let decoded = CDecoding.table(arena.table(Self.everyKind))
        #expect(decoded == Self.everyKind)
        #expect(decoded.entries.map(\.key) == Self.everyKind.entries.map(\.key))
    }

    @Test func invalidUTF8StringsComeBackAsBytes() {
        let arena = CArena()
        var field = arena.fieldValue(.bytes([0xff, 0xfe]))
        field.kind = UInt8(ascii: "S")
        #expect(CDecoding.fieldValue(field) == .bytes([0xff, 0xfe]))
    }

    @Test func propertiesSurviveTheCRoundTrip() {
        let properties = AMQPMessageProperties(
            contentType: "application/json", contentEncoding: "identity", headers: ["x-reason": "bad json"],
            deliveryMode: .persistent, priority: 3, correlationID: "c-1", replyTo: "replies", expiration: "60000",
            messageID: "m-1", timestamp: Date(timeIntervalSince1970: 1_700_000_000), type: "complaint",
            userID: "guest", appID: "caretaker")
        let arena = CArena()
        #expect(CDecoding.properties(arena.properties(properties)) == properties)
        #expect(CDecoding.properties(arena.properties(AMQPMessageProperties())) == AMQPMessageProperties())
    }

    @Test func tableEditingKeepsOrderAndReplacesInPlace() {
        var table: AMQPTable = ["a": 1, "b": 2]
        table["a"] = "one"
        table["c"] = 3
        table["b"] = nil
        #expect(table.entries.map(\.key) == ["a", "c"])
        #expect(table["a"] == "one")
        #expect(!table.description.contains("one"))
    }
}
