-- 0003 · Grain state of the group-commit grain storage (SQLite, embedded mode).
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.SqliteGrainStateStore writes a whole batch of grain states in
-- one BEGIN IMMEDIATE ... COMMIT over this table; it replaces the ADO.NET provider's orleans_grain_state (0001),
-- whose rows are copied below. Safe to run repeatedly.

-- One row per (service, state name, grain key); version is the ETag and keeps rising across clears (payload NULL).
-- Times (wake_at, expires_at, modified_at) are Unix milliseconds (UTC), compared as integers.
CREATE TABLE IF NOT EXISTS distribution_grain_state
(
    service_id  TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    payload     BLOB    NULL,
    wake_at     INTEGER NULL,
    expires_at  INTEGER NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (service_id, state_name, grain_key)
);

-- The pending-work index: only rows with a wake time, in wake order per state name.
CREATE INDEX IF NOT EXISTS distribution_grain_state_wake
    ON distribution_grain_state (service_id, state_name, wake_at, grain_key)
    WHERE wake_at IS NOT NULL;

-- The expiry sweep's index: only rows that may expire.
CREATE INDEX IF NOT EXISTS distribution_grain_state_expiry
    ON distribution_grain_state (service_id, expires_at)
    WHERE expires_at IS NOT NULL;

-- Existing state must still load: the rows of the ADO.NET provider's table, keys rebuilt as in
-- Postgres/0004_grain_state.sql (see MIGRATIONS.md). printf's %X/%x print the 64-bit two's complement, as .NET does.
INSERT INTO distribution_grain_state (service_id, state_name, grain_key, version, payload, wake_at, expires_at, modified_at)
SELECT g.service_id,
       g.grain_type,
       CASE
           WHEN g.grain_id_n0 = 0 AND g.grain_id_n1 = 0 AND g.grain_id_extension IS NOT NULL
               THEN g.grain_id_extension
           WHEN g.grain_id_n0 = 0
               THEN printf('%X', g.grain_id_n1) || coalesce('+' || g.grain_id_extension, '')
           ELSE printf('%08x%04x%04x%02x%02x%02x%02x%02x%02x%02x%02x',
                       g.grain_id_n0 & 4294967295,
                       (g.grain_id_n0 >> 32) & 65535,
                       (g.grain_id_n0 >> 48) & 65535,
                       g.grain_id_n1 & 255,
                       (g.grain_id_n1 >> 8) & 255,
                       (g.grain_id_n1 >> 16) & 255,
                       (g.grain_id_n1 >> 24) & 255,
                       (g.grain_id_n1 >> 32) & 255,
                       (g.grain_id_n1 >> 40) & 255,
                       (g.grain_id_n1 >> 48) & 255,
                       (g.grain_id_n1 >> 56) & 255)
                || coalesce('+' || g.grain_id_extension, '')
       END,
       g.version,
       g.payload,
       NULL,
       NULL,
       coalesce(CAST(strftime('%s', g.modified_at) AS INTEGER) * 1000, 0)
FROM orleans_grain_state AS g
WHERE g.payload IS NOT NULL
ON CONFLICT (service_id, state_name, grain_key) DO NOTHING;
