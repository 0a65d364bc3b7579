package io.stockroom.server.store;

import static io.stockroom.server.store.jooq.Tables.SYNC_STATE;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Pushes go through {@link #writeGrouped}: one writer thread takes every push waiting and runs
 * them in one transaction, each under its own savepoint, then commits once. Under load this saves a
 * commit and a lock hand-over per request; a push that fails rolls back alone.
 */
public final class ServerStore implements AutoCloseable {

  private static final int MAX_GROUP = 64;

  private final ServerDatabase db;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final CommitListener onCommit;
  private final Notifications others;
  private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  /** Why the writer thread stopped while the store was open; null while it runs. */
  private volatile Throwable writerStopped;

  /**
   * On H2, the highest version known to be on disk: pulls see nothing above it, so no client ever
   * holds a version a crash could take back and hand out again (decision record 0041).
   */
  private volatile long durableVersion;

  /** A queued write; its outcome is kept until the group commits, then handed over. */
  private static final class Job<T> {
    final Function<WriteTx, T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    Throwable error;

    Job(Function<WriteTx, T> work) {
      this.work = work;
    }

    /**
     * Whatever the work throws (an {@link Error} too) is this job's outcome, never the writer's.
     */
    void run(WriteTx w) {
      try {
        result = w.savepoint(work);
      } catch (Throwable e) {
        error = e;
      }
    }

    void finish() {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(result);
      }
    }
  }

  /**
   * {@code onCommit} hears every committed write's changes, in version order, and when they are on
   * disk. {@code others} tells the other processes on the same database of them, at the commit.
   */
  public ServerStore(ServerDatabase db, CommitListener onCommit, Notifications others) {
    this.db = db;
    this.onCommit = onCommit;
    this.others = others;
    this.durableVersion = readSyncState().lastVersion();
    this.writer = new Thread(this::writeLoop, "stockroom-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Runs {@code work} in the next group transaction, under its own savepoint, and waits for the
   * commit. An exception from {@code work} rolls back its own writes only.
   */
  public <T> T writeGrouped(Function<WriteTx, T> work) {
    if (closed) {
      throw new StoreUnavailableException("the server is stopping", null);
    }
    failIfWriterStopped();
    Job<T> job = new Job<>(work);
    queue.add(job);
    if (writerStopped != null || closed) {
      // The writer (or close) may have drained the queue before this job was added.
      failQueued();
    }
    try {
      return job.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for the writer", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        // The write failed alone (its savepoint rolled back) and the writer goes on: a 503 the
        // client retries, never an Error on the request thread.
        throw new StoreUnavailableException("the server failed on this write: " + err, err);
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Whether the writer thread is running; when it is not, health reports {@code failing} and every
   * write fails at once instead of waiting.
   */
  public boolean writerRunning() {
    return writerStopped == null && writer.isAlive();
  }

  private void failIfWriterStopped() {
    Throwable stopped = writerStopped;
    if (stopped != null) {
      throw new StoreUnavailableException("the writer has stopped: " + stopped, stopped);
    }
  }

  private void failQueued() {
    Job<?> left;
    while ((left = queue.poll()) != null) {
      left.done.completeExceptionally(
          new StoreUnavailableException("the writer has stopped", writerStopped));
    }
  }

  private void writeLoop() {
    List<Job<?>> group = new ArrayList<>();
    try {
      while (!closed || !queue.isEmpty()) {
        try {
          Job<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          group.add(first);
          queue.drainTo(group, MAX_GROUP - 1);
          write(
              w -> {
                for (Job<?> job : group) {
                  job.run(w);
                }
                return null;
              });
          group.forEach(Job::finish);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Throwable e) {
          // The commit (or the flush after it) failed: the group is answered as not written. The
          // writer goes on with the next group; a database that is gone fails that one too.
          group.forEach(job -> job.done.completeExceptionally(e));
        }
        group.clear();
      }
    } catch (Throwable e) {
      writerStopped = e;
      throw e;
    } finally {
      if (!closed) {
        if (writerStopped == null) {
          writerStopped = new IllegalStateException("the writer thread ended");
        }
        group.forEach(job -> job.done.completeExceptionally(writerStopped));
        failQueued();
      }
    }
  }

  /** Lets queued writes finish, then stops the writer thread. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Job<?> left;
    while ((left = queue.poll()) != null) {
      left.done.completeExceptionally(new StoreUnavailableException("the server stopped", null));
    }
  }

  public DSLContext dsl() {
    return db.dsl();
  }

  public <T> T read(Function<DSLContext, T> work) {
    return work.apply(db.dsl());
  }

  /**
   * Runs {@code work} in one writing transaction that holds the version counter. It returns only
   * once the transaction is on disk; {@code onCommit} hears of it at the commit, and again once it
   * is on disk.
   */
  public <T> T write(Function<WriteTx, T> work) {
    writeLock.lock();
    try {
      WriteTx[] done = new WriteTx[1];
      T result =
          db.dsl()
              .transactionResult(
                  cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    WriteTx w = WriteTx.begin(tx);
                    T r;
                    try {
                      r = work.apply(w);
                      others.announce(tx, w.changes());
                      w.storeCounter();
                    } finally {
                      w.closeStatements();
                    }
                    done[0] = w;
                    return r;
                  });
      List<Change> changes = List.copyOf(done[0].changes());
      boolean forced = db.embedded();
      if (!changes.isEmpty()) {
        // Visible to readers now; told to clients once on disk (decision record 0056).
        onCommit.committed(changes, !forced);
      }
      db.flush();
      durableVersion = Math.max(durableVersion, done[0].lastVersion());
      if (forced) {
        // Even without changes: this flush also put on disk any commit whose own flush failed.
        onCommit.onDisk(done[0].lastVersion());
      }
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs a write that takes no version (a token issued or revoked) in its own transaction, and puts
   * it on disk before returning, like {@link #write}.
   */
  public <T> T writeUnversioned(Function<DSLContext, T> work) {
    T result = db.dsl().transactionResult(cfg -> work.apply(DSL.using(cfg)));
    db.flush();
    return result;
  }

  /**
   * The last version a reader may see and the tombstone horizon. On PostgreSQL that is the last
   * committed version (a commit there is durable); on H2 it is capped at the last version known to
   * be on disk.
   */
  public SyncState syncState() {
    SyncState state = readSyncState();
    if (db.embedded() && state.lastVersion() > durableVersion) {
      return new SyncState(durableVersion, state.tombstoneHorizon());
    }
    return state;
  }

  private SyncState readSyncState() {
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
