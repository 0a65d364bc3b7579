package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which command lines open the window without picocli, and which are left to picocli. */
class DesktopArgsTest {

  private static DesktopArgs desktop(String... args) {
    return DesktopArgs.parse(args).orElseThrow();
  }

  private static boolean leftToPicocli(String... args) {
    return DesktopArgs.parse(args).isEmpty();
  }

  @Test
  void theDesktopOptionsInAnyOrderAndForm() {
    assertThat(desktop()).isEqualTo(new DesktopArgs(null, false));
    assertThat(desktop("--profile", "p")).isEqualTo(new DesktopArgs(Path.of("p"), false));
    assertThat(desktop("--profile=p", "--smoke-test"))
        .isEqualTo(new DesktopArgs(Path.of("p"), true));
    assertThat(desktop("--smoke-test", "--profile", "/tmp/a b"))
        .isEqualTo(new DesktopArgs(Path.of("/tmp/a b"), true));
    assertThat(desktop("--smoke-test")).isEqualTo(new DesktopArgs(null, true));
  }

  @Test
  void commandsHelpAndAnythingOddGoToPicocli() {
    assertThat(leftToPicocli("local", "--profile", "p", "list-items")).isTrue();
    assertThat(leftToPicocli("demo")).isTrue();
    assertThat(leftToPicocli("--help")).isTrue();
    assertThat(leftToPicocli("--version")).isTrue();
    assertThat(leftToPicocli("--profile")).isTrue();
    assertThat(leftToPicocli("--profile=")).isTrue();
    assertThat(leftToPicocli("--profile", "--smoke-test")).isTrue();
    assertThat(leftToPicocli("--profile", "a", "--profile", "b")).isTrue();
    assertThat(leftToPicocli("--smoke-test", "--smoke-test")).isTrue();
    assertThat(leftToPicocli("--profile", "@args.txt")).isTrue();
    assertThat(leftToPicocli("--profile", "p", "extra")).isTrue();
    assertThat(leftToPicocli("--profle", "p")).isTrue();
  }

  @Test
  void aWrongCommandLineStillGetsPicocliMessage() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"--profile"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("--profile").contains("--help");
  }
}
