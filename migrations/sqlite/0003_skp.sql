-- SKP planning: performance years and their periods, plans with RHK and IKI,
-- behaviour expectations, version history and in-app notifications (SQLite).

CREATE TABLE performance_years (
    year       INTEGER PRIMARY KEY,
    scheme     TEXT    NOT NULL CONSTRAINT years_scheme_check CHECK (scheme IN ('quarterly', 'monthly')),
    status     TEXT    NOT NULL CONSTRAINT years_status_check CHECK (status IN ('open', 'closed')),
    opened_by  INTEGER CONSTRAINT years_opened_by_fk REFERENCES employees (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE periods (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL CONSTRAINT periods_year_fk REFERENCES performance_years (year),
    kind       TEXT    NOT NULL CONSTRAINT periods_kind_check CHECK (kind IN ('periodic', 'annual')),
    number     INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    starts_on  TEXT    NOT NULL,
    ends_on    TEXT    NOT NULL,
    deadline   TEXT    NOT NULL,
    status     TEXT    NOT NULL CONSTRAINT periods_status_check CHECK (status IN ('open', 'closed')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT periods_year_number_key UNIQUE (year, kind, number),
    CONSTRAINT periods_dates_check CHECK (ends_on >= starts_on AND deadline >= ends_on)
);

-- One plan per employee and year; `version` rises with every save so two people
-- editing the same plan cannot overwrite each other silently.
CREATE TABLE skp_plans (
    id            INTEGER PRIMARY KEY,
    employee_id   INTEGER NOT NULL CONSTRAINT skp_plans_employee_fk REFERENCES employees (id),
    year          INTEGER NOT NULL CONSTRAINT skp_plans_year_fk REFERENCES performance_years (year),
    position_id   INTEGER CONSTRAINT skp_plans_position_fk REFERENCES positions (id),
    approach      TEXT    NOT NULL CONSTRAINT skp_plans_approach_check CHECK (approach IN ('kuantitatif', 'kualitatif')),
    status        TEXT    NOT NULL CONSTRAINT skp_plans_status_check CHECK (status IN ('draf', 'diajukan', 'disetujui', 'dikembalikan')),
    version       INTEGER NOT NULL,
    lampiran_json TEXT    NOT NULL,
    return_reason TEXT,
    -- Set when the owner asks to change an approved plan; the supervisor decides.
    revision_requested_at INTEGER,
    revision_reason       TEXT,
    submitted_at  INTEGER,
    approved_at   INTEGER,
    approved_by   INTEGER CONSTRAINT skp_plans_approved_by_fk REFERENCES employees (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CONSTRAINT skp_plans_employee_year_key UNIQUE (employee_id, year)
);
CREATE INDEX skp_plans_year_status_idx ON skp_plans (year, status);

-- RHK keep their ids across saves: a subordinate's RHK points at the one it supports.
CREATE TABLE skp_rhk (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL CONSTRAINT skp_rhk_plan_fk REFERENCES skp_plans (id),
    sort_order    INTEGER NOT NULL,
    kind          TEXT    NOT NULL CONSTRAINT skp_rhk_kind_check CHECK (kind IN ('utama', 'tambahan')),
    text          TEXT    NOT NULL CONSTRAINT skp_rhk_text_check CHECK (length(trim(text)) > 0),
    parent_rhk_id INTEGER CONSTRAINT skp_rhk_parent_fk REFERENCES skp_rhk (id),
    perspektif    TEXT    CONSTRAINT skp_rhk_perspektif_check
                  CHECK (perspektif IS NULL OR perspektif IN ('penerima_layanan', 'proses_bisnis', 'penguatan_internal', 'anggaran')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX skp_rhk_plan_idx ON skp_rhk (plan_id);
CREATE INDEX skp_rhk_parent_idx ON skp_rhk (parent_rhk_id);

CREATE TABLE skp_iki (
    id           INTEGER PRIMARY KEY,
    rhk_id       INTEGER NOT NULL CONSTRAINT skp_iki_rhk_fk REFERENCES skp_rhk (id),
    sort_order   INTEGER NOT NULL,
    aspek        TEXT    NOT NULL CONSTRAINT skp_iki_aspek_check CHECK (aspek IN ('kuantitas', 'kualitas', 'waktu', 'biaya')),
    indicator    TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    target_value REAL    NOT NULL CONSTRAINT skp_iki_target_check CHECK (target_value > 0),
    satuan       TEXT    NOT NULL
);
CREATE INDEX skp_iki_rhk_idx ON skp_iki (rhk_id);

-- The supervisor's ekspektasi khusus pimpinan per BerAKHLAK value.
CREATE TABLE skp_expectations (
    plan_id    INTEGER NOT NULL CONSTRAINT skp_expectations_plan_fk REFERENCES skp_plans (id),
    core_value TEXT    NOT NULL CONSTRAINT skp_expectations_value_check
               CHECK (core_value IN ('berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif')),
    text       TEXT    NOT NULL,
    written_by INTEGER CONSTRAINT skp_expectations_written_by_fk REFERENCES employees (id),
    updated_at INTEGER NOT NULL,
    CONSTRAINT skp_expectations_key PRIMARY KEY (plan_id, core_value)
);

-- A readable snapshot of the plan at every submission, return and approval.
CREATE TABLE skp_plan_versions (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL CONSTRAINT skp_versions_plan_fk REFERENCES skp_plans (id),
    version      INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    content_json TEXT    NOT NULL,
    note         TEXT,
    created_by   INTEGER CONSTRAINT skp_versions_created_by_fk REFERENCES employees (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX skp_versions_plan_idx ON skp_plan_versions (plan_id);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL CONSTRAINT notifications_employee_fk REFERENCES employees (id),
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    link        TEXT,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX notifications_employee_idx ON notifications (employee_id, read_at);
