extension PersonalData {
    /// `text` with phone numbers and names masked, for an audience that must not learn who
    /// complained.
    ///
    /// Every digit of a Chinese mobile number (with or without +86, in groups or not), a
    /// landline with its area code, a 7–8 digit local number after a phone word (电话, 手机,
    /// phone …) and the resident's own number becomes `*`; separators stay, so the text still
    /// reads. The resident's name (and, for a three-character Chinese name, the given name) and
    /// every 姓 + title (张师傅, 王先生, 李女士, 陈小姐, 刘经理 …) or Mr/Ms + name lose the name
    /// part. Dates, times, amounts, unit and case numbers, and 400/800 company hotlines stay.
    public static func maskText(_ text: String, resident: IntakeMessage.Resident?) -> String {
        var characters = Array(text)
        PhoneNumberMask.apply(to: &characters, residentPhone: resident?.phone)
        NameMask.apply(to: &characters, residentName: resident?.name)
        return String(characters)
    }
}
