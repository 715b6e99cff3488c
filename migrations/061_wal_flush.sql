-- One row whose durable update flushes the write-ahead log up to it (platform/db.ts, WalFlusher): the
-- audited transactions commit without waiting for the disk, so that the audit chain's lock is released
-- before the fsync, and wait for one of these updates, begun after their COMMIT, before they answer.
CREATE TABLE wal_flush (
  id integer PRIMARY KEY CHECK (id = 1),
  n  bigint NOT NULL
);
INSERT INTO wal_flush (id, n) VALUES (1, 0);
