/// Finds phone numbers in free text and replaces their digits with `*` (see
/// `PersonalData.maskText`).
enum PhoneNumberMask {
    /// One run of digits in the text.
    private struct Group {
        var digits: String
        var range: Range<Int>
    }

    /// Words that make a following 7–8 digit number a phone number.
    private static let cues = ["电话", "手机", "号码", "座机", "联系", "致电", "拨打", "打给", "tel", "phone", "call", "mobile"]

    static func apply(to text: inout [Character], residentPhone: String?) {
        let own = residentPhone.map { String($0.filter { digit($0) != nil }) }.flatMap { $0.count >= 5 ? $0 : nil }
        var index = 0
        while index < text.count {
            guard digit(text[index]) != nil else {
                index += 1
                continue
            }
            let groups = span(from: index, in: text)
            maskPhones(in: groups, of: &text, own: own)
            index = groups.last!.range.upperBound
        }
    }

    /// The digit groups of one span: digits joined by single separators (space, hyphen,
    /// parentheses), starting at `start`.
    private static func span(from start: Int, in text: [Character]) -> [Group] {
        var groups: [Group] = []
        var index = start
        while true {
            var digits = ""
            let first = index
            while index < text.count, let value = digit(text[index]) {
                digits.append(value)
                index += 1
            }
            groups.append(Group(digits: digits, range: first..<index))
            var next = index
            var separators = 0
            while next < text.count, separators < 2, isSeparator(text[next]) {
                next += 1
                separators += 1
            }
            guard separators > 0, next < text.count, digit(text[next]) != nil else { return groups }
            index = next
        }
    }

    /// Masks the longest phone number starting at each group, left to right.
    private static func maskPhones(in groups: [Group], of text: inout [Character], own: String?) {
        var first = 0
        while first < groups.count {
            var matched: Int?
            for last in stride(from: min(first + 4, groups.count - 1), through: first, by: -1) {
                let part = groups[first...last]
                let shaped = part.enumerated().allSatisfy { offset, group in
                    group.digits.count >= 3 || (offset == 0 && group.digits == "86")
                }
                let digits = part.map(\.digits).joined()
                let isOwn = own.map { digits == $0 } ?? false
                if isOwn || (shaped && isPhone(digits, cued: cued(before: part.first!.range.lowerBound, in: text))) {
                    matched = last
                    break
                }
            }
            guard let last = matched else {
                first += 1
                continue
            }
            for group in groups[first...last] {
                for position in group.range { text[position] = "*" }
            }
            first = last + 1
        }
    }

    /// Whether `digits` is a mobile number, a landline with area code, or (after a phone word)
    /// a local number.
    private static func isPhone(_ digits: String, cued: Bool) -> Bool {
        let value = Array(digits)
        func mobile(_ rest: ArraySlice<Character>) -> Bool {
            rest.count == 11 && rest.first == "1" && ("3"..."9").contains(rest[rest.startIndex + 1])
        }
        if mobile(value[...]) { return true }
        if value.starts(with: ["8", "6"]), mobile(value.dropFirst(2)) { return true }
        if value.starts(with: ["0", "0", "8", "6"]), mobile(value.dropFirst(4)) { return true }
        if value.first == "0", value.count >= 10, value.count <= 12, value[1] != "0" { return true }
        if cued, value.count == 7 || value.count == 8, let lead = value.first, ("2"..."9").contains(lead) {
            return !(value.starts(with: ["4", "0", "0"]) || value.starts(with: ["8", "0", "0"]))
        }
        return false
    }

    /// Whether a phone word ends within a few characters before `position`.
    private static func cued(before position: Int, in text: [Character]) -> Bool {
        let window = String(text[max(0, position - 8)..<position]).lowercased()
        return cues.contains { window.contains($0) }
    }

    /// The ASCII digit of an ASCII or full-width digit character.
    static func digit(_ character: Character) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return character
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        default: return nil
        }
    }

    private static func isSeparator(_ character: Character) -> Bool {
        [" ", "-", "(", ")", "（", "）", "－", "\u{3000}", "."].contains(character)
    }
}
