package io.stockroom.app.shell;

import io.stockroom.app.shell.WindowPlacement.Placement;
import io.stockroom.app.shell.WindowPlacement.Rect;
import io.stockroom.domain.SettingsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the main window where {@link WindowPlacement} says and remembers where the user leaves it,
 * in the profile's settings (so per user, and per laptop). The normal bounds are tracked while the
 * window is neither maximized nor minimized, and stored when it closes.
 */
public final class WindowKeeper {

  /** The profile setting holding the placement. */
  public static final String SETTING = "window.main";

  private static final Logger LOG = LoggerFactory.getLogger(WindowKeeper.class);

  private final Stage stage;
  private final SettingsService settings;
  private Rect normal;
  private boolean stopped;

  private WindowKeeper(Stage stage, SettingsService settings, Rect normal) {
    this.stage = stage;
    this.settings = settings;
    this.normal = normal;
  }

  /** The stored placement; read before the window exists (off the FX thread at start). */
  public static Optional<Placement> stored(SettingsService settings) {
    return settings.get(SETTING).flatMap(Placement::decode);
  }

  /**
   * Sizes and places {@code stage} (not shown yet) and starts remembering where it goes; the place
   * is stored when the window closes, and by {@link #saveAndStop} when the app stops another way.
   */
  public static WindowKeeper install(
      Stage stage, SettingsService settings, Optional<Placement> saved) {
    List<Rect> screens = screens();
    Placement p = WindowPlacement.place(saved, screens);
    Rect min = WindowPlacement.minimumOn(screens.get(0));
    stage.setMinWidth(min.width());
    stage.setMinHeight(min.height());
    stage.setX(p.bounds().x());
    stage.setY(p.bounds().y());
    stage.setWidth(p.bounds().width());
    stage.setHeight(p.bounds().height());
    stage.setMaximized(p.maximized());
    WindowKeeper keeper = new WindowKeeper(stage, settings, p.bounds());
    stage.xProperty().addListener((o, a, b) -> keeper.track());
    stage.yProperty().addListener((o, a, b) -> keeper.track());
    stage.widthProperty().addListener((o, a, b) -> keeper.track());
    stage.heightProperty().addListener((o, a, b) -> keeper.track());
    stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> keeper.save());
    return keeper;
  }

  private void track() {
    if (stage.isShowing() && !stage.isMaximized() && !stage.isIconified()) {
      normal = new Rect(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }
  }

  /**
   * Stores where the window is now and stops remembering: the app is stopping, and the store closes
   * next (the window may hide after that). On the FX thread.
   */
  public void saveAndStop() {
    save();
    stopped = true;
  }

  private void save() {
    if (stopped) {
      return;
    }
    try {
      settings.put(SETTING, new Placement(normal, stage.isMaximized()).encode());
    } catch (RuntimeException e) {
      // Closing must not fail over a window position.
      LOG.warn("Could not remember the window's place: {}", e.getMessage());
    }
  }

  /** The screens' usable areas, the primary first. */
  private static List<Rect> screens() {
    List<Rect> all = new ArrayList<>();
    all.add(rect(Screen.getPrimary().getVisualBounds()));
    for (Screen s : Screen.getScreens()) {
      if (!s.equals(Screen.getPrimary())) {
        all.add(rect(s.getVisualBounds()));
      }
    }
    return all;
  }

  private static Rect rect(Rectangle2D r) {
    return new Rect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
  }
}
