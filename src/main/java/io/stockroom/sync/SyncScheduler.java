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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When cycles run; never what they send (that is {@link SyncEngine}). Timers and cycles run on one
 * scheduled executor (the agent's single thread); the queued / running flags below also keep cycles
 * from overlapping on any other executor, such as the virtual-time one of the tests.
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
 * Background triggers (interval, local write, live poke) wait out a backoff; manual, retry,
 * connectivity and start-up triggers do not. The interval pauses while {@code batteryLow} says so
 * (the agent builds it from {@link LowBattery} and a setting); a manual sync still runs.
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
  private final Duration debounce;
  private final IntervalTimer timer;
  private final Counts counts;
  private final List<Consumer<CycleResult>> cycleListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> arrivalListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  // Guarded by lock: a cycle is handed to the executor (queued) or running; a trigger while one
  // runs only sets "again", and the running cycle hands the next one over when it ends. So cycles
  // never overlap, whatever executor runs them, and any number of triggers make one more cycle.
  private boolean queued;
  private boolean running;
  private boolean again;
  private Trigger queuedTrigger;
  private final StatusBoard board = new StatusBoard();
  private List<CompletableFuture<CycleResult>> waiting = new ArrayList<>();
  private ScheduledFuture<?> debounceTask;
  private ScheduledFuture<?> retryTask;
  private Instant backoffUntil;
  private int failures;
  private volatile boolean closed;
  private boolean cancelled; // guarded by lock

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
    this.timer = new IntervalTimer(executor, interval, batteryLow, () -> trigger(Trigger.INTERVAL));
    this.debounce = debounce;
    this.counts = counts;
  }

  /** Starts the interval timer and runs a first cycle. */
  public void start() {
    timer.start();
    refreshCounts();
    trigger(Trigger.STARTUP);
  }

  /** The background interval; zero means no interval (other triggers still run cycles). */
  public Duration interval() {
    return timer.interval();
  }

  /**
   * Changes the background interval at run time: the next interval cycle comes one new interval
   * from now. Zero turns the interval off.
   */
  public void setInterval(Duration next) {
    timer.set(next);
  }

  public void addListener(Consumer<SyncStatus> listener) {
    board.listen(listener);
  }

  public void addCycleListener(Consumer<CycleResult> listener) {
    cycleListeners.add(listener);
  }

  /**
   * Hears, on the sync thread, each time a cycle has applied pulled records: after its pull step,
   * before it pushes (decision record 0056). It must not block.
   */
  public void addArrivalListener(Runnable listener) {
    arrivalListeners.add(listener);
  }

  public SyncStatus status() {
    return board.status();
  }

  private void tellArrivals() {
    for (Runnable l : arrivalListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("a listener of arrived records failed", e);
      }
    }
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
      if (running) {
        if (!again) {
          again = true;
          queuedTrigger = why;
        } else {
          queuedTrigger = stronger(queuedTrigger, why);
        }
        return;
      }
      if (queued) {
        queuedTrigger = stronger(queuedTrigger, why);
        return;
      }
      queued = true;
      queuedTrigger = why;
      handOver();
    }
  }

  /** Of two coalesced triggers, the one the log names: a backoff-bypassing one wins. */
  private static Trigger stronger(Trigger a, Trigger b) {
    if (a == null) {
      return b;
    }
    return !a.bypassesBackoff() && b.bypassesBackoff() ? b : a;
  }

  /** Gives the queued cycle to the executor; called with the lock held. */
  private void handOver() {
    try {
      executor.execute(this::runQueued);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queued = false;
      failWaiting();
    }
  }

  /** The executor is gone: nobody will run the cycle these callers wait for. */
  private void failWaiting() {
    for (CompletableFuture<CycleResult> f : waiting) {
      f.completeExceptionally(new IllegalStateException("sync agent stopped"));
    }
    waiting = new ArrayList<>();
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
    update(s -> s.withLive(connected));
  }

  /** Who and where, for the status bar. */
  public void account(String server, String user) {
    update(
        s ->
            s.withAccount(server, user)
                .withState(server == null ? SyncStatus.State.SIGNED_OUT : s.state()));
  }

  private void runQueued() {
    Trigger why;
    List<CompletableFuture<CycleResult>> mine;
    synchronized (lock) {
      if (running || !queued) {
        return; // a stray hand-over; the running cycle hands the next one over itself
      }
      queued = false;
      running = true;
      why = queuedTrigger;
      mine = waiting;
      waiting = new ArrayList<>();
    }
    CycleResult result = null;
    SyncStatus before = board.status();
    try {
      update(s -> s.withState(SyncStatus.State.SYNCING).withProgress(0));
      result = engine.run(why, n -> update(s -> s.withProgress(n)), this::tellArrivals);
      afterCycle(result);
    } catch (RuntimeException e) {
      LOG.error("sync cycle crashed", e);
      // Never left showing "syncing".
      update(
          s ->
              s.state() == SyncStatus.State.SYNCING
                  ? s.withOutcome(before.state(), before.lastSync(), e.toString(), null)
                  : s);
    } finally {
      for (CompletableFuture<CycleResult> f : mine) {
        if (result != null) {
          f.complete(result);
        } else {
          f.completeExceptionally(new IllegalStateException("sync cycle failed"));
        }
      }
      synchronized (lock) {
        running = false;
        if (cancelled) {
          // Triggers that came during a cycle the user stopped do not start it over; a "Sync now"
          // pressed meanwhile still runs.
          cancelled = false;
          if (waiting.isEmpty()) {
            again = false;
          }
        }
        boolean next = again && !closed;
        again = false;
        if (next
            && !queuedTrigger.bypassesBackoff()
            && backoffUntil != null
            && clock.instant().isBefore(backoffUntil)) {
          // Background triggers that came in during a cycle that just failed wait out the
          // backoff too; the retry timer runs the next cycle.
          next = false;
        }
        if (next) {
          queued = true;
          handOver();
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
    SyncStatus.State outcome = state;
    Instant retry = retryAt;
    update(
        s ->
            s.withCounts(c[0], c[1], c[2])
                .withOutcome(outcome, r.ok() ? r.finishedAt() : s.lastSync(), r.error(), retry));
    for (Consumer<CycleResult> l : cycleListeners) {
      l.accept(r);
    }
  }

  /**
   * Stops the running cycle at its next page or batch; what it applied stays and the next cycle
   * (interval, write, Sync now) goes on from there. Does nothing when no cycle runs.
   */
  public void cancel() {
    synchronized (lock) {
      if (running) {
        cancelled = true;
        engine.cancel();
      }
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
      update(s -> s.withCounts(c[0], c[1], c[2]));
    } catch (RuntimeException e) {
      LOG.debug("could not read queue counts: {}", e.toString());
    }
  }

  /** Changes the status (see {@link StatusBoard}). */
  void update(UnaryOperator<SyncStatus> change) {
    board.update(change);
  }

  /** Seeds the last-sync time from the log at start-up. */
  public void restoreLastSync(Supplier<Instant> last) {
    Instant restored = last.get();
    update(s -> s.withOutcome(s.state(), restored, null, null));
  }

  @Override
  public void close() {
    closed = true;
    timer.close();
    synchronized (lock) {
      failWaiting();
      for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {debounceTask, retryTask}) {
        if (f != null) {
          f.cancel(false);
        }
      }
    }
  }
}
