package io.stockroom.sync;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's status as the status bar shows it, and who listens. The status is changed by several
 * threads (the cycle's progress, the live channel, sign-in, the queue counts), each changing its
 * own part: a change is applied to the status as it is at that moment, so no thread's part is lost
 * to another's.
 *
 * <p>Listeners hear the statuses in the order they were made, one at a time, and never while a lock
 * is held: the thread that finds nobody delivering delivers what is waiting, the others only add to
 * it. A listener may therefore call back into the agent (even change the status) without any risk
 * of a deadlock; it runs on whichever thread made a change, so it should hand slow work on.
 */
final class StatusBoard {

  private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

  private final Object lock = new Object();
  private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Runnable> deliveries = new ArrayDeque<>();
  private boolean delivering;
  private volatile SyncStatus status = SyncStatus.initial();

  SyncStatus status() {
    return status;
  }

  /** Adds a listener, which first hears the status as it is now, in order with every change. */
  void listen(Consumer<SyncStatus> listener) {
    synchronized (lock) {
      listeners.add(listener);
      SyncStatus now = status;
      deliveries.add(() -> tell(listener, now));
    }
    deliver();
  }

  /** Changes the status; every listener hears it (see the class comment for on which thread). */
  void update(UnaryOperator<SyncStatus> change) {
    synchronized (lock) {
      SyncStatus next = change.apply(status);
      status = next;
      List<Consumer<SyncStatus>> now = List.copyOf(listeners);
      deliveries.add(() -> now.forEach(l -> tell(l, next)));
    }
    deliver();
  }

  private void deliver() {
    synchronized (lock) {
      if (delivering) {
        return; // the thread delivering now delivers this too, in order
      }
      delivering = true;
    }
    while (true) {
      Runnable next;
      synchronized (lock) {
        next = deliveries.poll();
        if (next == null) {
          delivering = false;
          return;
        }
      }
      try {
        next.run();
      } catch (Error e) {
        synchronized (lock) {
          delivering = false; // what is left goes with the next change
        }
        throw e;
      }
    }
  }

  private static void tell(Consumer<SyncStatus> listener, SyncStatus s) {
    try {
      listener.accept(s);
    } catch (RuntimeException e) {
      LOG.warn("sync status listener failed", e);
    }
  }
}
