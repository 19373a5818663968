extension Migration {
    /// A long repair's written plan (维修方案, seed 003 五(二)3: what and by when), where it stands,
    /// and who of the engineering manager and the office director approved it (issue 12 item 4).
    /// The daily progress entries are steps (`progress`) like every other command.
    ///
    /// Cases recorded before have no plan: `plan_state` is `none`.
    static let majorWorks = Migration(version: 9, name: "major_works", sql: """
        ALTER TABLE cases
            ADD COLUMN plan_summary text,
            ADD COLUMN plan_expected_at timestamptz,
            ADD COLUMN plan_state text NOT NULL DEFAULT 'none' CHECK (plan_state IN ('none', 'proposed', 'approved')),
            ADD COLUMN plan_approvals text[] NOT NULL DEFAULT '{}'
                CHECK (plan_approvals <@ ARRAY['engineering_manager', 'director']::text[]);
        """)
}
