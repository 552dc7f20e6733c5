-- 0002 · Orleans ADO.NET clustering / membership (PostgreSQL, invariant "Npgsql").
--
-- Written for this project from the provider's contract (see ../MIGRATIONS.md); not derived
-- from any published script. Safe to run repeatedly.
--
-- Orleans 10 refuses to start a silo unless all nine clustering keys exist:
-- GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey, InsertMembershipVersionKey,
-- UpdateIAmAlivetimeKey, InsertMembershipKey, UpdateMembershipKey,
-- DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey. The tenth key,
-- CleanupDefunctSiloEntryKey (singular), is optional; 10.4.x uses it for cleanup when present.
--
-- Versioning model: one row per cluster (Orleans "DeploymentId" = ClusterOptions.ClusterId)
-- in orleans_membership_version. Every insert/update of a silo row must atomically move that
-- version from the value the caller read (@Version) to @Version + 1, or change nothing.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id)
);

-- One row per silo incarnation (address, port, generation). Status is the integer value of
-- Orleans.Runtime.SiloStatus (3 = Active, 6 = Dead). suspect_times is the provider's own
-- "silo,date|silo,date" text and is stored verbatim.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE
);

-- Inserts a silo row and bumps the cluster version in one step. Returns false (and leaves
-- everything unchanged) if the version moved since the caller read it or the silo row exists.
-- The version row is locked first in both writers so concurrent membership changes serialize
-- on it in the same order.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1,
        changed_at = now()
    WHERE deployment_id = p_deployment_id
      AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         suspect_times, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         coalesce(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING;
    IF NOT FOUND THEN
        -- Undo the version bump: the error unwinds this block's implicit savepoint.
        RAISE EXCEPTION USING ERRCODE = 'OD001', MESSAGE = 'silo row already exists';
    END IF;

    RETURN true;
EXCEPTION
    WHEN SQLSTATE 'OD001' THEN
        RETURN false;
END;
$body$;

-- Updates status / suspicions / liveness of an existing silo row and bumps the cluster version
-- in one step. Returns false (nothing changed) on a version mismatch or a missing silo row.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1,
        changed_at = now()
    WHERE deployment_id = p_deployment_id
      AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status = p_status,
        suspect_times = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OD001', MESSAGE = 'silo row not found';
    END IF;

    RETURN true;
EXCEPTION
    WHEN SQLSTATE 'OD001' THEN
        RETURN false;
END;
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- One boolean: true when this call created the cluster's version row.
    'InsertMembershipVersionKey',
    $query$
WITH created AS
(
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created";
$query$
),
(
    'InsertMembershipKey',
    $query$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
    @StartTime, @IAmAliveTime, @Version) AS "Inserted";
$query$
),
(
    'UpdateMembershipKey',
    $query$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
    @Version) AS "Updated";
$query$
),
(
    -- Heartbeat: a blind write of i_am_alive_time only; never touches the version.
    'UpdateIAmAlivetimeKey',
    $query$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation;
$query$
),
(
    -- Always one row per cluster version even when the silo is absent (its columns are then
    -- NULL and the provider treats a NULL StartTime as "no entry"). Zero rows means the
    -- cluster was never initialised.
    'MembershipReadRowKey',
    $query$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$query$
),
(
    'MembershipReadAllKey',
    $query$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$query$
),
(
    -- Used by clients (and silos) to find gateways; @Status is bound to 3 (Active).
    'GatewaysQueryKey',
    $query$
SELECT m.address    AS "Address",
       m.proxy_port AS "ProxyPort",
       m.generation AS "Generation"
FROM orleans_membership AS m
WHERE m.deployment_id = @DeploymentId
  AND m.status = @Status
  AND m.proxy_port > 0;
$query$
),
(
    -- Removes the whole cluster: its silo rows, then its version row.
    'DeleteMembershipTableEntriesKey',
    $query$
DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$query$
),
(
    -- Periodic cleanup, bulk form (required key). Only used by the provider when the optional
    -- per-row key below is missing: drops Dead (6) silo rows that started and last
    -- heartbeated before the cutoff @IAmAliveTime. Never touches the version row.
    'CleanupDefunctSiloEntriesKey',
    $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND start_time < @IAmAliveTime
  AND i_am_alive_time < @IAmAliveTime;
$query$
),
(
    -- Periodic cleanup, per-row form (optional key, preferred by Orleans 10.4 when present).
    -- The provider reads all rows, picks Dead ones whose start, heartbeat and suspicion times
    -- are all older than the cutoff, and calls this once per row with the values it read.
    -- The row goes only if it is still Dead and unchanged (compare-and-delete). NULL and ''
    -- both mean "no suspicions" for @SuspectTimes.
    'CleanupDefunctSiloEntryKey',
    $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$query$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
