/// The words a complaint uses for the staff of each department or office (seed 001 一.2(4)).
///
/// `named` words point at one audience's staff wherever they appear ("维修师傅" is engineering's,
/// "保安" security's). `generic` words ("工作人员", "师傅", "staff") name a member of staff
/// without saying whose: they point at the department handling the case. Phrases are matched
/// after `TextNormaliser` folding, so Traditional spellings and upper-case English match too.
enum StaffRoles {
    /// Role words that name one audience's staff.
    static let named: [(audience: EventAudience, phrases: [String])] = [
        (.engineering, [
            "维修师傅", "维修工", "维修员", "维修人员", "修理工", "修理师傅", "工程师傅", "工程部的人", "工程部员工",
            "工程人员", "电工", "水电工", "技术员", "技工", "technician", "repairman", "repair man", "plumber",
            "electrician", "handyman", "maintenance man", "maintenance staff", "maintenance worker",
        ]),
        (.security, [
            "保安", "门卫", "门岗", "护卫员", "护管员", "巡逻员", "秩序维护员", "安保人员", "guard", "doorman",
            "security staff",
        ]),
        (.environment, [
            "保洁员", "保洁阿姨", "保洁人员", "保洁工", "清洁工", "清洁员", "清洁阿姨", "清洁人员", "扫地的",
            "绿化工", "绿化人员", "园丁", "花工", "cleaner", "cleaning lady", "cleaning staff", "janitor",
            "gardener", "groundskeeper",
        ]),
        (.customerService, [
            "前台", "客服人员", "客服小姐", "客服专员", "客服态度", "接待员", "管家", "receptionist", "front desk",
            "customer service staff", "customer service agent",
        ]),
        (.management, [
            "管理处主任", "主任", "项目经理", "物业经理", "经理", "管理处负责人", "director", "manager",
        ]),
    ]

    /// Words for a member of staff that do not say whose.
    static let generic: [String] = [
        "工作人员", "物业人员", "员工", "师傅", "保洁", "客服", "staff", "employee", "worker", "workers",
    ]

    /// One automaton over every phrase; match `i` belongs to `owners[i]` (`nil` for generic words).
    static let matcher: (matcher: PhraseMatcher, owners: [EventAudience?]) = {
        var phrases: [[UInt32]] = []
        var owners: [EventAudience?] = []
        for (audience, words) in named {
            for word in words {
                phrases.append(TextNormaliser.normalised(word).unicodeScalars.map(\.value))
                owners.append(audience)
            }
        }
        for word in generic {
            phrases.append(TextNormaliser.normalised(word).unicodeScalars.map(\.value))
            owners.append(nil)
        }
        return (PhraseMatcher(phrases: phrases), owners)
    }()
}
