package io.stockroom.app.tasks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way view models do background work. {@link #run} calls {@code work} off the UI thread and
 * hands its result or error to a callback on the UI thread; {@link #schedule} runs an action on the
 * UI thread after a delay. Only callbacks touch properties. Tests use an inline runner.
 */
public interface TaskRunner {

  <T> void run(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onError);

  /** Runs {@code action} on the UI thread after {@code delay}, unless cancelled first. */
  Cancellable schedule(Duration delay, Runnable action);

  /** A scheduled action that has not run yet. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
