/// Common Chinese family names, for masking 姓 + title in free text.
///
/// The most common ~150 single-character surnames, minus those that mostly end an everyday word
/// before a title word (安 in 保安师傅, 卫 in 门卫师傅, 时 in 一小时师傅才来, 来 in 后来师傅, 向 in 向经理反映,
/// 管 in 主管经理, 房 in 机房师傅, 车 in 开车师傅, 连 in 连师傅都, 位 in 这位先生, 全, 成, 单).
enum ChineseSurnames {
    /// Single-character surnames.
    static let single: Set<Character> = Set("""
        王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢\
        姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪\
        翟颜倪严牛温季俞章鲁葛伍申尤毕聂焦柳邢岳齐梅莫庄辛祝左涂谷祁舒耿詹关苗凌费纪靳盛童欧甄项曲游裴席屈鲍\
        霍翁隋甘景包司柏宁柯阮桂闵解强柴华冉边吉饶刁瞿戚丘古米池滕晋苑邬臧宫苟褚廉简娄符奚穆党燕郎冀谈姬屠郁\
        佟晏
        """)

    /// Two-character surnames.
    static let compound: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯",
    ]
}
