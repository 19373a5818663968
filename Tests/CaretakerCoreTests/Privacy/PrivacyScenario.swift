import CaretakerCore

/// One random complaint for the privacy property: whose staff it accuses (the ground truth, chosen
/// here and written into the text), the resident, and the text with the resident's name and phone
/// in one of the ways people write them.
struct PrivacyScenario {
    /// The audience whose staff the text complains about, or `nil` for a complaint about a thing.
    var accused: EventAudience?
    var kind: IntakeMessage.Kind
    var resident: IntakeMessage.Resident
    var text: String
    /// What must never reach the accused: the name, the given name, the phone's digits.
    var secrets: [String]

    static let roleWords: [EventAudience: [String]] = [
        .engineering: ["维修师傅", "电工", "水电工", "技术员", "修理工", "the technician", "the plumber"],
        .security: ["保安", "门卫", "保安队长", "巡逻员", "the guard", "the security guard"],
        .environment: ["保洁员", "保洁阿姨", "清洁工", "园丁", "绿化工", "the cleaner", "the gardener"],
        .customerService: ["前台", "管家", "接待员", "客服人员", "the receptionist", "the front desk"],
        .management: ["管理处主任", "物业经理", "项目经理", "the director", "the manager"],
    ]
    static let conduct = ["态度很差", "骂了我", "一直不理我", "收了钱不办事", "把我的投诉说出去了"]
    static let englishConduct = ["was rude to me", "ignored me", "shouted at my kids"]
    static let things = ["楼道灯坏了三天", "电梯又停了", "垃圾桶满了没人倒", "楼上漏水到我家", "物业费多收了", "小区里狗太多"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰")

    static func random(using generator: inout SplitMix64) -> PrivacyScenario {
        let surname = surnames.randomElement(using: &generator)!
        let given = String((0..<Int.random(in: 1...2, using: &generator)).map { _ in givenNames.randomElement(using: &generator)! })
        let name = String(surname) + given
        let prefix = ["13", "15", "17", "18", "19"].randomElement(using: &generator)!
        let phone = prefix + String((0..<9).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        let accused = Bool.random(using: &generator) || Bool.random(using: &generator)
            ? roleWords.keys.sorted().randomElement(using: &generator) : nil
        var parts: [String] = []
        if let accused {
            let role = roleWords[accused]!.randomElement(using: &generator)!
            let english = role.first!.isASCII
            let doing = (english ? englishConduct : conduct).randomElement(using: &generator)!
            parts.append(role + (english ? " " : "") + doing)
        } else {
            parts.append(things.randomElement(using: &generator)!)
        }
        let introductions = ["我是\(name)", "我叫\(name)", "业主\(name)", "\(surname)先生", "\(surname)女士", "I am \(name)"]
        let phones = [
            "电话\(phone)", "手机 \(spaced(phone, [3, 4, 4], " "))", "联系\(spaced(phone, [3, 4, 4], "-"))",
            "+86 \(phone)", "号码是\(phone)", "call \(phone)",
        ]
        if Bool.random(using: &generator) { parts.append(introductions.randomElement(using: &generator)!) }
        if Bool.random(using: &generator) { parts.append(phones.randomElement(using: &generator)!) }
        parts.shuffle(using: &generator)
        let text = parts.joined(separator: ["，", ",", " ", "。"].randomElement(using: &generator)!)
        let kind: IntakeMessage.Kind = Int.random(in: 0..<10, using: &generator) == 0 ? .repair : .complaint
        var secrets = [name, phone]
        if given.count >= 2 { secrets.append(given) }
        return PrivacyScenario(
            accused: kind == .complaint ? accused : nil, kind: kind,
            resident: .init(name: name, phone: phone, unit: "3-2-1201"), text: text, secrets: secrets)
    }

    private static func spaced(_ digits: String, _ sizes: [Int], _ separator: String) -> String {
        var rest = Substring(digits)
        var groups: [Substring] = []
        for size in sizes {
            groups.append(rest.prefix(size))
            rest = rest.dropFirst(size)
        }
        return groups.joined(separator: separator)
    }
}
