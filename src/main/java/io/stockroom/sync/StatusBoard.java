package io.stockroom.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's status as the status bar shows it, and who listens. The status is changed by several
 * threads (the cycle's progress, the live channel, sign-in, the queue counts), each changing its
 * own part: a change is applied to the status as it is at that moment, and listeners hear the
 * statuses in the order they were made, so no thread's part is lost to another's.
 */
final class StatusBoard {

  private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

  private final Object lock = new Object();
  private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
  private volatile SyncStatus status = SyncStatus.initial();

  SyncStatus status() {
    return status;
  }

  /** Adds a listener and tells it the status now, in order with every change. */
  void listen(Consumer<SyncStatus> listener) {
    synchronized (lock) {
      listeners.add(listener);
      listener.accept(status);
    }
  }

  /** Changes the status and tells every listener, on the caller's thread. */
  void update(UnaryOperator<SyncStatus> change) {
    synchronized (lock) {
      SyncStatus next = change.apply(status);
      status = next;
      for (Consumer<SyncStatus> l : listeners) {
        try {
          l.accept(next);
        } catch (RuntimeException e) {
          LOG.warn("sync status listener failed", e);
        }
      }
    }
  }
}
