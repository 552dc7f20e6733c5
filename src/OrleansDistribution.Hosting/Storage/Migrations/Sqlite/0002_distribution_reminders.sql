-- 0002 · Reminders for the embedded (SQLite) mode.
--
-- Orleans ships no SQLite reminder provider; OrleansDistribution.Hosting.Storage.SqliteReminderTable
-- implements IReminderTable over this table so open workflows resume after a restart in Embedded
-- mode exactly as they do on PostgreSQL. Safe to run repeatedly.

CREATE TABLE IF NOT EXISTS distribution_reminders
(
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    -- GrainId.GetUniformHashCode(): the reminder service reads rows by ranges of this hash.
    grain_hash     INTEGER NOT NULL,
    start_at_ms    INTEGER NOT NULL,
    period_ms      INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS distribution_reminders_by_hash
    ON distribution_reminders (service_id, grain_hash);
