package io.stockroom.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs local writes one at a time, each in one jOOQ transaction. Writes are serialized so the HLC
 * stamp persisted at the end of a transaction is always the newest one issued, and so coalescing
 * reads and rewrites the queue's last row without racing another local write.
 */
final class Tx {

  private final DSLContext dsl;
  // Fair: a background writer that takes the lock again and again (DeferredWords) must not keep
  // a user's write or a sync page waiting behind it.
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  Tx(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The non-transactional context, for reads. */
  DSLContext read() {
    return dsl;
  }

  /** Runs {@code work} in one transaction; a runtime exception rolls everything back. */
  <T> T write(Function<DSLContext, T> work) {
    writeLock.lock();
    try {
      return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
    } finally {
      generation.incrementAndGet();
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

  void run(java.util.function.Consumer<DSLContext> work) {
    write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
