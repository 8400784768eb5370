-- Identity and access: sessions, login throttling, admin grants, acting officials
-- (PLT/PLH), background import jobs and the hash-chained audit trail (SQLite).

ALTER TABLE accounts ADD COLUMN password_changed_at INTEGER;

-- Server-side sessions. The cookie carries a random token; only its hash is stored,
-- so a copy of the database cannot be replayed as a login.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    employee_id  INTEGER NOT NULL CONSTRAINT sessions_employee_fk REFERENCES employees (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    client_addr  TEXT
);
CREATE INDEX sessions_employee_idx ON sessions (employee_id);

-- Failed log-ins per NIP ('nip:…') and per client address ('addr:…').
CREATE TABLE login_failures (
    throttle_key    TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    first_failed_at INTEGER NOT NULL,
    blocked_until   INTEGER
);

-- Admin BKPSDM is the one role that is granted rather than derived from the tree.
CREATE TABLE admin_grants (
    employee_id INTEGER PRIMARY KEY CONSTRAINT admin_grants_employee_fk REFERENCES employees (id),
    granted_by  INTEGER CONSTRAINT admin_grants_granted_by_fk REFERENCES employees (id),
    granted_at  INTEGER NOT NULL
);

-- Acting officials: the supervisory rights of a position for a date range.
CREATE TABLE acting_assignments (
    id          INTEGER PRIMARY KEY,
    position_id INTEGER NOT NULL CONSTRAINT acting_position_fk REFERENCES positions (id),
    employee_id INTEGER NOT NULL CONSTRAINT acting_employee_fk REFERENCES employees (id),
    kind        TEXT    NOT NULL CONSTRAINT acting_kind_check CHECK (kind IN ('plt', 'plh')),
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    created_by  INTEGER CONSTRAINT acting_created_by_fk REFERENCES employees (id),
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    CONSTRAINT acting_dates_check CHECK (ends_on >= starts_on)
);
CREATE INDEX acting_employee_idx ON acting_assignments (employee_id);
CREATE INDEX acting_position_idx ON acting_assignments (position_id);

-- CSV imports applied in the background; the browser polls the progress.
CREATE TABLE import_jobs (
    id          TEXT    PRIMARY KEY,
    created_by  INTEGER NOT NULL CONSTRAINT import_jobs_created_by_fk REFERENCES employees (id),
    status      TEXT    NOT NULL CONSTRAINT import_jobs_status_check CHECK (status IN ('running', 'done', 'failed')),
    done        INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    result_json TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Append-only. Each record's hash covers its content and the previous record's
-- hash, so changing or removing any record breaks the chain from there on.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_entity_idx ON audit_log (entity, entity_id);
