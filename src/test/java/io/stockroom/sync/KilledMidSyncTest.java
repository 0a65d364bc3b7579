package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app killed mid-sync (issue 4): the agent runs in a separate JVM ({@link SyncChild}) against
 * the real server in this one, is killed with SIGKILL once during a first pull of 5,000 items (five
 * pages) and once during a push of a few hundred mutations, and a restarted agent then syncs to the
 * end. The child stops after each exchange until the test lets it go on, so each kill lands at a
 * known point: with the third page of items received but not applied, and with the items batch
 * accepted but its answer not yet applied (the movements not sent). The profile must equal the
 * server, every operation must have landed exactly once, and nothing may be left queued. H2 is only
 * ever opened by one process: the test waits for the child to die first.
 */
class KilledMidSyncTest {

  static final int ITEMS = 5_000;
  static final int PUSHED = 150;

  @TempDir Path tmp;
  TestServer server;
  Laptop laptop;

  @AfterEach
  void stop() {
    if (laptop != null) {
      laptop.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void killedDuringPullAndDuringPushThenRestartedConverges() throws Exception {
    server = TestServer.start(tmp.resolve("server"), ITEMS);
    Path profile = tmp.resolve("laptop");

    // 1. Killed during the first pull: two pages of items applied, the third received.
    Child pull = Child.start(profile, server.url());
    pull.await(l -> l.equals("pull items"), 3);
    pull.kill();

    laptop = new Laptop(profile, Clock.systemUTC(), 7, HttpTransport::new);
    int partial = laptop.store.catalog().count("");
    // Two pages were applied. A pulled page is committed with its cursor but not forced to disk
    // (the server still holds it; decision record 0041), so the kill may take back either page,
    // never part of one, and the cursor always matches what is there.
    assertThat(partial)
        .as("items pulled before the kill")
        .isIn(0, SyncEngine.PAGE, 2 * SyncEngine.PAGE);
    assertThat(laptop.store.sync().cursor(EntityType.ITEMS).isPresent()).isEqualTo(partial > 0);
    assertThat(laptop.agent.signedIn()).as("the sign-in is a durable write").isTrue();
    CycleResult resumed = laptop.sync();
    assertThat(resumed.ok()).isTrue();
    if (partial > 0) {
      assertThat(resumed.pulled()).as("resumed from the stored cursor").isLessThan(ITEMS);
    }
    assertThat(laptop.store.catalog().count("")).isEqualTo(ITEMS);

    // 2. Killed during the push of a queue of items, then movements of those items.
    List<Item> made = new ArrayList<>();
    for (int i = 0; i < PUSHED; i++) {
      made.add(laptop.store.catalog().create(ItemDraft.of("KILL-" + i, "Queued before the kill")));
    }
    for (int i = 0; i < PUSHED; i++) {
      laptop
          .store
          .stock()
          .record(
              new MovementRequest(
                  made.get(i).id(),
                  MovementReason.RECEIVE,
                  null,
                  "A-0" + (1 + i % 5),
                  new BigDecimal(1 + i % 7),
                  "kill-" + i));
    }
    assertThat(laptop.store.sync().openCount()).isEqualTo(2 * PUSHED);
    laptop.close();

    Child push = Child.start(profile, server.url());
    push.await(l -> l.startsWith("push "), 1); // the items batch is in, the movements not yet
    push.kill();

    laptop = new Laptop(profile, Clock.systemUTC(), 8, HttpTransport::new);
    ServerState before = ServerState.read(server);
    assertThat(before.items).hasSize(ITEMS + PUSHED); // accepted on the server...
    assertThat(laptop.store.sync().openCount()).isGreaterThan(0); // ...not all answered here
    assertThat(laptop.store.outbox().open())
        .allSatisfy(m -> assertThat(m.status().dbValue()).isEqualTo("pending"));

    CycleResult r = laptop.sync();
    assertThat(r.ok()).isTrue();
    assertThat(laptop.store.sync().openCount()).isZero();
    assertThat(laptop.store.sync().failed()).isEmpty();

    ServerState truth = ServerState.read(server);
    Map<String, Integer> refs = new TreeMap<>();
    truth.movements.stream()
        .map(m -> m.path("reference").asText(""))
        .filter(ref -> ref.startsWith("kill-"))
        .forEach(ref -> refs.merge(ref, 1, Integer::sum));
    assertThat(refs).as("each movement applied once").hasSize(PUSHED);
    assertThat(refs.values()).containsOnly(1);
    assertThat(truth.levels).isEqualTo(truth.levelsFromMovements());
    assertThat(SimulationTest.itemsOf(laptop)).isEqualTo(truth.items);
    assertThat(SimulationTest.movementIds(laptop)).isEqualTo(truth.movementIds());
    assertThat(SimulationTest.onHandOf(laptop)).isEqualTo(truth.levels);
  }

  /** A {@link SyncChild} JVM and the lines it prints. */
  static final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException ignored) {
                  // The child died.
                }
              },
              "sync-child-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path profile, String url) throws IOException {
      ProcessBuilder pb =
          new ProcessBuilder(
              ChildJvm.command(
                  List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                  SyncChild.class.getName(),
                  profile.toString(),
                  url));
      pb.redirectErrorStream(true);
      return new Child(pb.start());
    }

    /**
     * Lets the child go on exchange after exchange until the {@code n}-th line (after the prefix)
     * that matches; the child then waits there, that exchange's answer in hand, not yet applied.
     */
    void await(Predicate<String> what, int n) throws InterruptedException, IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int found = 0;
      while (found < n) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("child never printed what the test waits for: " + seen);
        }
        seen.add(line);
        if (line.startsWith(SyncChild.PREFIX)) {
          String l = line.substring(SyncChild.PREFIX.length());
          if (l.equals("done")) {
            throw new AssertionError("child finished before the kill: " + seen);
          }
          if (what.test(l)) {
            found++;
          }
          if (found < n && (l.startsWith("pull ") || l.startsWith("push "))) {
            proceed();
          }
        }
      }
    }

    private void proceed() throws IOException {
      process.getOutputStream().write('\n');
      process.getOutputStream().flush();
    }

    /** SIGKILL, and wait until the process (and its lock on the profile) is gone. */
    void kill() throws InterruptedException {
      // At once: what the laptop showed as done must already be on disk.
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isNotZero();
    }
  }
}
