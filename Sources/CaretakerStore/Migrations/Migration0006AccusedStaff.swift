extension Migration {
    /// Every case records the audiences whose own staff the complaint is about (`accused`),
    /// which never receive the contact, whatever department the case moves to.
    ///
    /// Cases recorded before kept only `about_own_staff`, which meant "the department the case
    /// was routed to": that department becomes their accused audience. `about_own_staff` stays,
    /// written as "anyone accused", for readers of the old column.
    static let accusedStaff = Migration(version: 6, name: "accused_staff", sql: """
        ALTER TABLE cases ADD COLUMN accused text[] NOT NULL DEFAULT '{}'
            CHECK (accused <@ ARRAY['engineering', 'security', 'environment', 'customer_service',
                                    'management', 'leadership']::text[]);
        UPDATE cases SET accused = ARRAY[department] WHERE about_own_staff;
        """)
}
