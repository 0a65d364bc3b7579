package io.stockroom.app.tasks;

import java.time.Duration;

/** Runs the last action submitted once nothing new has come for a while (typing, scrolling). */
public final class Debouncer {

  private final TaskRunner runner;
  private final Duration delay;
  private TaskRunner.Cancellable pending;

  public Debouncer(TaskRunner runner, Duration delay) {
    this.runner = runner;
    this.delay = delay;
  }

  public void submit(Runnable action) {
    cancel();
    pending =
        runner.schedule(
            delay,
            () -> {
              pending = null;
              action.run();
            });
  }

  public void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }
}
