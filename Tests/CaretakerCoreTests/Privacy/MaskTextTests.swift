import CaretakerCore
import Testing

/// The free text an accused department receives: names and phone numbers masked, the rest as written.
@Suite struct MaskTextTests {
    static let resident = IntakeMessage.Resident(name: "王小明", phone: "13800001234", unit: "3-2-1201")

    @Test(arguments: [
        ("我的电话13800001234,请回电", "我的电话***********,请回电"),
        ("手机 138 1234 5678 随时打", "手机 *** **** **** 随时打"),
        ("打139-1234-5678找我", "打***-****-****找我"),
        ("+86 186 0000 1111", "+** *** **** ****"),
        ("+8618600001111", "+*************"),
        ("座机0755-88881234", "座机****-********"),
        ("(021)12345678 晚上打", "(***)******** 晚上打"),
        ("010 6512 3456", "*** **** ****"),
        ("住501 15912345678", "住501 ***********"),
        ("家里电话 8888 1234", "家里电话 **** ****"),
        ("call me on 13912345678", "call me on ***********"),
        ("联系１３８１２３４５６７８", "联系***********"),
    ])
    func phoneNumbersLoseEveryDigit(_ text: String, _ expected: String) {
        #expect(PersonalData.maskText(text, resident: nil) == expected)
    }

    @Test(arguments: [
        ("我是王小明,3栋2单元501", "我是***,3栋2单元501"),
        ("小明他爸说的", "**他爸说的"),
        ("维修的李师傅态度很差", "维修的*师傅态度很差"),
        ("张先生和陈女士都看到了", "*先生和*女士都看到了"),
        ("前台刘小姐挂了电话", "前台*小姐挂了电话"),
        ("找了赵经理和孙主任", "找了*经理和*主任"),
        ("欧阳经理不理人", "**经理不理人"),
        ("王先生的电话是13800001234", "*先生的电话是***********"),
        ("Mr Wang from the front desk", "Mr **** from the front desk"),
        ("Ms. Chen was rude", "Ms. **** was rude"),
    ])
    func namesAreMasked(_ text: String, _ expected: String) {
        #expect(PersonalData.maskText(text, resident: Self.resident) == expected)
    }

    @Test(arguments: [
        "2026-11-02 10:30 楼道灯不亮",
        "物业费多收了1200元,已经第3次了",
        "3栋2单元1201门口漏水",
        "工单号BX-20261102-000045一直没处理",
        "客服热线400-820-8888打不通",
        "保安师傅态度很差",
        "工程师傅说明天来",
        "门卫师傅不让进",
        "等了一小时师傅才来",
        "后来师傅也没说什么",
        "向经理反映过",
        "对方经理不理人",
        "总经理和项目经理都知道",
        "保洁阿姨很负责",
        "我先生下班回来才发现",
        "电话里说11月5号来修",
        "水压只有0.2 MPa,楼层18层",
        "The guardrail is loose on level 12",
    ])
    func textWithoutNamesOrPhonesIsLeftAsWritten(_ text: String) {
        #expect(PersonalData.maskText(text, resident: Self.resident) == text)
    }

    @Test func theResidentsOwnNumberIsMaskedWhateverItsShape() {
        let resident = IntakeMessage.Resident(name: "Li", phone: "8765-4321")
        #expect(PersonalData.maskText("打87654321就行", resident: resident) == "打********就行")
    }

    @Test func aResidentWithAnUncommonSurnameLosesItBeforeATitle() {
        let resident = IntakeMessage.Resident(name: "禤子涵")
        #expect(PersonalData.maskText("我是禤女士", resident: resident) == "我是*女士")
    }
}
