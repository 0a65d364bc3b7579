package io.stockroom.app;

import io.stockroom.app.tasks.TaskRunner;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds work and scheduled actions until the test releases them, to check ordering: debouncing,
 * stale answers dropped.
 */
public final class QueuedTaskRunner implements TaskRunner {

  private final Deque<Runnable> work = new ArrayDeque<>();
  private final Deque<Runnable> timers = new ArrayDeque<>();

  @Override
  public <T> void run(
      Callable<T> task, Consumer<? super T> onSuccess, Consumer<? super Throwable> onError) {
    work.add(
        () -> {
          T result;
          try {
            result = task.call();
          } catch (Exception e) {
            onError.accept(e);
            return;
          }
          onSuccess.accept(result);
        });
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable action) {
    boolean[] cancelled = {false};
    Runnable r =
        () -> {
          if (!cancelled[0]) {
            action.run();
          }
        };
    timers.add(r);
    return () -> cancelled[0] = true;
  }

  public int pendingWork() {
    return work.size();
  }

  /** Fires every timer due (all of them: the test decides the time has passed). */
  public void elapseTimers() {
    while (!timers.isEmpty()) {
      timers.poll().run();
    }
  }

  /** Runs the oldest background task and its callback. */
  public void runNext() {
    work.poll().run();
  }

  /** Runs the newest background task first (answers arriving out of order). */
  public void runLast() {
    work.pollLast().run();
  }

  public void runAll() {
    while (!work.isEmpty() || !timers.isEmpty()) {
      elapseTimers();
      while (!work.isEmpty()) {
        work.poll().run();
      }
    }
  }
}
