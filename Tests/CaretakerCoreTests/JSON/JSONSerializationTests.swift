import CaretakerCore
import Testing

/// The bytes `serialized` gave before the Store's byte writer was folded into it; both old writers
/// agreed on every one of these, so any change here changes what reaches the database and the broker.
@Suite struct JSONSerializationTests {
    static let cases: [(JSONValue, String)] = [
        (.null, "null"),
        (.bool(true), "true"),
        (.string("say \"hi\" \\ back"), #""say \"hi\" \\ back""#),
        (.string("a\nb\rc\td"), #""a\nb\rc\td""#),
        (.string("\u{0}\u{1}\u{1F}\u{7F}"), "\"\\u0000\\u0001\\u001f\u{7F}\""),
        (.string("line\u{2028}para\u{2029}end"), #""line\u2028para\u2029end""#),
        (.string("王小明 é e\u{301} 🏠 ≠ ‧"), "\"王小明 é e\u{301} 🏠 ≠ ‧\""),
        (.number(0), "0"),
        (.number(-0.0), "0"),
        (.number(-42), "-42"),
        (.number(8_999_999_999_999_999), "8999999999999999"),
        (.number(9.0e15), "9000000000000000.0"),
        (.number(1e20), "1e+20"),
        (.number(1.5), "1.5"),
        (.number(0.1), "0.1"),
        (.number(1e-7), "1e-07"),
        (.number(.nan), "null"),
        (.number(-.infinity), "null"),
        (.array([]), "[]"),
        (.object([]), "{}"),
        (
            .object([
                ("k\"ey", .array([.number(1), .null, .bool(false), .object([("", .string(""))])])),
                ("楼栋", .string("3-2-1201")),
            ]),
            #"{"k\"ey":[1,null,false,{"":""}],"楼栋":"3-2-1201"}"#
        ),
    ]

    @Test(arguments: cases)
    func writesTheSameBytesAsBefore(value: JSONValue, expected: String) {
        #expect(value.serialized == expected)
        #expect(value.serializedUTF8 == Array(expected.utf8))
    }
}
