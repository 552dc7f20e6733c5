-- 0007 · A partner's feed events of one write statement in one row (PostgreSQL).
--
-- Until now every event was a row of its own (four or so per accepted order), each an insert into the heap and two
-- btrees plus an identity value: on the acceptance benchmark the feed took about 0.1 of PostgreSQL's ~0.55 ms of
-- CPU per order (docs/performance.md). A write batch now appends ONE row per partner: its events in batch order, as an array.
--
-- Positions stay (tx_id, n). A row holds the events row_id, row_id + 1, ... of its transaction: rows written from
-- now on have row_id 1 (one row per partner and transaction, so (tx_id, row_id) stays the key); the rows converted
-- here keep their old row_id as the position of their single event, so cursors clients already hold stay exact.
-- occurred_at is the newest event's time: the retention sweep deletes a row once all of its events are past
-- retention. Safe to run repeatedly: it converts the table only while it still has the old payload column.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'distribution_partner_feed' AND column_name = 'payload')
    THEN
        ALTER TABLE distribution_partner_feed ALTER COLUMN row_id DROP IDENTITY IF EXISTS;
        ALTER TABLE distribution_partner_feed ADD COLUMN payloads bytea[];
        UPDATE distribution_partner_feed SET payloads = ARRAY[payload];
        ALTER TABLE distribution_partner_feed
            ALTER COLUMN payloads SET NOT NULL,
            DROP COLUMN payload,
            DROP COLUMN event_id,
            DROP COLUMN event_type;
    END IF;
END
$$;
