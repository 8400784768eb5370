-- A notification keeps the message it says (its key in the translation files and
-- its arguments as a JSON object), so each reader sees it in their own language.
-- `text` stays: the Indonesian wording, shown for rows written before this.

ALTER TABLE notifications ADD COLUMN message_key TEXT;
ALTER TABLE notifications ADD COLUMN message_args TEXT;
