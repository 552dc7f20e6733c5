-- 0004 · Grain state of the group-commit grain storage (PostgreSQL).
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.PostgresGrainStateStore writes a whole batch of grain states in
-- one statement over this table; it replaces the ADO.NET provider's orleans_grain_state (0001), whose rows are
-- copied below. Safe to run repeatedly: objects are created only when missing, and the copy only adds rows the
-- new table does not have yet.

-- One row per (service, state name, grain key): the state name is unique per grain class here, the same identity
-- the ADO.NET rows had. version is the ETag and keeps rising across clears (payload NULL). wake_at and expires_at
-- are taken from the state object (IScheduledState) in the same write.
CREATE TABLE IF NOT EXISTS distribution_grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NULL,
    wake_at     timestamptz NULL,
    expires_at  timestamptz NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT distribution_grain_state_pkey PRIMARY KEY (service_id, state_name, grain_key),
    CONSTRAINT distribution_grain_state_version_positive CHECK (version > 0)
)
-- Room on each page for the next version of a row: most writes rewrite a row without touching an indexed
-- column, and a free slot on the same page lets PostgreSQL skip the index updates (HOT).
WITH (fillfactor = 90);

-- The pending-work index: only rows with a wake time, in wake order per state name.
CREATE INDEX IF NOT EXISTS distribution_grain_state_wake
    ON distribution_grain_state (service_id, state_name, wake_at, grain_key)
    WHERE wake_at IS NOT NULL;

-- The expiry sweep's index: only rows that may expire.
CREATE INDEX IF NOT EXISTS distribution_grain_state_expiry
    ON distribution_grain_state (service_id, expires_at)
    WHERE expires_at IS NOT NULL;

-- Existing state must still load. The ADO.NET provider stored the state name in grain_type and split the grain key
-- (AdoGrainKey): a plain string key is in grain_id_extension with n0 = n1 = 0; a key that parses as a hexadecimal
-- long became n0 = 0, n1 = the number (plus an optional '+extension'); a 32-hex-digit key became a GUID in n0/n1.
-- The key string is rebuilt from those: digits-only keys and Guid.ToString("N") keys come back exactly; a hex key
-- written with leading zeros or lowercase letters cannot be told apart from its canonical form and comes back
-- uppercase without them. Cleared rows (NULL payload) are skipped: they hold no state.
INSERT INTO distribution_grain_state (service_id, state_name, grain_key, version, payload, wake_at, expires_at, modified_at)
SELECT g.service_id,
       g.grain_type,
       CASE
           WHEN g.grain_id_n0 = 0 AND g.grain_id_n1 = 0 AND g.grain_id_extension IS NOT NULL
               THEN g.grain_id_extension
           WHEN g.grain_id_n0 = 0
               THEN upper(to_hex(g.grain_id_n1)) || coalesce('+' || g.grain_id_extension, '')
           ELSE lpad(to_hex(g.grain_id_n0 & 4294967295), 8, '0')
                || lpad(to_hex((g.grain_id_n0 >> 32) & 65535), 4, '0')
                || lpad(to_hex((g.grain_id_n0 >> 48) & 65535), 4, '0')
                || lpad(to_hex(g.grain_id_n1 & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 8) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 16) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 24) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 32) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 40) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 48) & 255), 2, '0')
                || lpad(to_hex((g.grain_id_n1 >> 56) & 255), 2, '0')
                || coalesce('+' || g.grain_id_extension, '')
       END,
       g.version,
       g.payload,
       NULL,
       NULL,
       g.modified_at
FROM orleans_grain_state AS g
WHERE g.payload IS NOT NULL
ON CONFLICT (service_id, state_name, grain_key) DO NOTHING;
