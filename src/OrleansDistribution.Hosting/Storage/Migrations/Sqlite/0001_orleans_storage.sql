-- 0001 · Orleans ADO.NET grain persistence (SQLite via Microsoft.Data.Sqlite).
--
-- Written for this project from the provider's contract (see ../MIGRATIONS.md); not derived
-- from any published script. Safe to run repeatedly. Needs SQLite 3.35+ (RETURNING, UPSERT);
-- the e_sqlite3 library bundled with Microsoft.Data.Sqlite 10 is far newer.
--
-- SQLite has persistence only in Orleans: no clustering, reminders or streaming.
-- Query texts below live in SQL string literals, so they avoid single quotes on purpose.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         TEXT    NOT NULL,
    grain_type         TEXT    NOT NULL,
    grain_type_hash    INTEGER NOT NULL,
    grain_id_hash      INTEGER NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_id_extension TEXT    NULL,
    payload            BLOB    NULL,
    version            INTEGER NOT NULL CHECK (version > 0),
    modified_at        TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Identity of a grain state row; NULL and '' extensions must stay distinct, hence the two
-- expressions. The write query names exactly these expressions as its conflict target.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_identity
    ON orleans_grain_state
    (
        grain_id_hash,
        grain_type_hash,
        service_id,
        grain_id_n0,
        grain_id_n1,
        grain_type,
        ifnull(grain_id_extension, ''),
        grain_id_extension IS NULL
    );

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey',
    '
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_grain_state AS s
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.service_id = @ServiceId
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_type = @GrainTypeString
  AND s.grain_id_extension IS @GrainIdExtensionString;
'
),
(
    -- One upsert statement decides everything: a row is proposed only when the caller expects
    -- no state (@GrainStateVersion NULL) or a row exists; an existing row is overwritten only
    -- when its version equals @GrainStateVersion. If nothing changed, changes() is 0 and the
    -- second statement yields the single NULL row that the provider reads as a conflict.
    'WriteToStorageKey',
    '
INSERT INTO orleans_grain_state
    (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
     grain_id_extension, payload, version)
SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
       @GrainIdExtensionString, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1
        FROM orleans_grain_state AS s
        WHERE s.grain_id_hash = @GrainIdHash
          AND s.grain_type_hash = @GrainTypeHash
          AND s.service_id = @ServiceId
          AND s.grain_id_n0 = @GrainIdN0
          AND s.grain_id_n1 = @GrainIdN1
          AND s.grain_type = @GrainTypeString
          AND s.grain_id_extension IS @GrainIdExtensionString)
ON CONFLICT (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
             ifnull(grain_id_extension, ''''), grain_id_extension IS NULL)
DO UPDATE SET payload = excluded.payload,
              version = orleans_grain_state.version + 1,
              modified_at = CURRENT_TIMESTAMP
          WHERE orleans_grain_state.version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
SELECT NULL AS "NewGrainStateVersion" WHERE changes() = 0;
'
),
(
    'ClearStorageKey',
    '
UPDATE orleans_grain_state
SET payload = NULL,
    version = version + 1,
    modified_at = CURRENT_TIMESTAMP
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
SELECT NULL AS "NewGrainStateVersion" WHERE changes() = 0;
'
),
(
    'DeleteStorageKey',
    '
DELETE FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension IS @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion";
SELECT NULL AS "NewGrainStateVersion" WHERE changes() = 0;
'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
