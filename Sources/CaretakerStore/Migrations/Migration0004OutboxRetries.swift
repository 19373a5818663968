extension Migration {
    /// An outbox row the broker returned (unroutable) or refused stays unsent and waits until
    /// `retry_at` before the relay tries it again; `last_outcome` says which of the two it was,
    /// so `caretaker case`, the metrics and `/readyz` can show it.
    ///
    /// Rows that earlier builds marked sent although the broker returned them (their
    /// `last_error` starts with `returned`) were never delivered: they become unsent again, so
    /// they reach their console once its queue exists (consumers deduplicate on `message_id`).
    static let outboxRetries = Migration(version: 4, name: "outbox_retries", sql: """
        ALTER TABLE outbox ADD COLUMN retry_at timestamptz;
        ALTER TABLE outbox ADD COLUMN last_outcome text CHECK (last_outcome IN ('returned', 'refused'));
        UPDATE outbox SET sent_at = NULL, last_outcome = 'returned'
            WHERE sent_at IS NOT NULL AND last_error LIKE 'returned %';
        UPDATE outbox SET last_outcome = 'refused' WHERE sent_at IS NULL AND last_error IS NOT NULL AND last_outcome IS NULL;
        CREATE INDEX outbox_returned ON outbox (id) WHERE sent_at IS NULL AND last_outcome = 'returned';
        """)
}
