package io.stockroom.app;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * Plain entry point (no {@code Application} superclass), for the command line and for installers
 * whose main class must not extend {@code Application} on the class path.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(StockroomApp.class, args);
  }

  /** Opens the desktop app on {@code profile} and returns when its window is closed. */
  public static void launch(Path profile) {
    Application.launch(StockroomApp.class, "--profile=" + profile.toAbsolutePath());
  }

  /** The OS's per-user data folder for Stockroom. */
  public static Path defaultProfile() {
    return Path.of(ProjectDirectories.from("io", "Stockroom", "Stockroom").dataDir);
  }
}
