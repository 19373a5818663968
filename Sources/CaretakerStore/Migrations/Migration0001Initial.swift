extension Migration {
    /// The first schema: cases and their history, the inbox, the outbox, rejected messages and
    /// SLA timers.
    ///
    /// Personal data (the resident's name, phone and unit) lives only in `cases.resident`, so it
    /// can be masked or purged in one place.
    static let initial = Migration(version: 1, name: "initial", sql: """
        CREATE SEQUENCE case_number_seq AS bigint;

        CREATE TABLE cases (
            case_id              uuid PRIMARY KEY,
            case_number          text NOT NULL UNIQUE,
            kind                 text NOT NULL CHECK (kind IN ('complaint', 'repair')),
            state                text NOT NULL,
            department           text NOT NULL,
            category             text NOT NULL,
            secondary_categories text[] NOT NULL DEFAULT '{}',
            severity             text CHECK (severity IN ('minor', 'important', 'major')),
            priority             text CHECK (priority IN ('urgent', 'general', 'major')),
            responsibility       text CHECK (responsibility IN ('paid', 'free', 'developer', 'unknown')),
            notify               text[] NOT NULL DEFAULT '{}',
            needs_triage         boolean NOT NULL DEFAULT false,
            reasons              jsonb NOT NULL DEFAULT '[]',
            rules_version        text NOT NULL,
            about_own_staff      boolean NOT NULL DEFAULT false,
            escalation_level     smallint NOT NULL DEFAULT 0,
            postponements        smallint NOT NULL DEFAULT 0 CHECK (postponements BETWEEN 0 AND 2),
            reopenings           integer NOT NULL DEFAULT 0,
            correlation_id       text NOT NULL,
            channel              text NOT NULL,
            estate               text,
            location             text,
            resident             jsonb,
            report_text          text NOT NULL,
            flags                text[] NOT NULL DEFAULT '{}',
            attachments          text[] NOT NULL DEFAULT '{}',
            reported_times       integer,
            received_at          timestamptz NOT NULL,
            promised_feedback_at timestamptz,
            satisfaction         smallint CHECK (satisfaction BETWEEN 1 AND 5),
            created_at           timestamptz NOT NULL DEFAULT now(),
            updated_at           timestamptz NOT NULL DEFAULT now(),
            closed_at            timestamptz,
            CHECK ((kind = 'complaint') = (severity IS NOT NULL)),
            CHECK ((kind = 'repair') = (priority IS NOT NULL))
        );
        CREATE INDEX cases_department_state ON cases (department, state);
        CREATE INDEX cases_received_at ON cases (received_at);
        CREATE INDEX cases_open ON cases (state) WHERE state <> 'closed';

        -- The archive (归档): every step, who and when. Never updated, never deleted.
        CREATE TABLE case_history (
            id          bigserial PRIMARY KEY,
            case_id     uuid NOT NULL REFERENCES cases (case_id),
            step        text NOT NULL,
            from_state  text,
            to_state    text NOT NULL,
            actor_id    text,
            actor_name  text,
            actor_role  text,
            occurred_at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            source_id   text,
            details     jsonb NOT NULL DEFAULT '{}'
        );
        CREATE INDEX case_history_case ON case_history (case_id, id);
        CREATE FUNCTION case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'case_history is append-only';
        END $$;
        CREATE TRIGGER case_history_no_update BEFORE UPDATE OR DELETE ON case_history
            FOR EACH ROW EXECUTE FUNCTION case_history_append_only();

        -- Ids of intake messages and console commands already processed: the idempotency keys.
        CREATE TABLE inbox (
            message_id   text NOT NULL,
            source       text NOT NULL CHECK (source IN ('intake', 'command')),
            case_id      uuid,
            outcome      text NOT NULL,
            processed_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (source, message_id)
        );

        -- Messages waiting to be published with confirms, in id order; a row is marked sent only
        -- after the broker confirmed it. Events are JSON; dead letters keep their original bytes.
        CREATE TABLE outbox (
            id             bigserial PRIMARY KEY,
            message_id     text NOT NULL UNIQUE,
            exchange       text NOT NULL,
            routing_key    text NOT NULL,
            case_id        uuid,
            correlation_id text,
            content_type   text NOT NULL DEFAULT 'application/json',
            headers        jsonb NOT NULL DEFAULT '{}',
            body           bytea NOT NULL,
            created_at     timestamptz NOT NULL DEFAULT now(),
            sent_at        timestamptz,
            attempts       integer NOT NULL DEFAULT 0,
            last_error     text
        );
        CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
        CREATE INDEX outbox_case ON outbox (case_id, id);

        -- Messages that could not be used, kept byte for byte with the reason.
        CREATE TABLE rejected_messages (
            id          bigserial PRIMARY KEY,
            source      text NOT NULL CHECK (source IN ('intake', 'command')),
            message_id  text,
            routing_key text,
            body        bytea NOT NULL,
            field       text,
            reason      text NOT NULL,
            detail      text NOT NULL,
            headers     jsonb NOT NULL DEFAULT '{}',
            rejected_at timestamptz NOT NULL DEFAULT now(),
            replayed_at timestamptz
        );
        CREATE INDEX rejected_messages_time ON rejected_messages (rejected_at);

        -- SLA timers, one row per timer (kind, deadline, level); filled by the scheduler.
        CREATE TABLE timers (
            id               bigserial PRIMARY KEY,
            case_id          uuid NOT NULL REFERENCES cases (case_id),
            kind             text NOT NULL,
            state            text NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'fired', 'cancelled', 'completed')),
            started_at       timestamptz NOT NULL,
            remind_at        timestamptz,
            due_at           timestamptz NOT NULL,
            level            smallint NOT NULL DEFAULT 0,
            deadline_version integer NOT NULL DEFAULT 1,
            calendar_version text,
            attempt          integer NOT NULL DEFAULT 0,
            fence            bigint NOT NULL DEFAULT 0,
            reminded_at      timestamptz,
            fired_at         timestamptz,
            closed_at        timestamptz,
            UNIQUE (case_id, kind, deadline_version, level)
        );
        CREATE INDEX timers_due ON timers (due_at) WHERE state = 'pending';
        CREATE INDEX timers_remind ON timers (remind_at) WHERE state = 'pending' AND reminded_at IS NULL;
        CREATE INDEX timers_case ON timers (case_id);
        """)
}
