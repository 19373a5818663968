extension Migration {
    /// Timers become one row per (case, kind, deadline version) whose escalation level moves up
    /// in place, with `next_at` saying when the scheduler must look at it again; a timer whose
    /// deadline needs a calendar year not yet loaded waits as `needs_calendar`.
    static let timerSteps = Migration(version: 2, name: "timer_steps", sql: """
        ALTER TABLE timers DROP CONSTRAINT timers_case_id_kind_deadline_version_level_key;
        ALTER TABLE timers ADD CONSTRAINT timers_case_kind_version UNIQUE (case_id, kind, deadline_version);
        ALTER TABLE timers DROP CONSTRAINT timers_state_check;
        ALTER TABLE timers ADD CONSTRAINT timers_state_check
            CHECK (state IN ('pending', 'fired', 'cancelled', 'completed', 'needs_calendar'));
        ALTER TABLE timers ALTER COLUMN due_at DROP NOT NULL;
        ALTER TABLE timers ADD COLUMN next_at timestamptz;
        ALTER TABLE timers ADD COLUMN policy_version text;
        ALTER TABLE timers ADD COLUMN last_late_seconds bigint;
        DROP INDEX timers_due;
        DROP INDEX timers_remind;
        CREATE INDEX timers_next ON timers (next_at) WHERE state = 'pending';
        CREATE INDEX timers_waiting_for_calendar ON timers (id) WHERE state = 'needs_calendar';
        """)
}
