/// A realistic mix of intake messages (Simplified, Traditional/Cantonese, English; complaints and
/// repairs; short and long) as JSON lines, so decoding is measured too.
enum BenchmarkMessages {
    static let texts: [(kind: String, text: String)] = [
        ("repair", "3号楼2单元电梯困人了，里面有两个老人，快来！"),
        ("repair", "不是漏水,是排风扇坏了，麻烦师傅明天上午来看看"),
        ("complaint", "保安態度很差，我已經第三次反映了，要求賠償"),
        ("repair", "我家卫生间水龙头一直滴水，关不紧"),
        ("complaint", "楼道里的垃圾两天没人清了，臭味很大，蚊子苍蝇都有，保洁也不知道去哪了"),
        ("repair", "The lift in Block 5 has stopped between floors with my daughter inside. Please hurry!"),
        ("complaint", "物业费账单错了我来来回回跑了好几次，每次都说下月改，到现在还是错的。"),
        ("repair", "屋企廚房個水喉爆咗，水噴到成地都係，總掣熄唔到，快啲嚟！"),
        ("complaint", "小区车位太少了，晚上八点以后回来基本找不到位置，只能停到外面马路上，能不能想想办法？"),
        ("repair", "刚交房两个月，今天下大雨，客厅窗户边的墙往里灌水，地上已经积了一层水。"),
        ("complaint", "楼上装修天天早上七点就开始砸，我反映了好几次，你们物业就发个通知了事，现在墙上都震出裂缝了。"),
        ("complaint", "Someone at the front desk told a delivery driver my flat number and full name without asking me."),
        ("repair", "二次供水的水泵坏了一台，另一台在硬撑，维修师傅说要整台更换，得从厂家订。"),
        ("complaint", "建议开通线上缴费。"),
        ("repair", "有个插座没电了，麻烦来看一下。"),
        ("complaint", "我投訴鄰居噪音，點知管理處職員直接話俾佢知係我投訴，而家佢日日喺門口黑面，呢種做法完全冇保障業主私隱，我要求管理處主任親自處理並書面道歉。"),
    ]

    static let lines: [[UInt8]] = texts.enumerated().map { index, item in
        Array("""
            {"message_id":"bench-\(index)","kind":"\(item.kind)","text":"\(item.text)","received_at":"2026-03-02T09:15:00+08:00","channel":"hotline","estate":"翠苑","resident":{"name":"李","phone":"13900000000","unit":"3-2-1201"},"location":"3号楼","flags":[],"reported_times":1}
            """.utf8)
    }
}
