package io.stockroom.store;

import static io.stockroom.store.SyncedRows.table;
import static io.stockroom.store.jooq.Tables.SYNC_DEFERRED;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Pulled versions of records that a page skipped because a mutation of theirs was open, kept until
 * the mutation settles.
 */
final class DeferredRecords {

  private final SyncedRows rows;

  DeferredRecords(SyncedRows rows) {
    this.rows = rows;
  }

  /**
   * Keeps the newest pulled version of a record that a page skipped (a mutation of it is open). The
   * answer to that mutation usually brings the same or a newer state; a replayed answer does not
   * (it is the stored one, from when the mutation was first applied), and the cursor has moved on.
   */
  static void defer(DSLContext t, ServerRecord r) {
    UUID id = r.id();
    long version = r.version();
    Long kept =
        t.select(SYNC_DEFERRED.SERVER_VERSION)
            .from(SYNC_DEFERRED)
            .where(SYNC_DEFERRED.ENTITY_ID.eq(id))
            .fetchOptional(SYNC_DEFERRED.SERVER_VERSION)
            .orElse(null);
    if (kept == null) {
      t.insertInto(
              SYNC_DEFERRED,
              SYNC_DEFERRED.ENTITY_ID,
              SYNC_DEFERRED.ENTITY_TYPE,
              SYNC_DEFERRED.SERVER_VERSION,
              SYNC_DEFERRED.RECORD)
          .values(id, r.type().wireName(), version, Payloads.recordText(r))
          .execute();
    } else if (version > kept) {
      t.update(SYNC_DEFERRED)
          .set(SYNC_DEFERRED.SERVER_VERSION, version)
          .set(SYNC_DEFERRED.RECORD, Payloads.recordText(r))
          .where(SYNC_DEFERRED.ENTITY_ID.eq(id))
          .execute();
    }
  }

  /**
   * A record's mutations are all settled: a pulled version kept back meanwhile is applied when it
   * is newer than what the record now holds, then forgotten.
   */
  void apply(DSLContext t, EntityType type, UUID id, Instant now) {
    var deferred = t.selectFrom(SYNC_DEFERRED).where(SYNC_DEFERRED.ENTITY_ID.eq(id)).fetchOne();
    if (deferred == null) {
      return;
    }
    org.jooq.Table<?> table = table(type);
    Long stored =
        t.select(table.field("SERVER_VERSION", Long.class))
            .from(table)
            .where(table.field("ID", UUID.class).eq(id))
            .fetchOptional(table.field("SERVER_VERSION", Long.class))
            .orElse(null);
    if (stored == null || deferred.getServerVersion() > stored) {
      rows.upsert(t, Payloads.record(deferred.getRecord(), type), now);
    }
    deferred.delete();
  }
}
