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
  private final ReentrantLock writeLock = new ReentrantLock();

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
      writeLock.unlock();
    }
  }

  void run(java.util.function.Consumer<DSLContext> work) {
    write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
