package io.stockroom.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and a scheduled executor that share one virtual time, for scheduler tests that must not
 * depend on the wall clock. Nothing runs by itself: the test moves time with {@link #advance} or
 * runs what is due with {@link #runDue}, and every task runs on the test's thread, in due order
 * (ties in submission order). Other threads (a WebSocket's) may submit tasks; only the test's
 * thread runs them. Calling {@link #runDue} from inside a task is allowed and stands for a second
 * worker thread picking up work while the first one is busy.
 */
final class VirtualTime extends AbstractExecutorService implements ScheduledExecutorService {

  private final Instant origin;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private final List<Throwable> failures = new ArrayList<>();
  private long nowNanos;
  private long seq;
  private boolean shutdown;

  VirtualTime(Instant origin) {
    this.origin = origin;
  }

  /** The clock that reads this virtual time. */
  Clock clock() {
    return new Clock() {
      @Override
      public Instant instant() {
        return now();
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }

  synchronized Instant now() {
    return origin.plusNanos(nowNanos);
  }

  /** Time since the origin. */
  synchronized Duration elapsed() {
    return Duration.ofNanos(nowNanos);
  }

  /** Runs every task due now, including those the tasks themselves make due now. */
  void runDue() {
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.dueNanos > nowNanos) {
          return;
        }
        queue.poll();
      }
      next.runOnce();
    }
  }

  /** Moves time forward by {@code d}, running each task when its due time comes. */
  void advance(Duration d) {
    long target;
    synchronized (this) {
      target = nowNanos + d.toNanos();
    }
    while (true) {
      runDue();
      synchronized (this) {
        Task<?> next = queue.peek();
        if (next == null || next.dueNanos > target) {
          nowNanos = target;
          break;
        }
        nowNanos = next.dueNanos;
      }
    }
    runDue();
  }

  /** Moves time to {@code t} (not backwards), running what falls due on the way. */
  void advanceTo(Instant t) {
    Duration d = Duration.between(now(), t);
    if (!d.isNegative()) {
      advance(d);
    }
  }

  /** When the next task is due, if any is queued. */
  synchronized Optional<Instant> nextDue() {
    Task<?> next = queue.peek();
    return next == null ? Optional.empty() : Optional.of(origin.plusNanos(next.dueNanos));
  }

  /** How many tasks are due now and not yet run. */
  synchronized int dueNow() {
    return (int) queue.stream().filter(t -> t.dueNanos <= nowNanos).count();
  }

  /** Exceptions thrown by tasks so far (a scheduled executor would swallow them). */
  synchronized List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private synchronized <V> Task<V> enqueue(Task<V> t) {
    if (shutdown) {
      throw new RejectedExecutionException("virtual executor is shut down");
    }
    t.order = seq++;
    queue.add(t);
    return t;
  }

  private synchronized long dueIn(long delay, TimeUnit unit) {
    return nowNanos + Math.max(0, unit.toNanos(delay));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<>(new FutureTask<>(command, null), dueIn(delay, unit), 0, false));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(new FutureTask<>(callable), dueIn(delay, unit), 0, false));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return enqueue(periodic(command, initialDelay, period, unit, true));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return enqueue(periodic(command, initialDelay, delay, unit, false));
  }

  private Task<Object> periodic(
      Runnable command, long initialDelay, long period, TimeUnit unit, boolean fixedRate) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
    return new Task<>(command, dueIn(initialDelay, unit), unit.toNanos(period), fixedRate);
  }

  /** After a shutdown: takes tasks again (the next agent of a test on the same virtual time). */
  synchronized void resume() {
    shutdown = false;
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  /** A one-shot (a FutureTask) or periodic task at a virtual due time. */
  private final class Task<V> implements ScheduledFuture<V>, Runnable {

    private final FutureTask<V> once;
    private final Runnable repeat;
    private final long periodNanos;
    private final boolean fixedRate;
    private long order;
    private long dueNanos;
    private volatile boolean cancelled;

    Task(FutureTask<V> once, long dueNanos, long periodNanos, boolean fixedRate) {
      this.once = once;
      this.repeat = null;
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
      this.fixedRate = fixedRate;
    }

    Task(Runnable repeat, long dueNanos, long periodNanos, boolean fixedRate) {
      this.once = null;
      this.repeat = repeat;
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
      this.fixedRate = fixedRate;
    }

    void runOnce() {
      if (cancelled) {
        return;
      }
      if (once != null) {
        once.run();
        try {
          once.get();
        } catch (java.util.concurrent.ExecutionException e) {
          synchronized (VirtualTime.this) {
            failures.add(e.getCause());
          }
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
          // Not a failure of the task.
        }
        return;
      }
      long started;
      synchronized (VirtualTime.this) {
        started = dueNanos;
      }
      try {
        repeat.run();
      } catch (RuntimeException e) {
        synchronized (VirtualTime.this) {
          failures.add(e);
        }
        cancelled = true; // like ScheduledThreadPoolExecutor: a throwing periodic task stops
        return;
      }
      synchronized (VirtualTime.this) {
        if (!cancelled && !shutdown) {
          dueNanos = fixedRate ? started + periodNanos : nowNanos + periodNanos;
          order = seq++;
          queue.add(this);
        }
      }
    }

    @Override
    public void run() {
      runOnce();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (VirtualTime.this) {
        return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed o) {
      Task<?> other = (Task<?>) o;
      int c = Long.compare(dueNanos, other.dueNanos);
      return c != 0 ? c : Long.compare(order, other.order);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      synchronized (VirtualTime.this) {
        queue.remove(this);
      }
      return once == null || once.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || (once != null && once.isDone());
    }

    @Override
    public V get() throws InterruptedException, java.util.concurrent.ExecutionException {
      if (once == null) {
        throw new java.util.concurrent.CancellationException("periodic task has no result");
      }
      return once.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException,
            java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
      if (once == null) {
        throw new java.util.concurrent.CancellationException("periodic task has no result");
      }
      return once.get(timeout, unit);
    }
  }
}
