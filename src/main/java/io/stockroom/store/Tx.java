package io.stockroom.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local writes one at a time, each in one jOOQ transaction. Writes are serialized so the HLC
 * stamp persisted at the end of a transaction is always the newest one issued, and so coalescing
 * reads and rewrites the queue's last row without racing another local write.
 *
 * <p>{@link #write} returns only once the transaction is on disk: H2 otherwise writes commits from
 * a background thread up to half a second later, and a kill in that window would lose a movement
 * the screen already showed as done (decision record 0041). {@link #writeReplayable} is for what
 * can be fetched or derived again (a pulled page with its cursor): it commits atomically but leaves
 * the disk write to H2, so a kill only rolls it back as a whole.
 */
final class Tx {

  private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

  private final DSLContext dsl;
  // Fair: a background writer that takes the lock again and again must not keep a user's write or
  // a sync page waiting behind it.
  private final ReentrantLock writeLock = new ReentrantLock(true);
  // What the running writes asked to run once they commit; guarded by writeLock.
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  Tx(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The non-transactional context, for reads. */
  DSLContext read() {
    return dsl;
  }

  /**
   * Runs {@code work} in one transaction and puts it on disk before returning; a runtime exception
   * rolls everything back.
   */
  <T> T write(Function<DSLContext, T> work) {
    return write(work, true);
  }

  /**
   * Runs {@code work} in one transaction that a crash may take back whole: for writes whose content
   * the server still holds or the store can derive again, never for a user's change.
   */
  <T> T writeReplayable(Function<DSLContext, T> work) {
    return write(work, false);
  }

  private <T> T write(Function<DSLContext, T> work, boolean durable) {
    writeLock.lock();
    try {
      // Each write is a transaction of its own, on a connection of its own, even one started
      // inside another: what it asked for after its commit is the part of the list past `mark`.
      int mark = afterCommit.size();
      T result;
      try {
        result = dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
      } catch (RuntimeException | Error e) {
        afterCommit.subList(mark, afterCommit.size()).clear();
        throw e;
      }
      List<Runnable> committed = new ArrayList<>(afterCommit.subList(mark, afterCommit.size()));
      afterCommit.subList(mark, afterCommit.size()).clear();
      // Committed: state kept in memory beside the rows (the word index) follows them now. The
      // commit stands whatever an action does; each action looks after its own failure.
      for (Runnable r : committed) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.error("an action after a commit failed", e);
        }
      }
      if (durable) {
        // Writes this commit (and any before it) to the file and forces it to the device.
        try {
          dsl.execute("CHECKPOINT SYNC");
        } catch (RuntimeException e) {
          // The commit stands; only the disk's confirmation is missing. Said so, so that nobody
          // records the change a second time.
          throw new StoreException(
              "the change was saved, but the disk did not confirm it: do not enter it again;"
                  + " check the disk ("
                  + e.getMessage()
                  + ")",
              e);
        }
      }
      return result;
    } finally {
      generation.incrementAndGet();
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code r} once the innermost running write commits, and never if it rolls back: for state
   * kept in memory beside the rows it wrote. Only inside {@link #write} or {@link
   * #writeReplayable}.
   */
  void afterCommit(Runnable r) {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("afterCommit outside a write");
    }
    afterCommit.add(r);
  }

  /** Whether a thread waits for the write lock (for tests that must act while one does). */
  boolean someoneWaits() {
    return writeLock.hasQueuedThreads();
  }

  /** Reads with no write running or starting meanwhile: what it reads stays the latest commit. */
  <T> T readLocked(Function<DSLContext, T> work) {
    writeLock.lock();
    try {
      return work.apply(dsl);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Moves on with every write (committed or not), so a read cached under one generation is known to
   * be stale once another write has run.
   */
  long generation() {
    return generation.get();
  }

  /**
   * Writes what replayable writes left in memory to the file now and forces it to the device,
   * between writes, so the user's next change, which must be forced, does not pay for a whole
   * sync's pages: neither H2's store of them nor the operating system's flush of its cache
   * (decision record 0041).
   */
  void checkpoint() {
    writeLock.lock();
    try {
      dsl.execute("CHECKPOINT SYNC");
    } finally {
      writeLock.unlock();
    }
  }

  /** {@link #writeReplayable} for work without a result. */
  void runReplayable(java.util.function.Consumer<DSLContext> work) {
    writeReplayable(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  void run(java.util.function.Consumer<DSLContext> work) {
    write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
