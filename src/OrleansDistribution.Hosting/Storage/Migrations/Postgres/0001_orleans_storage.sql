-- 0001 · Orleans ADO.NET grain persistence (PostgreSQL, invariant "Npgsql").
--
-- Written for this project from the provider's contract (see ../MIGRATIONS.md); not derived
-- from any published script. Safe to run repeatedly: every object is created only when
-- missing and every named query is upserted.
--
-- Contract in one paragraph: the provider reads the rows 'ReadFromStorageKey',
-- 'WriteToStorageKey', 'ClearStorageKey' and (optionally) 'DeleteStorageKey' from OrleansQuery
-- and binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
-- @GrainIdExtensionString, @ServiceId (+ @GrainStateVersion, + @PayloadBinary for writes).
-- The version column is the grain's ETag; a write or clear whose expected version does not
-- match must yield a NULL (or no) new version so the provider raises InconsistentStateException.

-- Named queries, shared by every Orleans ADO.NET provider. The provider issues the unquoted
-- statement "SELECT QueryKey, QueryText FROM OrleansQuery", so the name must stay unquoted.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);

-- One row per (service, grain type, grain id). payload is NULL after a clear; version survives
-- a clear so that the ETag keeps increasing.
CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_version_positive CHECK (version > 0)
);

-- Identity of a grain state row. grain_id_extension is nullable and NULL must not equal '',
-- so it takes two index expressions (this works on every supported PostgreSQL version,
-- unlike NULLS NOT DISTINCT which needs 15+). The hash columns lead for selectivity.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_identity
    ON orleans_grain_state
    (
        grain_id_hash,
        grain_type_hash,
        service_id,
        grain_id_n0,
        grain_id_n1,
        grain_type,
        (coalesce(grain_id_extension, '')),
        (grain_id_extension IS NULL)
    );

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey',
    $query$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_grain_state AS s
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.service_id = @ServiceId
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString;
$query$
),
(
    -- Exactly one row comes back. With @GrainStateVersion NULL the state must not exist yet and
    -- is inserted at version 1; otherwise the stored version must equal it and is incremented.
    -- Any other case (lost race, stale ETag, deleted meanwhile) returns NULL = version conflict.
    'WriteToStorageKey',
    $query$
WITH updated AS
(
    UPDATE orleans_grain_state AS s
    SET payload = @PayloadBinary,
        version = s.version + 1,
        modified_at = now()
    WHERE s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
),
inserted AS
(
    INSERT INTO orleans_grain_state
        (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
         grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted)) AS "NewGrainStateVersion";
$query$
),
(
    -- Keeps the row, drops the payload, bumps the version; returns the new version, or NULL on
    -- an ETag mismatch.
    'ClearStorageKey',
    $query$
WITH cleared AS
(
    UPDATE orleans_grain_state AS s
    SET payload = NULL,
        version = s.version + 1,
        modified_at = now()
    WHERE s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion";
$query$
),
(
    -- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear is true.
    -- The provider only checks that the value differs from the ETag it sent, so the deleted
    -- row's version + 1 is returned; NULL on an ETag mismatch.
    'DeleteStorageKey',
    $query$
WITH deleted AS
(
    DELETE FROM orleans_grain_state AS s
    WHERE s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version + 1 AS next_version
)
SELECT (SELECT next_version FROM deleted) AS "NewGrainStateVersion";
$query$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
