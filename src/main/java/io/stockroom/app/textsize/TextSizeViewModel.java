package io.stockroom.app.textsize;

import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.domain.SettingsService;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's base text size, for a laptop read at arm's length on a cart: larger, smaller or back to
 * normal in fixed steps (Ctrl+Plus, Ctrl+Minus, Ctrl+0). Every control's text follows it, since the
 * theme sizes controls from the root font. The size is a local setting of the profile, saved in the
 * background and read back at the next start.
 */
public final class TextSizeViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(TextSizeViewModel.class);

  /** The local setting that holds the size in pixels. */
  public static final String SETTING = "ui.text.size";

  /** The theme's own size: 100%. */
  public static final int NORMAL = 14;

  /**
   * The sizes the steps go through, in pixels. The largest (157%) is the largest at which every
   * screen still fits a 1366x768 laptop without cutting a label or button off (issue 16;
   * ScreenshotsTest checks it); larger than that, the operating system's own scaling is the tool.
   */
  public static final List<Integer> STEPS = List.of(11, 12, 13, 14, 16, 18, 20, 22);

  private final SettingsService settings;
  private final TaskRunner runner;
  private final ReadOnlyIntegerWrapper size;
  private final StringBinding percent;
  private final BooleanBinding canGrow;
  private final BooleanBinding canShrink;

  /** Starts at {@code initial} (see {@link #stored}). */
  public TextSizeViewModel(SettingsService settings, TaskRunner runner, int initial) {
    this.settings = settings;
    this.runner = runner;
    this.size = new ReadOnlyIntegerWrapper(this, "size", nearestStep(initial));
    this.percent =
        Bindings.createStringBinding(() -> Math.round(size.get() * 100.0 / NORMAL) + "%", size);
    this.canGrow = size.lessThan(STEPS.get(STEPS.size() - 1));
    this.canShrink = size.greaterThan(STEPS.get(0));
  }

  /**
   * The size saved in the profile, or {@link #NORMAL} when none is (or it is not a number). Reads
   * the store: call it off the UI thread, before the window is built.
   */
  public static int stored(SettingsService settings) {
    return settings
        .get(SETTING)
        .map(
            v -> {
              try {
                return nearestStep(Integer.parseInt(v.strip()));
              } catch (NumberFormatException e) {
                return NORMAL;
              }
            })
        .orElse(NORMAL);
  }

  /** The step closest to {@code px} (the smaller one on a tie). */
  static int nearestStep(int px) {
    int best = NORMAL;
    int distance = Integer.MAX_VALUE;
    for (int s : STEPS) {
      int d = Math.abs(s - px);
      if (d < distance) {
        best = s;
        distance = d;
      }
    }
    return best;
  }

  public void larger() {
    int i = STEPS.indexOf(size.get());
    if (i < STEPS.size() - 1) {
      set(STEPS.get(i + 1));
    }
  }

  public void smaller() {
    int i = STEPS.indexOf(size.get());
    if (i > 0) {
      set(STEPS.get(i - 1));
    }
  }

  public void reset() {
    set(NORMAL);
  }

  private void set(int px) {
    if (px == size.get()) {
      return;
    }
    size.set(px);
    String value = Integer.toString(px);
    runner.run(
        () -> {
          settings.put(SETTING, value);
          return null;
        },
        ok -> {},
        e -> LOG.warn("The text size could not be saved; it applies until the app closes", e));
  }

  /** The base text size in pixels. */
  public ReadOnlyIntegerProperty sizeProperty() {
    return size.getReadOnlyProperty();
  }

  /** The size against the normal one, e.g. {@code 129%}. */
  public StringBinding percentProperty() {
    return percent;
  }

  /** The style that sets the size on a window's root. */
  public String style() {
    return String.format(Locale.ROOT, "-fx-font-size: %dpx;", size.get());
  }

  public BooleanBinding canGrowProperty() {
    return canGrow;
  }

  public BooleanBinding canShrinkProperty() {
    return canShrink;
  }
}
