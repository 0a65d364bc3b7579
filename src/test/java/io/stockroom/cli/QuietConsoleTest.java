package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "quiet console": a start prints only what a user should act on. Stockroom's own INFO
 * lines are the server operator's, not the app's; creating and migrating a profile prints nothing
 * (no Liquibase summary); JavaFX's warning about the class path is not shown.
 */
class QuietConsoleTest {

  @Test
  void stockroomsInfoLinesAreForTheServerOnly() {
    LoggerContext context = new LoggerContext();
    LogConfig.apply(context);
    assertThat(context.getLogger("io.stockroom").isEnabledFor(Level.INFO)).isTrue();
    assertThat(context.getLogger("liquibase").isEnabledFor(Level.INFO)).isFalse();
    LogConfig.quiet(context);
    assertThat(context.getLogger("io.stockroom.sync.SyncAgent").isEnabledFor(Level.INFO)).isFalse();
    assertThat(context.getLogger("io.stockroom.sync.SyncAgent").isEnabledFor(Level.WARN)).isTrue();
  }

  @Test
  void creatingAndMigratingAProfilePrintsNothing(@TempDir Path dir) {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      LocalStore.open(dir, Clock.systemUTC(), IdGenerator.secure()).close();
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .doesNotContain("UPDATE SUMMARY")
        .doesNotContain("Liquibase");
  }

  @Test
  void javaFxsClassPathWarningIsNotShown() {
    io.stockroom.app.Launcher.quietJavaFx();
    assertThat(
            java.util.logging.Logger.getLogger("javafx")
                .isLoggable(java.util.logging.Level.WARNING))
        .isFalse();
    assertThat(
            java.util.logging.Logger.getLogger("javafx").isLoggable(java.util.logging.Level.SEVERE))
        .isTrue();
  }
}
