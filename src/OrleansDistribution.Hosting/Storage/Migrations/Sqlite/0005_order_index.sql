-- 0005 · The order index (SQLite, embedded mode): orders by their business keys, for GET /v1/orders searches.
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.SqliteGrainStateStore upserts an order's row here in the same
-- transaction that writes the order's state, only for writes that applied. Safe to run repeatedly. Orders stored
-- before this script get their row at their next write; see MIGRATIONS.md. Indexes as in Postgres/0006_order_index.sql.

-- created_at is Unix milliseconds (UTC); total is the decimal's invariant text (exact; never compared in SQL).
CREATE TABLE IF NOT EXISTS distribution_order_index
(
    service_id        TEXT    NOT NULL,
    order_id          TEXT    NOT NULL,
    partner_id        TEXT    NOT NULL,
    channel_order_ref TEXT    NOT NULL,
    customer_id       TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    total             TEXT    NOT NULL,
    currency          TEXT    NOT NULL,
    PRIMARY KEY (service_id, order_id)
);

CREATE INDEX IF NOT EXISTS distribution_order_index_ref
    ON distribution_order_index (service_id, channel_order_ref);

CREATE INDEX IF NOT EXISTS distribution_order_index_partner_created
    ON distribution_order_index (service_id, partner_id, created_at DESC, order_id DESC);

CREATE INDEX IF NOT EXISTS distribution_order_index_customer_created
    ON distribution_order_index (service_id, customer_id, created_at DESC, order_id DESC);

CREATE INDEX IF NOT EXISTS distribution_order_index_created
    ON distribution_order_index (service_id, created_at DESC, order_id DESC);
