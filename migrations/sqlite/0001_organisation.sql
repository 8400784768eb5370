-- Organisation tree, employees and their accounts (SQLite).
-- Conventions shared with the PostgreSQL history: flags are 0/1 integers, instants
-- are UTC milliseconds, dates are ISO text, constraints are named for error mapping.

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER CONSTRAINT units_parent_fk REFERENCES units (id),
    code         TEXT    NOT NULL CONSTRAINT units_code_key UNIQUE,
    name         TEXT    NOT NULL CONSTRAINT units_name_check CHECK (length(trim(name)) > 0),
    kind         TEXT    NOT NULL CONSTRAINT units_kind_check
                 CHECK (kind IN ('pemda', 'perangkat_daerah', 'kecamatan', 'bidang', 'seksi', 'upt')),
    illustrative INTEGER NOT NULL DEFAULT 0 CONSTRAINT units_illustrative_check CHECK (illustrative IN (0, 1)),
    active       INTEGER NOT NULL DEFAULT 1 CONSTRAINT units_active_check CHECK (active IN (0, 1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE positions (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL CONSTRAINT positions_unit_fk REFERENCES units (id),
    parent_id  INTEGER CONSTRAINT positions_parent_fk REFERENCES positions (id),
    title      TEXT    NOT NULL CONSTRAINT positions_title_check CHECK (length(trim(title)) > 0),
    kind       TEXT    NOT NULL CONSTRAINT positions_kind_check
               CHECK (kind IN ('kepala_daerah', 'jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional')),
    active     INTEGER NOT NULL DEFAULT 1 CONSTRAINT positions_active_check CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX positions_unit_idx ON positions (unit_id);
CREATE INDEX positions_parent_idx ON positions (parent_id);

CREATE TABLE employees (
    id          INTEGER PRIMARY KEY,
    nip         TEXT    CONSTRAINT employees_nip_key UNIQUE,
    name        TEXT    NOT NULL CONSTRAINT employees_name_check CHECK (length(trim(name)) > 0),
    sex         TEXT    NOT NULL CONSTRAINT employees_sex_check CHECK (sex IN ('L', 'P')),
    birth_date  TEXT    NOT NULL,
    status      TEXT    NOT NULL CONSTRAINT employees_status_check CHECK (status IN ('pns', 'pppk', 'non_asn')),
    golongan    TEXT,
    position_id INTEGER CONSTRAINT employees_position_fk REFERENCES positions (id),
    active      INTEGER NOT NULL DEFAULT 1 CONSTRAINT employees_active_check CHECK (active IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT employees_nip_required CHECK (status = 'non_asn' OR nip IS NOT NULL)
);
CREATE INDEX employees_position_idx ON employees (position_id);
CREATE INDEX employees_name_idx ON employees (name);

CREATE TABLE accounts (
    employee_id          INTEGER PRIMARY KEY CONSTRAINT accounts_employee_fk REFERENCES employees (id),
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 1 CONSTRAINT accounts_must_change_check CHECK (must_change_password IN (0, 1)),
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

-- One row per demo-data load, so a second load is refused unless forced.
CREATE TABLE seed_runs (
    id          INTEGER PRIMARY KEY,
    seed        INTEGER NOT NULL,
    employees   INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL
);

-- Which demo employees the run command prints as log-in examples, and as what.
-- Demo metadata only: access rights follow from the organisation data.
CREATE TABLE demo_accounts (
    employee_id INTEGER PRIMARY KEY CONSTRAINT demo_accounts_employee_fk REFERENCES employees (id),
    role        TEXT    NOT NULL CONSTRAINT demo_accounts_role_check
                CHECK (role IN ('pegawai', 'atasan', 'admin_bkpsdm', 'pimpinan')),
    sort_order  INTEGER NOT NULL
);
