package io.stockroom.app.queue;

import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sync screen's two settings of background sync: the interval and the pause on a low battery.
 * Read from the agent once; a choice the user makes is saved at once and said in {@code message}. A
 * save that fails shows its error and reads back what is really in force.
 */
final class BackgroundSyncSettings {

  private final TaskRunner runner;
  private final SyncControl sync;
  private final Consumer<String> message;
  private final ObservableList<IntervalChoice> choices = FXCollections.observableArrayList();
  private final ObjectProperty<IntervalChoice> interval =
      new SimpleObjectProperty<>(this, "interval");
  private final BooleanProperty pauseOnLowBattery =
      new SimpleBooleanProperty(this, "pauseOnLowBattery", true);
  private boolean loaded;
  private boolean applying;

  BackgroundSyncSettings(TaskRunner runner, SyncControl sync, Consumer<String> message) {
    this.runner = runner;
    this.sync = sync;
    this.message = message;
    interval.addListener(
        (o, was, now) -> {
          if (!applying && now != null && !now.equals(was)) {
            saveInterval(now.interval());
          }
        });
    pauseOnLowBattery.addListener(
        (o, was, now) -> {
          if (!applying) {
            savePauseOnLowBattery(now);
          }
        });
  }

  private record Read(Duration interval, boolean pauseOnLowBattery) {}

  boolean loaded() {
    return loaded;
  }

  /** Reads the interval and the battery rule from the agent (once; they change only here). */
  void load() {
    loaded = true;
    runner.run(
        () -> new Read(sync.interval(), sync.pauseOnLowBattery()),
        s -> {
          applying = true;
          try {
            choices.setAll(IntervalChoice.around(s.interval()));
            interval.set(new IntervalChoice(s.interval()));
            pauseOnLowBattery.set(s.pauseOnLowBattery());
          } finally {
            applying = false;
          }
        },
        e -> message.accept(Errors.message(e)));
  }

  private void saveInterval(Duration next) {
    runner.run(
        () -> {
          sync.setInterval(next);
          return next;
        },
        ok ->
            message.accept(
                ok.isZero()
                    ? "Background sync is off; Sync now and live changes still sync."
                    : "Background sync: "
                        + new IntervalChoice(ok).label().toLowerCase(Locale.ROOT)
                        + "."),
        e -> {
          message.accept(Errors.message(e));
          load(); // show what is really in force
        });
  }

  private void savePauseOnLowBattery(boolean pause) {
    runner.run(
        () -> {
          sync.setPauseOnLowBattery(pause);
          return pause;
        },
        ok ->
            message.accept(
                ok
                    ? "Background sync pauses below 15% battery; Sync now still works."
                    : "Background sync runs whatever the battery."),
        e -> {
          message.accept(Errors.message(e));
          load();
        });
  }

  ObservableList<IntervalChoice> choices() {
    return FXCollections.unmodifiableObservableList(choices);
  }

  ObjectProperty<IntervalChoice> interval() {
    return interval;
  }

  BooleanProperty pauseOnLowBattery() {
    return pauseOnLowBattery;
  }
}
