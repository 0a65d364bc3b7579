package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at the {@code local} commands (issue 15): each is refused with one line and exit
 * code 2 by the same domain rule the server applies, and nothing is queued.
 */
class LocalHostileInputTest {

  @TempDir Path profile;

  private Cli.Result run(String... args) {
    return Cli.local(profile, args);
  }

  @BeforeEach
  void seed() {
    assertThat(run("add-location", "--code", "H-1").code()).isZero();
    assertThat(run("add-item", "--sku", "HOST-1", "--name", "Target").code()).isZero();
  }

  private void refused(String... args) {
    String before = run("queue", "--json").out();
    Cli.Result r = run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("error: ");
    assertThat(run("queue", "--json").out()).as("nothing queued").isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e2100000000",
        "1e1000000",
        "1E+2147483647",
        "1e-2100000000",
        "1000000000000",
        "0.0001",
        "-3",
        "0",
        "NaN",
        "12 boxes"
      })
  void aHostileQuantityIsOneLine(String qty) {
    refused("move", "--sku", "HOST-1", "--to", "H-1", "--qty", qty, "--reason", "receive");
  }

  @Test
  void aHugeCountedQuantityIsOneLine() {
    refused("count", "--sku", "HOST-1", "--location", "H-1", "--counted", "1e2100000000");
  }

  @Test
  void aHundredThousandCharacterReferenceIsOneLine() {
    refused(
        "move",
        "--sku",
        "HOST-1",
        "--to",
        "H-1",
        "--qty",
        "1",
        "--reason",
        "receive",
        "--reference",
        "r".repeat(100_000));
  }

  @Test
  void controlCharactersAreRefusedHereAsOnTheServer() {
    refused("add-item", "--sku", "HOST-2", "--name", "Bell\u0007");
    refused("add-item", "--sku", "HOST\t3", "--name", "Tabbed SKU");
    refused("add-location", "--code", "H\u00002");
  }

  @Test
  void overlongTextIsOneLine() {
    refused("add-item", "--sku", "S".repeat(65), "--name", "Long SKU");
    refused("add-item", "--sku", "HOST-4", "--name", "n".repeat(100_000));
  }
}
