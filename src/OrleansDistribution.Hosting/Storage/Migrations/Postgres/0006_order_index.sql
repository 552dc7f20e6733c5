-- 0006 · The order index (PostgreSQL): orders by their business keys, for GET /v1/orders searches.
--
-- OrleansDistribution.Hosting.Storage.GroupCommit.PostgresGrainStateStore upserts an order's row here in the same
-- statement that writes the order's state (a data-modifying CTE joined to the writes that applied), so a row exists
-- exactly for the orders whose state committed, as of their last write. Safe to run repeatedly: objects are created
-- only when missing. Orders stored before this script get their row at their next write (the state is Orleans-
-- serialized bytes, which SQL cannot read); see MIGRATIONS.md.

-- One row per order of a service; order_id is the order grain's key. created_at never changes for an order, so
-- (created_at, order_id) is a stable position for keyset paging; order_id compares bytewise ("C"), as the other stores
-- do. status holds the OrderStatus name.
CREATE TABLE IF NOT EXISTS distribution_order_index
(
    service_id        text          NOT NULL,
    order_id          text          COLLATE "C" NOT NULL,
    partner_id        text          NOT NULL,
    channel_order_ref text          NOT NULL,
    customer_id       text          NOT NULL,
    status            text          NOT NULL,
    created_at        timestamptz   NOT NULL,
    total             numeric       NOT NULL,
    currency          text          NOT NULL,
    CONSTRAINT distribution_order_index_pkey PRIMARY KEY (service_id, order_id)
)
-- status and total change without touching an indexed column: with room on the page those updates are HOT.
WITH (fillfactor = 90);

-- A channel reference names one order or a handful (a partner may reuse one); the partner is checked on those rows,
-- so the same index serves a partner's lookup and the operator's across partners.
CREATE INDEX IF NOT EXISTS distribution_order_index_ref
    ON distribution_order_index (service_id, channel_order_ref);

-- A partner's orders newest first: keyset pages, creation-time ranges, and status filters read along it.
CREATE INDEX IF NOT EXISTS distribution_order_index_partner_created
    ON distribution_order_index (service_id, partner_id, created_at DESC, order_id DESC);

-- A customer's orders newest first.
CREATE INDEX IF NOT EXISTS distribution_order_index_customer_created
    ON distribution_order_index (service_id, customer_id, created_at DESC, order_id DESC);

-- Every partner's orders newest first (the operator's search without partnerId).
CREATE INDEX IF NOT EXISTS distribution_order_index_created
    ON distribution_order_index (service_id, created_at DESC, order_id DESC);
