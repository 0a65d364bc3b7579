package io.stockroom.app;

import io.stockroom.app.tasks.TaskRunner;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and callbacks at once on the calling thread; scheduled actions run immediately. */
public final class InlineTaskRunner implements TaskRunner {

  @Override
  public <T> void run(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onError) {
    T result;
    try {
      result = work.call();
    } catch (Exception e) {
      onError.accept(e);
      return;
    }
    onSuccess.accept(result);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable action) {
    action.run();
    return () -> {};
  }
}
