package io.stockroom.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The plain desktop command lines ({@code [--profile DIR] [--smoke-test]}), recognised without
 * picocli. Building picocli's model of every command costs a cold start 0.3-0.4 s before the window
 * can begin (its classes are Java 5 bytecode: old verifier, no CDS), and opening the window needs
 * none of it. Anything else, including every error and {@code --help}, goes to picocli, so what a
 * user sees for those does not change.
 *
 * @param profile the {@code --profile} folder, or null for the per-user data folder
 */
record DesktopArgs(Path profile, boolean smokeTest) {

  private static final String PROFILE = "--profile";
  private static final String SMOKE_TEST = "--smoke-test";

  /** The desktop options of {@code args}, or empty when picocli must read them. */
  static Optional<DesktopArgs> parse(String[] args) {
    String profile = null;
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      if (arg.equals(SMOKE_TEST)) {
        if (smoke) {
          return Optional.empty();
        }
        smoke = true;
        continue;
      } else if (arg.equals(PROFILE) && i + 1 < args.length) {
        value = args[++i];
      } else if (arg.startsWith(PROFILE + "=")) {
        value = arg.substring(PROFILE.length() + 1);
      } else {
        return Optional.empty();
      }
      // picocli reads "@file" as an argument file and refuses an option as a value.
      if (profile != null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return Optional.empty();
      }
      profile = value;
    }
    try {
      return Optional.of(new DesktopArgs(profile == null ? null : Path.of(profile), smoke));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
