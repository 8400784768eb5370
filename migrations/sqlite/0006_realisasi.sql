-- Pelaksanaan: per period, the employee's rencana aksi per RHK and realisasi per IKI
-- with evidence (bukti dukung) (SQLite).
--
-- IKI rows are rewritten whenever a plan is saved, and an RHK can be removed by a
-- revision: realisasi names them by RHK id and the IKI's position and keeps a copy
-- of what was reported against (indicator, satuan, annual target), so a later
-- revision never changes or breaks a filed report.

-- Whether an IKI's realisasi adds up over the year ("kumulatif": documents issued)
-- or holds per period ("per_periode": a rate, a time); NULL: decided by its aspek.
ALTER TABLE skp_iki ADD COLUMN accumulation TEXT
    CONSTRAINT skp_iki_accumulation_check CHECK (accumulation IS NULL OR accumulation IN ('kumulatif', 'per_periode'));

-- One report per employee and period; `version` rises with every save.
CREATE TABLE realisasi_reports (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL CONSTRAINT realisasi_reports_employee_fk REFERENCES employees (id),
    period_id   INTEGER NOT NULL CONSTRAINT realisasi_reports_period_fk REFERENCES periods (id),
    plan_id     INTEGER NOT NULL CONSTRAINT realisasi_reports_plan_fk REFERENCES skp_plans (id),
    version     INTEGER NOT NULL,
    -- When the employee first reported it to their supervisor; NULL: not yet.
    filed_at    INTEGER,
    -- Filed after the period's deadline (while it was still open).
    -- Why files or links sent with the last form were refused (a JSON list of
    -- messages for the owner), cleared by the next form.
    refused_json TEXT,
    late        INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT realisasi_reports_key UNIQUE (employee_id, period_id)
);
CREATE INDEX realisasi_reports_period_idx ON realisasi_reports (period_id, filed_at);

CREATE TABLE realisasi_actions (
    report_id INTEGER NOT NULL CONSTRAINT realisasi_actions_report_fk REFERENCES realisasi_reports (id),
    rhk_id    INTEGER NOT NULL,
    text      TEXT    NOT NULL,
    CONSTRAINT realisasi_actions_key PRIMARY KEY (report_id, rhk_id)
);

CREATE TABLE realisasi_entries (
    report_id     INTEGER NOT NULL CONSTRAINT realisasi_entries_report_fk REFERENCES realisasi_reports (id),
    rhk_id        INTEGER NOT NULL,
    iki_index     INTEGER NOT NULL,
    aspek         TEXT    NOT NULL,
    indicator     TEXT    NOT NULL,
    satuan        TEXT    NOT NULL,
    accumulation  TEXT    NOT NULL CONSTRAINT realisasi_entries_accumulation_check CHECK (accumulation IN ('kumulatif', 'per_periode')),
    annual_target REAL    NOT NULL,
    -- This period's target: the default share of the annual one unless the
    -- employee changed it (as typed in `target_text`), with a reason.
    target_text   TEXT    NOT NULL,
    target        REAL    NOT NULL CONSTRAINT realisasi_entries_target_check CHECK (target > 0),
    target_reason TEXT,
    -- As typed ("1.000", "2,5"), and as a number; NULL: not reported yet, or not
    -- a number yet (a draft keeps what was typed; filing needs it right).
    value_text    TEXT    NOT NULL,
    value         REAL,
    -- What was done (and, for a kualitatif plan, the realisasi itself).
    account       TEXT    NOT NULL,
    -- Percent of the period's target, computed by the server (realisasi::rules).
    capaian       REAL,
    CONSTRAINT realisasi_entries_key PRIMARY KEY (report_id, rhk_id, iki_index)
);

-- Stored files, by content: the same bytes are stored once, whoever sent them.
CREATE TABLE evidence_objects (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- A file or a link attached to one IKI's realisasi.
CREATE TABLE evidence (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL CONSTRAINT evidence_report_fk REFERENCES realisasi_reports (id),
    rhk_id    INTEGER NOT NULL,
    iki_index INTEGER NOT NULL,
    sha256    TEXT    CONSTRAINT evidence_object_fk REFERENCES evidence_objects (sha256),
    file_name TEXT,
    url       TEXT,
    added_by  INTEGER NOT NULL CONSTRAINT evidence_added_by_fk REFERENCES employees (id),
    added_at  INTEGER NOT NULL,
    CONSTRAINT evidence_file_or_link_check CHECK ((sha256 IS NOT NULL AND file_name IS NOT NULL AND url IS NULL) OR (sha256 IS NULL AND url IS NOT NULL))
);
CREATE INDEX evidence_report_idx ON evidence (report_id);
CREATE INDEX evidence_sha256_idx ON evidence (sha256);

-- A fifth demo account, the pelapor: a colleague of the demo pegawai with an
-- approved SKP, to try realisasi with. SQLite cannot change a CHECK in place.
CREATE TABLE demo_accounts_new (
    employee_id INTEGER PRIMARY KEY CONSTRAINT demo_accounts_employee_fk REFERENCES employees (id),
    role        TEXT    NOT NULL CONSTRAINT demo_accounts_role_check
                CHECK (role IN ('pegawai', 'pelapor', 'atasan', 'admin_bkpsdm', 'pimpinan')),
    sort_order  INTEGER NOT NULL
);
INSERT INTO demo_accounts_new (employee_id, role, sort_order)
    SELECT employee_id, role, sort_order FROM demo_accounts;
DROP TABLE demo_accounts;
ALTER TABLE demo_accounts_new RENAME TO demo_accounts;
