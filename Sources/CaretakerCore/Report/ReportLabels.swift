/// Chinese labels with English for the report's keys, so a supervisor reads 工程部 where the
/// data says `engineering`.
public enum ReportLabels {
    static let names: [String: String] = [
        "all": "全部 All",
        "engineering": "工程部 Engineering", "security": "护管部 Security", "environment": "环境部 Environment",
        "customer_service": "客服部 Customer service",
        "complaint": "投诉 Complaint", "repair": "报修 Repair",
        "minor": "轻微 Minor", "important": "重要 Important", "major": "重大 Major",
        "urgent": "急修 Urgent", "small": "小修 Small", "general": "一般 General",
        "cases": "案件 Cases",
        "complaint_first_reply": "投诉首次答复 First reply",
        "repair_accept": "报修接单 Accept", "repair_on_site": "到场 On site",
        "urgent_repair_completion": "急修与小修完成 Urgent / small completion",
        "general_repair_completion": "一般维修完成 General completion",
        "major_repair_eta": "重大维修告知 Major ETA", "work_order_return": "工单返回 Work order return",
        "follow_up_visit": "回访 Follow-up", "long_repair_plan": "长期维修计划 Long repair plan",
        "promised_feedback": "承诺反馈 Promised feedback",
        "complaint_initial_feedback": "投诉初步反馈 Initial feedback", "complaint_result": "投诉处理结果 Result",
        "complaint_review": "复核 Review", "invalid_complaint_explanation": "无效投诉解释 Invalid explained",
        "complaint_unresolved_month": "逾月未决 Unresolved a month",
        "manager_complaint_close": "经理结案 Manager close",
        "complaint_follow_up_visit": "投诉回访 Complaint follow-up", "paid_repair_dispute_review": "有偿维修争议复核 Dispute review",
        "valid_complaint_analysis": "有效投诉原因分析 Cause analysis", "other_body_contact": "外单位联系 Other body contact",
        "corrective_action_verification": "纠正措施验证 Correction verified",
        "water_company": "自来水公司 Water company", "power_bureau": "供电局 Power bureau", "gas_company": "燃气公司 Gas company",
        "developer": "开发商 Developer", "municipal": "市政 Municipal",
        "first_response": "首次响应 First response", "on_site": "到场 On site", "completion": "完成 Completion",
    ]

    /// The bilingual label of `key`, or `key` itself when there is none (e.g. a category).
    public static func label(_ key: String) -> String { names[key] ?? key }

    /// `"12.5%"`, or `"-"` when there is nothing to divide.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return "\(ReportMath.rounded(value, places: 1))%"
    }

    /// A duration as `45m`, `3h05m` or `2d04h`; `-` for none.
    public static func duration(_ seconds: Int?) -> String {
        guard let seconds else { return "-" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 1_440 { return "\(minutes / 60)h\(pad(minutes % 60))m" }
        return "\(minutes / 1_440)d\(pad((minutes % 1_440) / 60))h"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
