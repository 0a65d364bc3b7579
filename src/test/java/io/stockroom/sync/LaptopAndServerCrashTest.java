package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.StockMovement;
import io.stockroom.testing.ChildJvm;
import io.stockroom.testing.CliServer;
import io.stockroom.testing.WireClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness of issue 15 for the whole loop: a server started through the command line
 * (embedded H2, or the PostgreSQL of {@code STOCKROOM_TEST_PG_URL}) and a laptop at work ({@link
 * SyncingLaptopChild}: receipts, and a sync every third), each in a JVM of its own. Round after
 * round, drawn from the printed seed, the test kills with SIGKILL the server, the laptop, or both,
 * right after the laptop reported the k-th write done or the k-th push answer in (before the laptop
 * applied it); whatever was killed starts again on the same files. Meanwhile the test pulls, so it
 * knows every version anyone was shown. It checks:
 *
 * <ul>
 *   <li>after each restart of the server, every receipt a push answer accepted is there, at the
 *       version it was accepted with, and the next change gets a version above every version ever
 *       acknowledged or pulled;
 *   <li>at the end, once the laptop has synced: every write it reported done is on the server
 *       exactly once, the laptop and the server hold the same receipts and the same stock, and a
 *       pull from the start lists versions strictly rising.
 * </ul>
 *
 * <p>{@code -Dstockroom.crash.rounds=N} runs more rounds; {@code -Dstockroom.crash.seed=S} replays
 * the kill points of one run (the moment within each process's work still varies with timing).
 */
class LaptopAndServerCrashTest {

  private enum Kill {
    SERVER_AFTER_ANSWER,
    LAPTOP_AFTER_WRITE,
    LAPTOP_AFTER_ANSWER,
    BOTH_AFTER_ANSWER
  }

  @TempDir Path tmp;
  CliServer.Store store;
  Process server;
  Process laptopChild;
  BufferedReader laptopOut;
  Laptop laptop;

  @AfterEach
  void stop() throws Exception {
    for (Process p : new Process[] {laptopChild, server}) {
      if (p != null) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (laptop != null) {
      laptop.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void killingLaptopAndServerAtAnyMomentLosesNothingAndTheyConverge() throws Exception {
    long seed = Long.getLong("stockroom.crash.seed", System.nanoTime());
    int rounds = Integer.getInteger("stockroom.crash.rounds", 4);
    System.out.println(
        "LaptopAndServerCrashTest seed="
            + seed
            + " (replay the kill points with -Dstockroom.crash.seed="
            + seed
            + ")");
    Random random = new Random(seed);
    store = CliServer.Store.fresh();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // the server comes back on the port the laptop knows
    }
    String url = startServer(port, true);

    // The laptop signs in and has an item to receive before its first kill.
    Path profile = tmp.resolve("laptop");
    laptop = new Laptop(profile, java.time.Clock.systemUTC(), seed, HttpTransport::new);
    laptop.agent.signIn(url, "demo", "demo");
    assertThat(laptop.sync().ok()).isTrue();
    Item item = laptop.store.catalog().create(ItemDraft.of("CRASH-" + seed, "Killed mid-shift"));
    String bin = laptop.store.locations().list().get(0).code();
    assertThat(laptop.sync().ok()).isTrue();
    laptop.close();
    laptop = null;

    Map<String, Long> acked = new ConcurrentHashMap<>(); // reference -> accepted version
    Set<String> wrote = new HashSet<>();
    AtomicLong highestSeen = new AtomicLong(); // acknowledged or pulled
    WireClient client = new WireClient(url);
    String itemId = item.id().toString();
    String locationId = null;
    int children = 0;

    for (int round = 0; round < rounds; round++) {
      if (server == null) {
        startServer(port, false);
        String token = client.login();
        Map<String, Long> onServer = client.movementsByReference(token);
        for (Map.Entry<String, Long> a : acked.entrySet()) {
          assertThat(onServer)
              .as("round %d (seed %d): accepted %s is on the server", round, seed, a.getKey())
              .containsEntry(a.getKey(), a.getValue());
        }
        if (locationId == null) {
          locationId = client.firstLocation(token);
        }
        long before = highestSeen.get();
        String probe = "probe-" + round;
        long v = client.pushOne(token, WireClient.receipt(itemId, locationId, probe));
        assertThat(v)
            .as("round %d (seed %d): first version after the restart", round, seed)
            .isGreaterThan(before);
        acked.put(probe, v);
        highestSeen.accumulateAndGet(v, Math::max);
      }
      if (laptopChild == null) {
        startLaptop(profile, itemId, bin, "c" + children++ + "-");
      }

      Kill kill = Kill.values()[random.nextInt(Kill.values().length)];
      int k = kill == Kill.LAPTOP_AFTER_WRITE ? 1 + random.nextInt(30) : 1 + random.nextInt(3);
      AtomicBoolean stop = new AtomicBoolean();
      Thread puller = pulling(client, highestSeen, stop);
      int writes = 0;
      int answers = 0;
      while (kill == Kill.LAPTOP_AFTER_WRITE ? writes < k : answers < k) {
        String line = laptopOut.readLine();
        assertThat(line)
            .as("round %d (seed %d): the laptop is still at work", round, seed)
            .isNotNull();
        if (line.startsWith(SyncingLaptopChild.WROTE)) {
          wrote.add(line.substring(SyncingLaptopChild.WROTE.length()));
          writes++;
        } else if (line.startsWith(SyncingLaptopChild.ACKED)) {
          String[] parts = line.substring(SyncingLaptopChild.ACKED.length()).split(" ");
          long v = Long.parseLong(parts[1]);
          acked.put(parts[0], v);
          highestSeen.accumulateAndGet(v, Math::max);
        } else if (line.equals(SyncingLaptopChild.ANSWERED)) {
          answers++;
        }
      }
      // The moment after the k-th line: nothing else happens before the kill.
      if (kill != Kill.SERVER_AFTER_ANSWER) {
        laptopChild.destroyForcibly();
      }
      if (kill == Kill.SERVER_AFTER_ANSWER || kill == Kill.BOTH_AFTER_ANSWER) {
        server.destroyForcibly();
      }
      stop.set(true);
      puller.join(TimeUnit.SECONDS.toMillis(60));
      if (kill != Kill.SERVER_AFTER_ANSWER) {
        // What it printed after the k-th line is not read: the kill closed the pipe. The test
        // holds only what it was told, as a user holds what the screen showed.
        assertThat(laptopChild.waitFor(30, TimeUnit.SECONDS)).isTrue();
        laptopChild = null;
      }
      if (kill == Kill.SERVER_AFTER_ANSWER || kill == Kill.BOTH_AFTER_ANSWER) {
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        server = null;
      }
      System.out.println("round " + round + ": " + kill + " at " + k);
    }

    // The end of the shift: whatever runs is killed once more, the server comes back and the
    // laptop syncs (a minute later each time, so every backoff has passed) until its queue is
    // empty.
    if (laptopChild != null) {
      laptopChild.destroyForcibly();
      assertThat(laptopChild.waitFor(30, TimeUnit.SECONDS)).isTrue();
      laptopChild = null;
    }
    if (server == null) {
      startServer(port, false);
    }
    MutableClock later = new MutableClock(Duration.ZERO);
    laptop = new Laptop(profile, later, seed - 1, HttpTransport::new);
    for (int i = 0; i < 10 && !(laptop.sync().ok() && laptop.store.sync().openCount() == 0); i++) {
      for (QueuedMutation m : laptop.store.outbox().open()) {
        if (m.status() == MutationStatus.FAILED) {
          laptop.store.outbox().retry(m.id()); // what the user's Retry does
        }
      }
      later.advance(Duration.ofMinutes(1));
    }
    assertThat(laptop.store.sync().openCount()).as("seed %d: the queue drains", seed).isZero();

    Map<String, Integer> local = references(laptop.store.stock().movements(item.id(), 100_000));
    assertThat(local.values()).as("seed %d: no receipt twice on the laptop", seed).containsOnly(1);
    assertThat(local.keySet()).as("seed %d: every write reported done", seed).containsAll(wrote);

    String token = client.login();
    List<JsonNode> all = client.pullAll(token, "stock_movements");
    Map<String, Long> onServer = new TreeMap<>();
    long previous = 0;
    for (JsonNode m : all) {
      long v = m.get("version").asLong();
      assertThat(v)
          .as("versions strictly rising in pull order (seed %d)", seed)
          .isGreaterThan(previous);
      previous = v;
      if (m.get("item_id").asText().equals(itemId)) {
        String ref = m.path("reference").asText();
        assertThat(onServer.put(ref, v)).as("reference %s once (seed %d)", ref, seed).isNull();
      }
    }
    assertThat(onServer)
        .as("seed %d: every accepted receipt, at its version", seed)
        .containsAllEntriesOf(acked);
    assertThat(onServer.keySet())
        .as("seed %d: the laptop and the server hold the same receipts", seed)
        .isEqualTo(local.keySet());
    UUID binId = laptop.store.locations().findByCode(bin).orElseThrow().id();
    BigDecimal onHand = laptop.store.stock().onHand(item.id(), binId);
    assertThat(onHand).isEqualByComparingTo(new BigDecimal(onServer.size()));
    BigDecimal serverLevel =
        client.pullAll(token, "stock_levels").stream()
            .filter(l -> l.get("item_id").asText().equals(itemId))
            .filter(l -> l.get("location_id").asText().equals(binId.toString()))
            .map(l -> new BigDecimal(l.get("quantity").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(serverLevel).as("seed %d: the same stock", seed).isEqualByComparingTo(onHand);
  }

  private String startServer(int port, boolean demo) throws IOException {
    List<String> args = new ArrayList<>(List.of(store.args()));
    if (demo) {
      args.addAll(List.of("--demo", "--demo-items", "3"));
    }
    server = CliServer.start(tmp.resolve("data"), port, args.toArray(String[]::new));
    return CliServer.awaitUrl(server);
  }

  private void startLaptop(Path profile, String itemId, String bin, String prefix)
      throws IOException {
    laptopChild =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of("-Xmx256m"),
                    SyncingLaptopChild.class.getName(),
                    profile.toString(),
                    itemId,
                    bin,
                    prefix))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    laptopOut =
        new BufferedReader(
            new InputStreamReader(laptopChild.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Pulls the movements again and again, recording the highest version it was shown. */
  private static Thread pulling(WireClient client, AtomicLong highestSeen, AtomicBoolean stop) {
    Thread t =
        new Thread(
            () -> {
              try {
                String token = client.login();
                String cursor = "";
                while (!stop.get()) {
                  JsonNode page = client.pull(token, "stock_movements", cursor);
                  for (JsonNode r : page.get("records")) {
                    highestSeen.accumulateAndGet(r.get("version").asLong(), Math::max);
                  }
                  cursor = page.get("cursor").asText();
                }
              } catch (IOException | RuntimeException e) {
                // The server was killed under it.
              }
            },
            "crash-puller");
    t.setDaemon(true);
    t.start();
    return t;
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
