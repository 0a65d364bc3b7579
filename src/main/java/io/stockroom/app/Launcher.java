package io.stockroom.app;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * Plain entry point (no {@code Application} superclass), for the command line and for installers
 * whose main class must not extend {@code Application} on the class path.
 */
public final class Launcher {

  /**
   * JavaFX's own logger, held so its level sticks. JavaFX warns at every start that its classes
   * came from the class path ("Unsupported JavaFX configuration"): true by design of the single jar
   * and the installers (JavaFX 21 runs so, and the UI tests cover it), and nothing a user could act
   * on, so only its errors reach the console.
   */
  static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

  private Launcher() {}

  /** What JavaFX itself may print: errors only (see {@link #JAVAFX_LOG}). */
  public static void quietJavaFx() {
    JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  public static void main(String[] args) {
    quietJavaFx();
    Application.launch(StockroomApp.class, args);
  }

  /** Opens the desktop app on {@code profile} and returns when its window is closed. */
  public static void launch(Path profile) {
    launch(profile, false);
  }

  /**
   * Opens the desktop app on {@code profile}; with {@code smokeTest} it quits by itself after the
   * first painted items table and prints the time that took.
   *
   * @throws RuntimeException when the app cannot start or the smoke test fails
   */
  public static void launch(Path profile, boolean smokeTest) {
    quietJavaFx();
    String dir = "--profile=" + profile.toAbsolutePath();
    // The store opens while JavaFX starts; the app's init takes it.
    EarlyStore.start(AppConfig.forProfile(profile), LocalStores::open);
    try {
      if (smokeTest) {
        Application.launch(StockroomApp.class, dir, StockroomApp.SMOKE_TEST);
      } else {
        Application.launch(StockroomApp.class, dir);
      }
    } finally {
      EarlyStore.discard();
    }
  }

  /** The OS's per-user data folder for Stockroom. */
  public static Path defaultProfile() {
    return Path.of(ProjectDirectories.from("io", "Stockroom", "Stockroom").dataDir);
  }
}
