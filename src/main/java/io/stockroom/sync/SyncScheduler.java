package io.stockroom.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When cycles run; never what they send (that is {@link SyncEngine}). Everything happens on one
 * single-thread scheduled executor, so only one cycle ever runs at a time.
 *
 * <pre>
 *            trigger (interval, write after debounce, live poke, connectivity, Sync now)
 *                 |
 *   idle --------+------> queued --(executor free)--> running --ok--------> idle
 *     ^                      ^                          |   \
 *     |                      +--- triggers meanwhile ---+    +--transient--> backing off
 *     |                           (coalesce into one)             | retry timer, Sync now,
 *     +---------------------------------------------------------- + connectivity
 * </pre>
 *
 * Background triggers wait out a backoff; manual, retry and connectivity triggers do not. The
 * interval pauses while {@code batteryLow} says so; a manual sync still runs.
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  /** Supplies the current pending, failed and open-conflict counts. */
  public interface Counts {
    int[] read();
  }

  private final SyncEngine engine;
  private final ScheduledExecutorService executor;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration interval;
  private final Duration debounce;
  private final BooleanSupplier batteryLow;
  private final Counts counts;
  private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<CycleResult>> cycleListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile Trigger queuedTrigger = Trigger.MANUAL;
  private volatile SyncStatus status = SyncStatus.initial();
  private List<CompletableFuture<CycleResult>> waiting = new ArrayList<>();
  private ScheduledFuture<?> intervalTask;
  private ScheduledFuture<?> debounceTask;
  private ScheduledFuture<?> retryTask;
  private Instant backoffUntil;
  private int failures;
  private volatile boolean closed;
  private volatile boolean running;
  private volatile boolean skipFollower;

  public SyncScheduler(
      SyncEngine engine,
      ScheduledExecutorService executor,
      Backoff backoff,
      Clock clock,
      Duration interval,
      Duration debounce,
      BooleanSupplier batteryLow,
      Counts counts) {
    this.engine = engine;
    this.executor = executor;
    this.backoff = backoff;
    this.clock = clock;
    this.interval = interval;
    this.debounce = debounce;
    this.batteryLow = batteryLow;
    this.counts = counts;
  }

  /** Starts the interval timer and runs a first cycle. */
  public void start() {
    synchronized (lock) {
      if (intervalTask == null && !interval.isZero()) {
        long ms = interval.toMillis();
        intervalTask =
            executor.scheduleWithFixedDelay(this::intervalTick, ms, ms, TimeUnit.MILLISECONDS);
      }
    }
    refreshCounts();
    trigger(Trigger.STARTUP);
  }

  private void intervalTick() {
    if (batteryLow.getAsBoolean()) {
      LOG.debug("battery low: background sync paused");
      return;
    }
    trigger(Trigger.INTERVAL);
  }

  public void addListener(Consumer<SyncStatus> listener) {
    listeners.add(listener);
    listener.accept(status);
  }

  public void addCycleListener(Consumer<CycleResult> listener) {
    cycleListeners.add(listener);
  }

  public SyncStatus status() {
    return status;
  }

  /** Asks for a cycle. Triggers while one is queued or running coalesce into one more cycle. */
  public void trigger(Trigger why) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      if (!why.bypassesBackoff()
          && backoffUntil != null
          && clock.instant().isBefore(backoffUntil)) {
        return; // the retry timer is set and will run the cycle
      }
    }
    queuedTrigger = why;
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(this::runQueued);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        queued.set(false);
      }
    }
  }

  /** "Sync now": runs a cycle soon, whatever the backoff; completes when a cycle has finished. */
  public CompletableFuture<CycleResult> syncNow() {
    CompletableFuture<CycleResult> f = new CompletableFuture<>();
    synchronized (lock) {
      waiting.add(f);
    }
    trigger(Trigger.MANUAL);
    if (closed) {
      f.completeExceptionally(new IllegalStateException("sync agent stopped"));
    }
    return f;
  }

  /** A local write happened: sync after a pause in writing (debounced), and show the count now. */
  public void localWrite() {
    if (closed) {
      return;
    }
    synchronized (lock) {
      if (debounceTask != null) {
        debounceTask.cancel(false);
      }
      try {
        debounceTask =
            executor.schedule(
                () -> trigger(Trigger.LOCAL_WRITE), debounce.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException ignored) {
        return;
      }
    }
    executor.execute(this::refreshCounts);
  }

  /** The live channel's state, for the status bar. */
  public void liveConnected(boolean connected) {
    publish(status.withLive(connected));
  }

  /** Who and where, for the status bar. */
  public void account(String server, String user) {
    publish(
        status
            .withAccount(server, user)
            .withState(server == null ? SyncStatus.State.SIGNED_OUT : status.state()));
  }

  private void runQueued() {
    queued.set(false);
    Trigger why = queuedTrigger;
    List<CompletableFuture<CycleResult>> mine;
    synchronized (lock) {
      if (skipFollower) {
        skipFollower = false;
        if (waiting.isEmpty()) {
          return; // the cycle the user just cancelled would only start over
        }
      }
      mine = waiting;
      waiting = new ArrayList<>();
    }
    CycleResult result = null;
    running = true;
    try {
      publish(status.withState(SyncStatus.State.SYNCING).withProgress(0));
      result = engine.run(why, n -> publish(status.withProgress(n)));
      afterCycle(result);
    } catch (RuntimeException e) {
      LOG.error("sync cycle crashed", e);
    } finally {
      running = false;
      synchronized (lock) {
        if (!queued.get()) {
          skipFollower = false; // nothing queued behind the cancelled cycle
        }
      }
      for (CompletableFuture<CycleResult> f : mine) {
        if (result != null) {
          f.complete(result);
        } else {
          f.completeExceptionally(new IllegalStateException("sync cycle failed"));
        }
      }
    }
  }

  private void afterCycle(CycleResult r) {
    Instant retryAt = null;
    SyncStatus.State state;
    synchronized (lock) {
      if (retryTask != null) {
        retryTask.cancel(false);
        retryTask = null;
      }
      if (r.transientFailure()) {
        failures++;
        Duration d = backoff.delay(failures, r.retryAfter());
        retryAt = clock.instant().plus(d);
        backoffUntil = retryAt;
        if (!closed) {
          retryTask =
              executor.schedule(() -> trigger(Trigger.RETRY), d.toMillis(), TimeUnit.MILLISECONDS);
        }
        state = SyncStatus.State.OFFLINE;
      } else {
        failures = 0;
        backoffUntil = null;
        state =
            switch (r.outcome()) {
              case "ok" -> SyncStatus.State.ONLINE;
              case "signed_out" -> SyncStatus.State.SIGNED_OUT;
              case "cancelled" -> SyncStatus.State.ONLINE;
              default -> SyncStatus.State.OFFLINE;
            };
      }
    }
    int[] c = counts.read();
    Instant last = r.ok() ? r.finishedAt() : status.lastSync();
    publish(status.withCounts(c[0], c[1], c[2]).withOutcome(state, last, r.error(), retryAt));
    for (Consumer<CycleResult> l : cycleListeners) {
      l.accept(r);
    }
  }

  /**
   * Stops the running cycle at its next page or batch; what it applied stays and the next cycle
   * (interval, write, Sync now) goes on from there. Does nothing when no cycle runs.
   */
  public void cancel() {
    if (running) {
      synchronized (lock) {
        skipFollower = true; // triggers that came during the cycle do not restart it
      }
      engine.cancel();
    }
  }

  /** Consecutive transient failures so far (0 after a good cycle). */
  public int failures() {
    synchronized (lock) {
      return failures;
    }
  }

  private void refreshCounts() {
    try {
      int[] c = counts.read();
      publish(status.withCounts(c[0], c[1], c[2]));
    } catch (RuntimeException e) {
      LOG.debug("could not read queue counts: {}", e.toString());
    }
  }

  /** Sets the status and tells every listener (on the caller's thread). */
  void publish(SyncStatus next) {
    status = next;
    for (Consumer<SyncStatus> l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        LOG.warn("sync status listener failed", e);
      }
    }
  }

  /** Seeds the last-sync time from the log at start-up. */
  public void restoreLastSync(Supplier<Instant> last) {
    publish(status.withOutcome(status.state(), last.get(), null, null));
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      for (ScheduledFuture<?> f :
          new ScheduledFuture<?>[] {intervalTask, debounceTask, retryTask}) {
        if (f != null) {
          f.cancel(false);
        }
      }
    }
  }
}
