-- 0003 · Orleans ADO.NET reminders (PostgreSQL, invariant "Npgsql").
--
-- Written for this project from the provider's contract (see ../MIGRATIONS.md); not derived
-- from any published script. Safe to run repeatedly.
--
-- Keys: ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key,
-- UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey (all required at start).
-- Every read returns the columns GrainId, ReminderName, StartTime, Period, Version.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);

-- grain_id is GrainId.ToString() ("type/key"); grain_hash is GrainId.GetUniformHashCode()
-- reinterpreted as a signed 32-bit integer; period is in milliseconds; version is the ETag.
CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       integer     NOT NULL,
    CONSTRAINT orleans_reminder_pkey PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Range scans by the reminder service's ring partitions.
CREATE INDEX IF NOT EXISTS orleans_reminder_service_hash
    ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadReminderRowsKey',
    $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId;
$query$
),
(
    'ReadReminderRowKey',
    $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
  AND r.reminder_name = @ReminderName;
$query$
),
(
    -- Ring range (BeginHash, EndHash] that does not wrap: the provider picks this key when
    -- (int)BeginHash < (int)EndHash.
    'ReadRangeRows1Key',
    $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > @BeginHash
  AND r.grain_hash <= @EndHash;
$query$
),
(
    -- Wrapping range (or the full ring when BeginHash = EndHash).
    'ReadRangeRows2Key',
    $query$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period        AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash);
$query$
),
(
    -- Insert at version 1 or overwrite and bump; always returns the new version as "Version".
    -- @Period arrives as int4 or int8 depending on its size; the bigint column takes both.
    'UpsertReminderRowKey',
    $query$
INSERT INTO orleans_reminder AS r
    (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET grain_hash = EXCLUDED.grain_hash,
    start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    version = r.version + 1
RETURNING r.version AS "Version";
$query$
),
(
    -- One boolean: true if the row existed with the given ETag (@Version) and is gone now.
    'DeleteReminderRowKey',
    $query$
WITH removed AS
(
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted";
$query$
),
(
    'DeleteReminderRowsKey',
    $query$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$query$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
