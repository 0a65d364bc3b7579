package io.stockroom.app.tasks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on a small pool owned by the composition root and posts callbacks with {@link
 * Platform#runLater}. {@link #close()} stops both threads; callbacks still queued are dropped.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  public FxTaskRunner(int threads) {
    this.workers = Executors.newFixedThreadPool(threads, daemon("stockroom-worker"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("stockroom-timer"));
  }

  @Override
  public <T> void run(
      Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onError) {
    if (closed) {
      return;
    }
    workers.execute(
        () -> {
          try {
            T result = work.call();
            post(() -> onSuccess.accept(result));
          } catch (Throwable e) {
            post(() -> onError.accept(e));
          }
        });
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable action) {
    AtomicBoolean cancelled = new AtomicBoolean();
    if (closed) {
      return () -> {};
    }
    ScheduledFuture<?> future =
        timer.schedule(
            () ->
                post(
                    () -> {
                      if (!cancelled.get()) {
                        action.run();
                      }
                    }),
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> {
      cancelled.set(true);
      future.cancel(false);
    };
  }

  private void post(Runnable callback) {
    if (closed) {
      return;
    }
    Platform.runLater(
        () -> {
          if (closed) {
            return;
          }
          try {
            callback.run();
          } catch (RuntimeException e) {
            LOG.error("UI callback failed", e);
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
