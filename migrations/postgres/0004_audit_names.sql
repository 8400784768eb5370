-- The names an audit record speaks of, as they were when it was written: the
-- actor's, and the name of what or whom the change is about (the employee, the
-- plan's owner, the unit, the position, the period). Both are covered by the
-- record's hash; records written before this migration have neither.
ALTER TABLE audit_log ADD COLUMN actor_name TEXT;
ALTER TABLE audit_log ADD COLUMN subject_name TEXT;
