package io.stockroom.server.store;

import static io.stockroom.server.store.jooq.Tables.SYNC_STATE;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Transactions on the server database. A writing transaction first locks the single counter row of
 * {@code sync_state}, so writers run one at a time and versions are handed out in commit order
 * (DESIGN.md section 6): once a reader sees version {@code v} committed, every version below it is
 * committed too. An in-process lock queues this server's writers before they reach the database;
 * the row lock is what keeps several servers on one PostgreSQL correct.
 */
public final class ServerStore {

  private final ServerDatabase db;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Consumer<List<Change>> onCommit;

  /**
   * {@code onCommit} hears every committed write's changes, in version order; it must not block.
   */
  public ServerStore(ServerDatabase db, Consumer<List<Change>> onCommit) {
    this.db = db;
    this.onCommit = onCommit;
  }

  public DSLContext dsl() {
    return db.dsl();
  }

  public <T> T read(Function<DSLContext, T> work) {
    return work.apply(db.dsl());
  }

  /** Runs {@code work} in one writing transaction that holds the version counter. */
  public <T> T write(Function<WriteTx, T> work) {
    writeLock.lock();
    try {
      WriteTx[] done = new WriteTx[1];
      T result =
          db.dsl()
              .transactionResult(
                  cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    long last =
                        tx.select(SYNC_STATE.LAST_VERSION)
                            .from(SYNC_STATE)
                            .where(SYNC_STATE.ID.eq(1))
                            .forUpdate()
                            .fetchSingle()
                            .value1();
                    WriteTx w = new WriteTx(tx, last);
                    T r = work.apply(w);
                    if (w.lastVersion() != last) {
                      tx.update(SYNC_STATE)
                          .set(SYNC_STATE.LAST_VERSION, w.lastVersion())
                          .where(SYNC_STATE.ID.eq(1))
                          .execute();
                    }
                    done[0] = w;
                    return r;
                  });
      if (!done[0].changes().isEmpty()) {
        onCommit.accept(List.copyOf(done[0].changes()));
      }
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /** The last committed version and the tombstone horizon, read in one statement. */
  public SyncState syncState() {
    Record2<Long, Long> r =
        db.dsl()
            .select(SYNC_STATE.LAST_VERSION, SYNC_STATE.TOMBSTONE_HORIZON)
            .from(SYNC_STATE)
            .where(SYNC_STATE.ID.eq(1))
            .fetchSingle();
    return new SyncState(r.value1(), r.value2());
  }

  public record SyncState(long lastVersion, long tombstoneHorizon) {}
}
