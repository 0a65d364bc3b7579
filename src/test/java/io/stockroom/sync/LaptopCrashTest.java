package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.StockMovement;
import io.stockroom.server.TestServer;
import io.stockroom.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness of issue 15 for the laptop: a laptop in a JVM of its own ({@link
 * LaptopWriterChild}) records receipts and is killed with SIGKILL right after it reported the k-th
 * one done, k drawn from the printed seed, round after round on the same profile. After each kill
 * every receipt it reported is in the profile with its queued mutation; at the end the profile
 * syncs with the real server and both hold each receipt exactly once, with the same stock.
 *
 * <p>{@code -Dstockroom.crash.rounds=N} runs more rounds; {@code -Dstockroom.crash.seed=S} replays
 * the kill points.
 */
class LaptopCrashTest {

  @TempDir Path tmp;
  TestServer server;
  Laptop laptop;
  Process child;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (laptop != null) {
      laptop.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyWriteReportedDoneSurvivesAKillAndSyncsOnce() throws Exception {
    long seed = Long.getLong("stockroom.crash.seed", System.nanoTime());
    int rounds = Integer.getInteger("stockroom.crash.rounds", 4);
    System.out.println(
        "LaptopCrashTest seed=" + seed + " (replay with -Dstockroom.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    server = TestServer.start(tmp.resolve("server"), 3);
    Path profile = tmp.resolve("laptop");
    laptop =
        new Laptop(profile, Clock.systemUTC(), seed, HttpTransport::new).signIn(server, "demo");
    assertThat(laptop.sync().ok()).isTrue();
    Item item = laptop.store.catalog().create(ItemDraft.of("CRASH-LAPTOP", "Killed mid-write"));
    String bin = laptop.store.locations().list().get(0).code();
    laptop.close();
    laptop = null;

    Set<String> reported = new HashSet<>();
    for (int round = 0; round < rounds; round++) {
      int killAt = 1 + random.nextInt(40);
      child =
          new ProcessBuilder(
                  ChildJvm.command(
                      List.of("-Xmx256m"),
                      LaptopWriterChild.class.getName(),
                      profile.toString(),
                      item.id().toString(),
                      bin,
                      "k" + round + "-"))
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      int seen = 0;
      for (String line; seen < killAt && (line = out.readLine()) != null; ) {
        if (line.startsWith(LaptopWriterChild.WROTE)) {
          reported.add(line.substring(LaptopWriterChild.WROTE.length()));
          seen++;
        }
      }
      child.destroyForcibly(); // right after the k-th write was reported done
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).as("writes reported before the kill (seed %d)", seed).isEqualTo(killAt);
      child = null;

      laptop = new Laptop(profile, Clock.systemUTC(), seed + round + 1, HttpTransport::new);
      Map<String, Integer> local = references(laptop.store.stock().movements(item.id(), 100_000));
      assertThat(local.keySet())
          .as("round %d (seed %d): every write reported done is there", round, seed)
          .containsAll(reported);
      assertThat(local.values()).as("no write twice").containsOnly(1);
      long queued =
          laptop.store.outbox().open().stream()
              .filter(m -> m.entityType() == EntityType.STOCK_MOVEMENTS)
              .count();
      assertThat(queued).as("each movement has its queued mutation").isEqualTo(local.size());
      laptop.close();
      laptop = null;
    }

    laptop = new Laptop(profile, Clock.systemUTC(), seed - 1, HttpTransport::new);
    CycleResult r = laptop.sync();
    assertThat(r.ok()).isTrue();
    assertThat(laptop.store.sync().openCount()).isZero();
    Map<String, Integer> local = references(laptop.store.stock().movements(item.id(), 100_000));
    ServerState truth = ServerState.read(server);
    Map<String, Integer> onServer = new TreeMap<>();
    truth.movements.stream()
        .map(m -> m.path("reference").asText(""))
        .filter(ref -> ref.startsWith("k"))
        .forEach(ref -> onServer.merge(ref, 1, Integer::sum));
    assertThat(onServer).as("seed %d: each receipt once on the server", seed).isEqualTo(local);
    assertThat(onServer.keySet()).containsAll(reported);
    BigDecimal onHand =
        laptop
            .store
            .stock()
            .onHand(item.id(), laptop.store.locations().findByCode(bin).orElseThrow().id());
    assertThat(onHand).isEqualByComparingTo(new BigDecimal(local.size()));
    assertThat(SimulationTest.onHandOf(laptop)).isEqualTo(truth.levels);
  }

  private static Map<String, Integer> references(List<StockMovement> movements) {
    Map<String, Integer> refs = new TreeMap<>();
    for (StockMovement m : new ArrayList<>(movements)) {
      if (m.reference() != null) {
        refs.merge(m.reference(), 1, Integer::sum);
      }
    }
    return refs;
  }
}
