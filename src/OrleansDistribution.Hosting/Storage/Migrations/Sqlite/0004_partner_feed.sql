-- 0004 · The durable per-partner feeds (SQLite, embedded mode).
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.SqliteGrainStateStore appends a partner's events in the same
-- transaction as the grain state write that caused them; SSE, GET /v1/feed and webhook delivery read them from here.
-- Safe to run repeatedly.

-- position is an event's place in its partner's feed. SQLite has one writer at a time, so positions are taken in
-- commit order; AUTOINCREMENT never hands out a position again after the retention sweep deleted the highest one.
-- payload is the event as the Orleans serializer writes it; occurred_at is Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS distribution_partner_feed
(
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id  TEXT    NOT NULL,
    partner_id  TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    payload     BLOB    NOT NULL
);

CREATE INDEX IF NOT EXISTS distribution_partner_feed_partner
    ON distribution_partner_feed (service_id, partner_id, position);

-- The retention sweep deletes the oldest events first.
CREATE INDEX IF NOT EXISTS distribution_partner_feed_occurred
    ON distribution_partner_feed (service_id, occurred_at);

-- Per partner, the last position the retention sweep deleted: a reader behind it has missed events for good.
CREATE TABLE IF NOT EXISTS distribution_partner_feed_trim
(
    service_id TEXT    NOT NULL,
    partner_id TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (service_id, partner_id)
);
