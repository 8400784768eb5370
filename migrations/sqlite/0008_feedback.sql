-- Umpan balik (feedback threads). A thread hangs on one subject of one employee's
-- work: an RHK, a realisasi (an IKI in a period), a piece of evidence, or an
-- evaluation, named by a key ("rhk:12", "realisasi:5:2:12:0", "bukti:7",
-- "evaluasi:5:2"). Who may read or post is decided from the employee's
-- supervision line when asked, never stored.
CREATE TABLE feedback_threads (
    id          INTEGER PRIMARY KEY,
    subject     TEXT    NOT NULL CONSTRAINT feedback_threads_subject_key UNIQUE,
    employee_id INTEGER NOT NULL CONSTRAINT feedback_threads_employee_fk REFERENCES employees (id),
    -- Every post, edit or hiding takes the next number; a follower that has seen
    -- up to n asks for what is above n, so nothing is missed or sent twice.
    last_seq    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX feedback_threads_employee_idx ON feedback_threads (employee_id);

CREATE TABLE feedback_messages (
    id            INTEGER PRIMARY KEY,
    thread_id     INTEGER NOT NULL CONSTRAINT feedback_messages_thread_fk REFERENCES feedback_threads (id),
    -- The thread's number of this message's latest change.
    seq           INTEGER NOT NULL,
    author_id     INTEGER NOT NULL CONSTRAINT feedback_messages_author_fk REFERENCES employees (id),
    body          TEXT    NOT NULL CONSTRAINT feedback_messages_body_check CHECK (length(trim(body)) > 0),
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    hidden_by     INTEGER CONSTRAINT feedback_messages_hidden_by_fk REFERENCES employees (id),
    hidden_reason TEXT,
    hidden_at     INTEGER,
    -- 1: a colleague's answer to a feedback request (shown as a stakeholder's).
    stakeholder   INTEGER NOT NULL DEFAULT 0 CONSTRAINT feedback_messages_stakeholder_check CHECK (stakeholder IN (0, 1))
);
CREATE INDEX feedback_messages_thread_seq_idx ON feedback_messages (thread_id, seq);
CREATE INDEX feedback_messages_author_idx ON feedback_messages (author_id, created_at);

-- A colleague asked (by the employee or their supervisor) for their view of an RHK:
-- answered once (the answer joins the RHK's thread), declined, or expired.
CREATE TABLE feedback_requests (
    id           INTEGER PRIMARY KEY,
    rhk_id       INTEGER NOT NULL CONSTRAINT feedback_requests_rhk_fk REFERENCES skp_rhk (id),
    employee_id  INTEGER NOT NULL CONSTRAINT feedback_requests_employee_fk REFERENCES employees (id),
    requested_by INTEGER NOT NULL CONSTRAINT feedback_requests_by_fk REFERENCES employees (id),
    colleague_id INTEGER NOT NULL CONSTRAINT feedback_requests_colleague_fk REFERENCES employees (id),
    question     TEXT    NOT NULL,
    status       TEXT    NOT NULL CONSTRAINT feedback_requests_status_check CHECK (status IN ('open', 'answered', 'declined')),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    closed_at    INTEGER
);
CREATE INDEX feedback_requests_rhk_idx ON feedback_requests (rhk_id);
CREATE INDEX feedback_requests_colleague_idx ON feedback_requests (colleague_id, status);
