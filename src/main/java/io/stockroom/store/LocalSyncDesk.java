package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.SYNC_STATE;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.SyncDesk;
import io.stockroom.domain.SyncLogEntry;
import java.util.List;
import java.util.UUID;

/** The sync screen's reads and actions over the local store. */
final class LocalSyncDesk implements SyncDesk {

  private final Tx tx;
  private final MutationQueue queue;
  private final SyncStore sync;

  LocalSyncDesk(Tx tx, MutationQueue queue, SyncStore sync) {
    this.tx = tx;
    this.queue = queue;
    this.sync = sync;
  }

  @Override
  public void retry(UUID mutationId) {
    queue.retry(mutationId);
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
