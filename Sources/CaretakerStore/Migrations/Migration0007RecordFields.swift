extension Migration {
    /// Cases keep the intake's optional record fields (issue 11 item 4): when the incident
    /// happened, who or which department the complaint is about, and what the resident asks for.
    ///
    /// All three are nullable: cases recorded before, and messages without them, have none. The
    /// length limits repeat the contract's so that no other writer stores more than a console shows.
    static let recordFields = Migration(version: 7, name: "record_fields", sql: """
        ALTER TABLE cases
            ADD COLUMN incident_at timestamptz,
            ADD COLUMN complained_about text CHECK (char_length(complained_about) BETWEEN 1 AND 200),
            ADD COLUMN resident_request text CHECK (char_length(resident_request) BETWEEN 1 AND 1000);
        """)
}
