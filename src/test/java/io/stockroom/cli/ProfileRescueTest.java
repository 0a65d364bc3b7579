package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.server.TestServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "a broken profile is a message, not a trace": a damaged database is one sentence naming
 * the way out, {@code local rescue} moves it aside and exports its unsynced changes, and {@code
 * local replay} queues them again in a fresh profile, where a sync lands each once.
 */
class ProfileRescueTest {

  @TempDir Path tmp;

  private static Cli.Result run(Path profile, String... args) {
    return Cli.local(profile, args);
  }

  private void ok(Path profile, String... args) {
    Cli.Result r = run(profile, args);
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void aDamagedProfileIsOneSentenceAndRescueMakesWayForAFreshOne() throws Exception {
    Path profile = tmp.resolve("p");
    ok(profile, "add-item", "--sku", "DMG-1", "--name", "Before the damage");
    try (RandomAccessFile f =
        new RandomAccessFile(profile.resolve("stockroom.mv.db").toFile(), "rw")) {
      f.write(new byte[8192]); // both copies of the file header
    }

    Cli.Result broken = run(profile, "list-items");
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.err().strip().lines()).hasSize(1);
    assertThat(broken.err()).contains("damaged").contains("rescue");

    Cli.Result rescued = run(profile, "rescue");
    assertThat(rescued.code()).as(rescued.err()).isZero();
    assertThat(rescued.out()).contains("moved the damaged database to");
    assertThat(rescued.out()).contains("could not be read");
    try (var left = Files.list(profile)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("damaged-"))
          .noneMatch(n -> n.equals("stockroom.mv.db"));
    }
    ok(profile, "add-item", "--sku", "FRESH-1", "--name", "After the rescue");
  }

  @Test
  void exportedChangesReplayedInAFreshProfileLandOnceOnTheServer() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server"), 1)) {
      Path profile = tmp.resolve("laptop");
      ok(profile, "add-location", "--code", "R-1");
      ok(profile, "add-item", "--sku", "RESCUE-1", "--name", "Queued before the rescue");
      ok(profile, "move", "--sku", "RESCUE-1", "--to", "R-1", "--qty", "7", "--reason", "receive");

      Cli.Result rescued = run(profile, "rescue");
      assertThat(rescued.code()).as(rescued.err()).isZero();
      assertThat(rescued.out()).contains("exported 3 unsynced change(s)");
      Path export;
      try (var found = Files.walk(profile)) {
        export = found.filter(p -> p.endsWith("unsynced-changes.jsonl")).findFirst().orElseThrow();
      }

      // A fresh profile, filled by its first sync, then the changes queued again, twice.
      assertThat(sync(server, profile).code()).isZero();
      ok(profile, "replay", export.toString());
      Cli.Result again = run(profile, "replay", export.toString());
      assertThat(again.out()).contains("queued 0 change(s)");
      Cli.Result s = sync(server, profile);
      assertThat(s.code()).as(s.err() + s.out()).isZero();

      String token = server.login("demo", "demo");
      var moves = server.get("/api/sync/pull?entity=stock_movements&limit=1000", token).json();
      long sevens =
          TestServer.stream(moves.get("records"))
              .filter(
                  m -> m.get("quantity").decimalValue().compareTo(new java.math.BigDecimal(7)) == 0)
              .count();
      assertThat(sevens).isEqualTo(1);
      var items = server.get("/api/sync/pull?entity=items&limit=1000", token).json();
      assertThat(TestServer.stream(items.get("records")).map(i -> i.get("sku").asText()))
          .contains("RESCUE-1");
    }
  }

  @Test
  void aProfileStillOpenIsNotRescued() {
    Path profile = tmp.resolve("open");
    ok(profile, "add-item", "--sku", "OPEN-1", "--name", "In use");
    try (var store =
        io.stockroom.store.LocalStore.open(
            profile, java.time.Clock.systemUTC(), io.stockroom.domain.IdGenerator.secure())) {
      Cli.Result r = run(profile, "rescue");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("close it before a rescue");
      assertThat(profile.resolve("stockroom.mv.db")).exists();
      assertThat(store.catalog().count("")).isEqualTo(1);
    }
  }

  @Test
  void theProfileFolderAndItsDatabaseAreTheOwnersOnly() throws Exception {
    Path profile = tmp.resolve("own");
    ok(profile, "add-item", "--sku", "OWN-1", "--name", "Private");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(profile)))
        .isEqualTo("rwx------");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(profile.resolve("stockroom.mv.db"))))
        .as("after the compacting close too")
        .isEqualTo("rw-------");
  }

  private static Cli.Result sync(TestServer server, Path profile) {
    return Cli.withInput(
        "demo\n",
        "sync",
        "--profile",
        profile.toString(),
        "--server",
        server.url(),
        "--user",
        "demo",
        "--password-stdin");
  }
}
