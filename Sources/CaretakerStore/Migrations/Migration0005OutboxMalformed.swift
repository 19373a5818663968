extension Migration {
    /// An outbox row whose stored headers are not a JSON object of strings is parked by the relay
    /// (`last_outcome = 'malformed'`, `retry_at = 'infinity'`) instead of being published with
    /// some headers quietly left out.
    static let outboxMalformed = Migration(version: 5, name: "outbox_malformed", sql: """
        ALTER TABLE outbox DROP CONSTRAINT outbox_last_outcome_check;
        ALTER TABLE outbox ADD CONSTRAINT outbox_last_outcome_check
            CHECK (last_outcome IN ('returned', 'refused', 'malformed'));
        """)
}
