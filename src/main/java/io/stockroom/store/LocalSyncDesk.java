package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.SYNC_STATE;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.SyncDesk;
import io.stockroom.domain.SyncLogEntry;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.records.MutationQueueRecord;
import java.util.List;
import java.util.UUID;

/** The sync screen's reads and actions over the local store. */
final class LocalSyncDesk implements SyncDesk {

  private final Tx tx;
  private final IdGenerator ids;
  private final SyncStore sync;

  LocalSyncDesk(Tx tx, IdGenerator ids, SyncStore sync) {
    this.tx = tx;
    this.ids = ids;
    this.sync = sync;
  }

  /**
   * A mutation the server refused (its record is flagged {@code error}) goes out under a fresh
   * idempotency key: the server replays its stored answer for the old key, so the same key would
   * only bring the same refusal back. A mutation that ran out of transient retries keeps its key,
   * as its first attempt may have arrived.
   */
  @Override
  public void retry(UUID mutationId) {
    tx.run(
        t -> {
          MutationQueueRecord m = MutationQueue.fetchFailed(t, mutationId);
          if (m == null) {
            return;
          }
          org.jooq.Table<?> table =
              SyncedRows.table(EntityType.fromWireName(m.getEntityType()).orElseThrow());
          boolean refused =
              t.fetchExists(
                  table,
                  table
                      .field("ID", UUID.class)
                      .eq(m.getEntityId())
                      .and(
                          table.field("SYNC_STATUS", String.class).eq(SyncStatus.ERROR.dbValue())));
          if (refused) {
            m.setIdempotencyKey(ids.next());
            t.update(table)
                .set(table.field("SYNC_STATUS", String.class), SyncStatus.PENDING.dbValue())
                .where(table.field("ID", UUID.class).eq(m.getEntityId()))
                .execute();
          }
          m.setStatus(MutationStatus.PENDING.dbValue());
          m.setRetryCount(0);
          m.setNextAttemptAt(null);
          m.update();
        });
  }

  @Override
  public void discard(UUID mutationId) {
    sync.discard(mutationId);
  }

  @Override
  public List<Cursor> cursors() {
    return tx.read().selectFrom(SYNC_STATE).fetch().stream()
        .flatMap(
            r ->
                EntityType.fromWireName(r.getEntity())
                    .map(e -> new Cursor(e, r.getCursor(), r.getLastPulledAt()))
                    .stream())
        .sorted((a, b) -> a.entity().compareTo(b.entity()))
        .toList();
  }

  @Override
  public List<SyncLogEntry> log(int limit) {
    return sync.recentLog(limit);
  }
}
