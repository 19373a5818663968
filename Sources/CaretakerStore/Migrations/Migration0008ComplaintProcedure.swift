extension Migration {
    /// The decisions of the complaint procedure (issue 11 item 1, seed 004 第4篇 5.2–5.6): whether
    /// a complaint is valid, which outside body is involved, whether its cause was analysed,
    /// whether the office meeting on it was held, and its corrective actions (纠正措施), each
    /// verified by its due date.
    ///
    /// Also a repair's appointment (预约维修时间, issue 12 item 3), which the on-site deadline follows,
    /// and a paid repair's quote, consent, fee, receipt and dispute (issue 12 item 2).
    ///
    /// Cases recorded before have none of these: `validity` stays NULL (not assessed).
    static let complaintProcedure = Migration(version: 8, name: "complaint_procedure", sql: """
        ALTER TABLE cases
            ADD COLUMN validity text CHECK (validity IN ('valid', 'invalid')),
            ADD COLUMN other_body text
                CHECK (other_body IN ('water_company', 'power_bureau', 'gas_company', 'developer', 'municipal', 'other')),
            ADD COLUMN cause_analysed boolean NOT NULL DEFAULT false,
            ADD COLUMN meeting_held boolean NOT NULL DEFAULT false,
            ADD COLUMN appointment_at timestamptz,
            ADD COLUMN quote_price_fen bigint CHECK (quote_price_fen >= 0),
            ADD COLUMN quote_materials text,
            ADD COLUMN quote_state text NOT NULL DEFAULT 'none' CHECK (quote_state IN ('none', 'quoted', 'consented')),
            ADD COLUMN fee_fen bigint CHECK (fee_fen >= 0),
            ADD COLUMN receipt_number text,
            ADD COLUMN dispute_open boolean NOT NULL DEFAULT false;
        CREATE TABLE corrective_actions (
            case_id uuid NOT NULL REFERENCES cases (case_id),
            seq integer NOT NULL CHECK (seq >= 1),
            action text NOT NULL CHECK (char_length(action) BETWEEN 1 AND 2000),
            owner text NOT NULL CHECK (char_length(owner) BETWEEN 1 AND 100),
            due_at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL,
            recorded_by text NOT NULL,
            command_id text NOT NULL,
            verified_at timestamptz,
            verified_by text,
            verdict text CHECK (verdict IN ('effective', 'ineffective')),
            CHECK ((verified_at IS NULL) = (verdict IS NULL)),
            PRIMARY KEY (case_id, seq)
        );
        CREATE UNIQUE INDEX corrective_actions_one_open ON corrective_actions (case_id) WHERE verified_at IS NULL;
        """)
}
