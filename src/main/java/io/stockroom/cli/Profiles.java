package io.stockroom.cli;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;

/** Where a profile lives when no {@code --profile} is given: the OS's per-user data folder. */
final class Profiles {

  private Profiles() {}

  static Path defaultDir() {
    return Path.of(ProjectDirectories.from("io", "Stockroom", "Stockroom").dataDir);
  }
}
