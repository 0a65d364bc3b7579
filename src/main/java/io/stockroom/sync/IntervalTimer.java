package io.stockroom.sync;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background interval of {@link SyncScheduler}: a tick every interval on the agent's executor,
 * skipped while {@code batteryLow} says so. Zero turns it off; a change takes effect one new
 * interval from now.
 */
final class IntervalTimer {

  private static final Logger LOG = LoggerFactory.getLogger(IntervalTimer.class);

  private final ScheduledExecutorService executor;
  private final BooleanSupplier batteryLow;
  private final Runnable tick;
  // Guarded by this.
  private Duration interval;
  private ScheduledFuture<?> task;
  private boolean started;
  private boolean closed;

  IntervalTimer(
      ScheduledExecutorService executor,
      Duration interval,
      BooleanSupplier batteryLow,
      Runnable tick) {
    this.executor = executor;
    this.interval = interval == null ? Duration.ZERO : interval;
    this.batteryLow = batteryLow;
    this.tick = tick;
  }

  synchronized void start() {
    started = true;
    schedule();
  }

  synchronized Duration interval() {
    return interval;
  }

  /** Changes the interval: the next tick comes one new interval from now; zero stops it. */
  synchronized void set(Duration next) {
    if (next == null || next.isNegative()) {
      throw new IllegalArgumentException("interval must be zero or positive: " + next);
    }
    if (next.equals(interval)) {
      return;
    }
    interval = next;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    if (started && !closed) {
      schedule();
    }
  }

  synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void schedule() {
    if (task == null && !interval.isZero()) {
      long ms = interval.toMillis();
      try {
        task = executor.scheduleWithFixedDelay(this::fire, ms, ms, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("interval not scheduled: the executor is shut down");
      }
    }
  }

  private void fire() {
    boolean low;
    try {
      low = batteryLow.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.debug("battery state unknown: {}", e.toString());
      low = false;
    }
    if (low) {
      LOG.debug("battery low: background sync paused");
      return;
    }
    tick.run();
  }
}
