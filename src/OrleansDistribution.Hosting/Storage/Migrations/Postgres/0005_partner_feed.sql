-- 0005 · The durable per-partner feeds (PostgreSQL).
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.PostgresGrainStateStore appends a partner's events in the same
-- statement as the grain state write that caused them, and SSE, GET /v1/feed and webhook delivery read them from
-- here. Safe to run repeatedly: objects are created only when missing.

-- An event's position in its partner's feed is (tx_id, row_id): the id of the transaction that appended it, then
-- its number within the whole table. Readers take only rows of transactions older than the oldest one still
-- running (pg_snapshot_xmin), so positions only ever grow for a reader going on from its last cursor, even though
-- concurrent transactions take row ids in another order than they commit. payload is the event as the Orleans
-- serializer writes it; event_id and event_type are kept beside it for people reading the table.
CREATE TABLE IF NOT EXISTS distribution_partner_feed
(
    service_id  text        NOT NULL,
    partner_id  text        NOT NULL,
    tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    row_id      bigint      GENERATED ALWAYS AS IDENTITY,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     bytea       NOT NULL,
    CONSTRAINT distribution_partner_feed_pkey PRIMARY KEY (service_id, partner_id, tx_id, row_id)
);

-- The retention sweep deletes the oldest events first.
CREATE INDEX IF NOT EXISTS distribution_partner_feed_occurred
    ON distribution_partner_feed (service_id, occurred_at);

-- Per partner, the last position the retention sweep deleted: a reader whose cursor lies before it has missed
-- events for good (410 cursor-expired).
CREATE TABLE IF NOT EXISTS distribution_partner_feed_trim
(
    service_id text   NOT NULL,
    partner_id text   NOT NULL,
    tx_id      xid8   NOT NULL,
    row_id     bigint NOT NULL,
    CONSTRAINT distribution_partner_feed_trim_pkey PRIMARY KEY (service_id, partner_id)
);
