/// Formats and parses one-dimensional PostgreSQL array literals such as `{a,"b c",NULL}`.
enum PostgresArrayLiteral {
    /// Quotes every element (escaping `"` and `\`); nil elements become `NULL`.
    static func format(_ elements: [String?]) throws -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            if element.utf8.contains(0) { throw PostgresError.encoding("array element contains a NUL character") }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// Splits an array's text form into elements; unquoted `NULL` becomes nil.
    static func parse(_ text: String) throws -> [String?] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "{", scalars.last == "}" else {
            throw PostgresDecodingFailure(reason: "not a one-dimensional array literal")
        }
        var elements: [String?] = []
        var index = 1
        let end = scalars.count - 1
        if index == end { return [] }
        while index <= end {
            var element = String.UnicodeScalarView()
            var quoted = false
            if scalars[index] == "\"" {
                quoted = true
                index += 1
                while index < end, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { break }
                    element.append(scalars[index])
                    index += 1
                }
                guard index < end else { throw PostgresDecodingFailure(reason: "unterminated quoted array element") }
                index += 1
            } else {
                while index < end, scalars[index] != "," {
                    if scalars[index] == "{" { throw PostgresDecodingFailure(reason: "multi-dimensional arrays are not supported") }
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { break }
                    element.append(scalars[index])
                    index += 1
                }
            }
            let value = String(element)
            elements.append(!quoted && value.uppercased() == "NULL" ? nil : value)
            guard index == end || scalars[index] == "," else {
                throw PostgresDecodingFailure(reason: "malformed array literal")
            }
            index += 1
        }
        return elements
    }
}
