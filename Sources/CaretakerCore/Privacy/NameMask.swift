/// Finds names in free text and replaces them with `*` (see `PersonalData.maskText`).
enum NameMask {
    /// Words that follow a family name when people are named by it (张师傅, 王先生 …).
    static let titles: [String] = [
        "师傅", "先生", "女士", "小姐", "经理", "主任", "阿姨", "队长", "老师", "太太", "大姐", "大哥", "姐", "哥",
    ]

    /// English titles before a name.
    static let englishTitles: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."]

    /// A family name preceded by one of these characters is part of a word, not a name:
    /// "工程师傅" is an engineering technician, not Mr 程; "对方经理" is the other side's manager.
    static let wordsEndingInASurname: Set<String> = [
        "工程", "过程", "进程", "流程", "课程", "全程", "日程", "行程", "规程", "路程", "对方", "东方", "西方", "南方",
        "北方", "地方", "双方", "物业", "大堂", "中华", "红包", "美容", "整容", "水电", "黄金", "现金", "押金", "资金",
    ]

    static func apply(to text: inout [Character], residentName: String?) {
        if let name = residentName?.trimmingWhitespace, name.count >= 2 {
            maskOccurrences(of: Array(name), in: &text)
            let parts = name.split(separator: " ").map(Array.init).filter { $0.count >= 2 }
            if parts.count > 1 { for part in parts { maskOccurrences(of: part, in: &text) } }
            let characters = Array(name)
            if characters.count >= 3, characters.allSatisfy(\.isHan) {
                maskOccurrences(of: Array(characters.dropFirst()), in: &text)
            }
        }
        maskTitledSurnames(in: &text, extraSurname: residentName?.trimmingWhitespace.first)
        maskEnglishTitledNames(in: &text)
    }

    private static func maskOccurrences(of name: [Character], in text: inout [Character]) {
        guard !name.isEmpty, name.count <= text.count else { return }
        var index = 0
        while index + name.count <= text.count {
            if text[index..<(index + name.count)].elementsEqual(name) {
                for position in index..<(index + name.count) { text[position] = "*" }
                index += name.count
            } else {
                index += 1
            }
        }
    }

    /// 姓 + title → `*` + title (compound surnames too: 欧阳经理 → `**经理`).
    private static func maskTitledSurnames(in text: inout [Character], extraSurname: Character?) {
        var index = 0
        while index < text.count {
            let length = surnameLength(at: index, in: text, extra: extraSurname)
            guard length > 0, startsWithTitle(at: index + length, in: text) else {
                index += 1
                continue
            }
            if index > 0, wordsEndingInASurname.contains(String([text[index - 1], text[index]])) {
                index += 1
                continue
            }
            for position in index..<(index + length) { text[position] = "*" }
            index += length
        }
    }

    private static func surnameLength(at index: Int, in text: [Character], extra: Character?) -> Int {
        if index + 1 < text.count, ChineseSurnames.compound.contains(String(text[index...(index + 1)])) { return 2 }
        if ChineseSurnames.single.contains(text[index]) { return 1 }
        if let extra, extra.isHan, text[index] == extra { return 1 }
        return 0
    }

    private static func startsWithTitle(at index: Int, in text: [Character]) -> Bool {
        titles.contains { title in
            let title = Array(title)
            return index + title.count <= text.count && text[index..<(index + title.count)].elementsEqual(title)
        }
    }

    /// "Mr Wang" / "Ms. Chen" → "Mr ****" / "Ms. ****".
    private static func maskEnglishTitledNames(in text: inout [Character]) {
        var index = 0
        while index < text.count {
            guard text[index].isLetter, index == 0 || !text[index - 1].isLetter else {
                index += 1
                continue
            }
            var end = index
            while end < text.count, text[end].isLetter || text[end] == "." { end += 1 }
            let word = String(text[index..<end]).lowercased()
            guard englishTitles.contains(word), end < text.count, text[end] == " " else {
                index = max(end, index + 1)
                continue
            }
            var nameEnd = end + 1
            while nameEnd < text.count, text[nameEnd].isLetter, !text[nameEnd].isHan { nameEnd += 1 }
            for position in (end + 1)..<nameEnd { text[position] = "*" }
            index = nameEnd
        }
    }
}

extension Character {
    /// Whether the character is a CJK unified ideograph (basic block or extension A).
    var isHan: Bool {
        guard let value = unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
