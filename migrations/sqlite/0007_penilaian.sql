-- Penilaian (SQLite): each unit's Predikat Kinerja Organisasi per year, the
-- evaluations of each employee per period (periodic and annual) with their
-- ratings per RHK and per BerAKHLAK value, and the keberatan on them.

-- A unit kerja's result for a year, set by pimpinan or the admin (audited).
CREATE TABLE unit_results (
    unit_id  INTEGER NOT NULL CONSTRAINT unit_results_unit_fk REFERENCES units (id),
    year     INTEGER NOT NULL,
    predikat TEXT    NOT NULL CONSTRAINT unit_results_predikat_check
             CHECK (predikat IN ('istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    set_by   INTEGER NOT NULL CONSTRAINT unit_results_set_by_fk REFERENCES employees (id),
    set_at   INTEGER NOT NULL,
    CONSTRAINT unit_results_key PRIMARY KEY (unit_id, year)
);

-- One evaluation per employee and period; `version` rises with every save so two
-- raters (the supervisor and a Plt./Plh.) cannot overwrite each other silently.
-- `unit_id` is the unit kerja whose curve it counts in, fixed when it is created.
-- The predikat is always the server's own lookup of the two ratings.
CREATE TABLE evaluations (
    id                 INTEGER PRIMARY KEY,
    employee_id        INTEGER NOT NULL CONSTRAINT evaluations_employee_fk REFERENCES employees (id),
    period_id          INTEGER NOT NULL CONSTRAINT evaluations_period_fk REFERENCES periods (id),
    unit_id            INTEGER NOT NULL CONSTRAINT evaluations_unit_fk REFERENCES units (id),
    status             TEXT    NOT NULL CONSTRAINT evaluations_status_check
                       CHECK (status IN ('draft', 'final', 'acknowledged', 'appealed', 'decided')),
    version            INTEGER NOT NULL,
    hasil_kerja        TEXT    CONSTRAINT evaluations_hasil_kerja_check CHECK (hasil_kerja IN ('di_atas', 'sesuai', 'di_bawah')),
    -- Why the rater chose otherwise than the guidance (or the unit's result) suggests.
    hasil_kerja_reason TEXT,
    perilaku           TEXT    CONSTRAINT evaluations_perilaku_check CHECK (perilaku IN ('di_atas', 'sesuai', 'di_bawah')),
    predikat           TEXT    CONSTRAINT evaluations_predikat_check
                       CHECK (predikat IN ('sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    -- The last rater to save, and when the employee first wrote a self-assessment.
    rated_by           INTEGER CONSTRAINT evaluations_rated_by_fk REFERENCES employees (id),
    rated_at           INTEGER,
    finalised_by       INTEGER CONSTRAINT evaluations_finalised_by_fk REFERENCES employees (id),
    finalised_at       INTEGER,
    acknowledged_at    INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    CONSTRAINT evaluations_key UNIQUE (employee_id, period_id),
    CONSTRAINT evaluations_final_check CHECK (status = 'draft' OR (predikat IS NOT NULL AND finalised_at IS NOT NULL))
);
CREATE INDEX evaluations_unit_period_idx ON evaluations (unit_id, period_id, status);
CREATE INDEX evaluations_period_idx ON evaluations (period_id);

-- Per RHK: the rater's rating and umpan balik, and the employee's self-assessment.
CREATE TABLE evaluation_rhk (
    evaluation_id INTEGER NOT NULL CONSTRAINT evaluation_rhk_evaluation_fk REFERENCES evaluations (id),
    rhk_id        INTEGER NOT NULL,
    rating        TEXT    CONSTRAINT evaluation_rhk_rating_check CHECK (rating IN ('di_atas', 'sesuai', 'di_bawah')),
    feedback      TEXT    NOT NULL DEFAULT '',
    self_rating   TEXT    CONSTRAINT evaluation_rhk_self_rating_check CHECK (self_rating IN ('di_atas', 'sesuai', 'di_bawah')),
    self_note     TEXT    NOT NULL DEFAULT '',
    CONSTRAINT evaluation_rhk_key PRIMARY KEY (evaluation_id, rhk_id)
);

-- Per BerAKHLAK value: the rating and umpan balik.
CREATE TABLE evaluation_values (
    evaluation_id INTEGER NOT NULL CONSTRAINT evaluation_values_evaluation_fk REFERENCES evaluations (id),
    value_code    TEXT    NOT NULL,
    rating        TEXT    CONSTRAINT evaluation_values_rating_check CHECK (rating IN ('di_atas', 'sesuai', 'di_bawah')),
    feedback      TEXT    NOT NULL DEFAULT '',
    CONSTRAINT evaluation_values_key PRIMARY KEY (evaluation_id, value_code)
);

-- A keberatan: the employee's reasons, then the atasan pejabat penilai's decision.
-- `original_json` keeps the evaluation as it was appealed, so both versions stay
-- readable after the ratings are changed.
CREATE TABLE evaluation_appeals (
    evaluation_id INTEGER PRIMARY KEY CONSTRAINT evaluation_appeals_evaluation_fk REFERENCES evaluations (id),
    reasons       TEXT    NOT NULL CONSTRAINT evaluation_appeals_reasons_check CHECK (length(trim(reasons)) > 0),
    filed_at      INTEGER NOT NULL,
    original_json TEXT    NOT NULL,
    outcome       TEXT    CONSTRAINT evaluation_appeals_outcome_check CHECK (outcome IN ('upheld', 'changed')),
    decision      TEXT,
    decided_by    INTEGER CONSTRAINT evaluation_appeals_decided_by_fk REFERENCES employees (id),
    decided_at    INTEGER
);

-- A sixth demo account, the penilai: the demo atasan's own supervisor, who is
-- the atasan pejabat penilai of the demo atasan's team (decides a keberatan)
-- and the rater of the demo atasan. SQLite cannot change a CHECK in place.
CREATE TABLE demo_accounts_new (
    employee_id INTEGER PRIMARY KEY CONSTRAINT demo_accounts_employee_fk REFERENCES employees (id),
    role        TEXT    NOT NULL CONSTRAINT demo_accounts_role_check
                CHECK (role IN ('pegawai', 'pelapor', 'atasan', 'penilai', 'admin_bkpsdm', 'pimpinan')),
    sort_order  INTEGER NOT NULL
);
INSERT INTO demo_accounts_new (employee_id, role, sort_order)
    SELECT employee_id, role, sort_order FROM demo_accounts;
DROP TABLE demo_accounts;
ALTER TABLE demo_accounts_new RENAME TO demo_accounts;
