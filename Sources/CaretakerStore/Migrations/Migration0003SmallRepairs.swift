extension Migration {
    /// Repairs gain the `small` priority (小修 / 零修, seed 003 四(一)2: the urgent limit of 2 h,
    /// never more than 24 h), and every case records the triage model version beside the rules'.
    static let smallRepairs = Migration(version: 3, name: "small_repairs", sql: """
        ALTER TABLE cases DROP CONSTRAINT cases_priority_check;
        ALTER TABLE cases ADD CONSTRAINT cases_priority_check
            CHECK (priority IN ('urgent', 'small', 'general', 'major'));
        ALTER TABLE cases ADD COLUMN model_version text;
        """)
}
