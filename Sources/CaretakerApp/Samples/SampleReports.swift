import CaretakerCore

/// A small set of realistic hotline reports for smoke tests, the demo and benchmarks.
///
/// Written here from residents' point of view; the names and phone numbers are made up.
public enum SampleReports {
    /// (kind, text, unit) triples; `make` turns them into intake messages.
    static let reports: [(IntakeMessage.Kind, String, String)] = [
        (.repair, "3号楼2单元电梯困人了！里面有个老人，快来人！", "3-2-1201"),
        (.repair, "厨房水管爆了，水喷得到处都是，总阀在哪里关？", "5-1-602"),
        (.repair, "我家卫生间水龙头一直滴水，麻烦师傅来看一下", "2-3-301"),
        (.repair, "楼道的声控灯坏了好几天了，晚上黑乎乎的", "7-1-楼道"),
        (.repair, "地下车库B2有很大的煤气味，是不是哪里漏气了", "车库B2"),
        (.repair, "整栋楼停电了，电梯也停了", "9栋"),
        (.repair, "不是漏水，是卫生间的排风扇坏了，一开就响", "1-2-1503"),
        (.repair, "楼顶防水层老化了，一下雨顶楼就渗水，需要整体翻新", "6栋顶层"),
        (.repair, "可視對講機冇聲，按了樓下開門都冇反應", "8-1-1102"),
        (.repair, "The bathroom sink in my flat is blocked, water drains very slowly.", "12-2-805"),
        (.repair, "新房交房才半年，客厅墙体出现好几条裂缝", "15-1-2201"),
        (.repair, "小区门口那棵大树的树枝快断了，下面经常有小孩玩", "南门"),
        (.complaint, "保安在岗亭里睡觉，外来人员随便进出，太不负责了", "4-1-901"),
        (.complaint, "楼上装修每天早上七点就开始打电钻，周末也不停", "10-2-502"),
        (.complaint, "我家楼下的垃圾桶三天没人清理了，臭得不行", "11-1-101"),
        (.complaint, "这已经是第三次反映了，楼道漏水一直没人管！", "3-1-701"),
        (.complaint, "前台客服态度很差，问个问题爱答不理的", "2-2-1002"),
        (.complaint, "物业费账单多收了我两个月的钱，要求核实退还", "6-2-1601"),
        (.complaint, "你们维修工把我家地板刮坏了，要求赔偿", "9-1-302"),
        (.complaint, "我要投诉管理处主任，答应的事情一拖再拖", "1-1-1801"),
        (.complaint, "物业把我的电话号码给了装修公司，天天骚扰我", "13-2-402"),
        (.complaint, "小区里老鼠越来越多，晚上在花坛里乱窜", "5-2-201"),
        (.complaint, "消防通道总被私家车占着，万一着火怎么办", "地面停车场"),
        (.complaint, "我的快递经常被放在门口丢失，已经丢了两个了", "7-2-1203"),
        (.complaint, "早高峰电梯要等很久，能不能想想办法", "14-1-2602"),
        (.complaint, "有人从楼上往下扔垃圾，差点砸到人", "8-2-楼下"),
        (.complaint, "高層住戶投訴：清潔阿姨從來不拖樓梯，灰塵很大", "16-1-2001"),
        (.complaint, "The guard at the north gate was rude to my elderly mother.", "12-1-303"),
        (.complaint, "狗狗不拴绳在小区里跑，把我孩子吓哭了", "4-2-102"),
        (.complaint, "报修了一个星期的空调到现在都没人来修", "10-1-1702"),
    ]

    /// How many distinct reports there are.
    public static var count: Int { reports.count }

    /// The `index`-th sample (cycling) as an intake message with the given id and time.
    public static func make(_ index: Int, messageID: String, receivedAt: RFC3339Timestamp) -> IntakeMessage {
        let (kind, text, unit) = reports[index % reports.count]
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"]
        let resident = IntakeMessage.Resident(
            name: surnames[index % surnames.count] + (index % 2 == 0 ? "先生" : "女士"),
            phone: "138" + String(10_000_000 + (index * 7_919) % 89_999_999), unit: unit)
        let channels: [IntakeMessage.Channel] = [.hotline, .hotline, .wechat, .app, .walkIn]
        return IntakeMessage(
            messageID: messageID, kind: kind, text: text, receivedAt: receivedAt,
            channel: channels[index % channels.count], estate: ["翠湖苑", "滨江名邸", "锦绣华庭"][index % 3],
            resident: resident, location: unit)
    }
}
