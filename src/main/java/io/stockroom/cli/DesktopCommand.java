package io.stockroom.cli;

import io.stockroom.app.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level command: with no sub-command it opens the desktop app on a profile. Sub-commands
 * are the other commands of CLI.md; each lives in its own class and is listed here.
 */
@Command(
    name = "stockroom",
    mixinStandardHelpOptions = true,
    version = "Stockroom 0.1.0",
    description = "Offline-first inventory. With no command, opens the desktop app.",
    subcommands = {
      LocalCommand.class,
      ServerCommand.class,
      AdminCommand.class,
      SyncCommand.class,
      DemoCommand.class
    })
final class DesktopCommand implements Callable<Integer> {

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description = "Folder of the local database (default: the per-user data folder).")
  Path profile;

  @Option(
      names = "--smoke-test",
      description =
          "Start, render the main window, print the time to the first painted items table, exit.")
  boolean smokeTest;

  /** Opens the window and returns once it is closed. */
  @Override
  public Integer call() {
    return open(profile, smokeTest);
  }

  /**
   * Opens the desktop app on {@code profile} (default: the per-user data folder) and returns 0 once
   * its window is closed (with {@code smokeTest}: after the first painted items table).
   *
   * @throws UserError when the app cannot start or the smoke test fails
   */
  static int open(Path profile, boolean smokeTest) {
    Path dir = (profile != null ? profile : Launcher.defaultProfile()).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("cannot create the profile folder " + dir + ": " + e.getMessage(), 1);
    }
    try {
      Launcher.launch(dir, smokeTest);
    } catch (RuntimeException e) {
      // Application.launch wraps what init or start threw; that message is the one to show.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String what = smokeTest ? "the smoke test failed: " : "the desktop app could not start: ";
      throw new UserError(what + cause.getMessage(), 1);
    }
    return 0;
  }
}
