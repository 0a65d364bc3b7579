package io.stockroom.app;

import com.sun.javafx.perf.PerformanceTracker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;

/**
 * The smoke mode's stopwatch: waits for the first frame rendered after the items table shows rows
 * (or the first-run screen shows, on an empty profile) and reports the wall-clock time of that
 * frame. A layout pulse that finds rows in visible table cells arms it; the render thread's next
 * finished frame is the first one with rows on screen.
 *
 * <p>The frame callback is JavaFX's own {@code PerformanceTracker} (the hook behind {@code
 * -Djavafx.pulseLogger}); it is internal API, used only in this class and only in smoke mode.
 */
final class FirstPaintProbe {

  /** What the probe saw: the epoch millis of the painted frame, or why it gave up. */
  interface Listener {
    void painted(long epochMillis);

    void failed(String reason);
  }

  private final Scene scene;
  private final Listener listener;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicBoolean done = new AtomicBoolean();
  private final Runnable onLayout = this::afterLayout;

  private FirstPaintProbe(Scene scene, Listener listener) {
    this.scene = scene;
    this.listener = listener;
  }

  /** Starts watching {@code scene}; gives up after {@code timeoutMillis}. Call on the FX thread. */
  static void watch(Scene scene, long timeoutMillis, Listener listener) {
    FirstPaintProbe probe = new FirstPaintProbe(scene, listener);
    PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
    tracker.setOnRenderedFrameTask(probe::frameRendered);
    scene.addPostLayoutPulseListener(probe.onLayout);
    Thread timer =
        new Thread(
            () -> {
              try {
                Thread.sleep(timeoutMillis);
              } catch (InterruptedException e) {
                return;
              }
              Platform.runLater(
                  () -> probe.fail("no painted items table after " + timeoutMillis + " ms"));
            },
            "stockroom-smoke-timeout");
    timer.setDaemon(true);
    timer.start();
  }

  /** FX thread, after each layout pass. */
  private void afterLayout() {
    if (done.get() || armed.get()) {
      return;
    }
    Node error = scene.lookup("#itemsError");
    if (error instanceof Labeled l && l.isVisible() && !l.getText().isEmpty()) {
      fail("the items screen shows an error: " + l.getText());
      return;
    }
    if (firstRunShowing() || tableShowsRows()) {
      armed.set(true);
    }
  }

  /** Render thread, after each frame. */
  private void frameRendered() {
    if (armed.get() && done.compareAndSet(false, true)) {
      long now = System.currentTimeMillis();
      Platform.runLater(
          () -> {
            detach();
            listener.painted(now);
          });
    }
  }

  private void fail(String reason) {
    if (done.compareAndSet(false, true)) {
      detach();
      listener.failed(reason);
    }
  }

  private void detach() {
    scene.removePostLayoutPulseListener(onLayout);
    PerformanceTracker.releaseSceneTracker(scene);
  }

  private boolean firstRunShowing() {
    Node pane = scene.lookup("#firstRunPane");
    return pane != null && pane.isVisible();
  }

  private boolean tableShowsRows() {
    if (!(scene.lookup("#itemsTable") instanceof TableView<?> table)
        || table.getItems().isEmpty()) {
      return false;
    }
    for (Node cell : table.lookupAll(".table-cell")) {
      if (cell.isVisible() && cell instanceof Labeled l && hasText(l.getText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }

  /** Convenience for callers that only need the two outcomes as lambdas. */
  static Listener listener(Consumer<Long> painted, Consumer<String> failed) {
    return new Listener() {
      @Override
      public void painted(long epochMillis) {
        painted.accept(epochMillis);
      }

      @Override
      public void failed(String reason) {
        failed.accept(reason);
      }
    };
  }
}
