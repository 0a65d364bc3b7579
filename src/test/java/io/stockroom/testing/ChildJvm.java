package io.stockroom.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM like the test's own: the same Java, the same class path, Liquibase's
 * analytics off. Tests that need a second process (a server started through the CLI, a laptop
 * killed with SIGKILL, a process holding a profile's lock) start it from here.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** {@code java [jvmOptions] -cp <test class path> mainClass args...} */
  public static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Dliquibase.analytics.enabled=false");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The same, with no options of its own. */
  public static List<String> command(String mainClass, String... args) {
    return command(List.of(), mainClass, args);
  }
}
