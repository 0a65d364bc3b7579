package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.testing.CliServer;
import io.stockroom.testing.WireClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness of issue 15 for the server: a server started through the command line in a JVM
 * of its own (embedded H2, or the PostgreSQL of {@code STOCKROOM_TEST_PG_URL}) takes receipts from
 * two pushing clients and a pulling one, and is killed with SIGKILL the moment the test holds the
 * k-th acknowledgement of the round, k drawn from the printed seed. After each restart on the same
 * store:
 *
 * <ul>
 *   <li>every acknowledged movement is there, with the version it was acknowledged with;
 *   <li>the next change gets a version above every version ever acknowledged or pulled;
 *   <li>pulling from the start lists versions strictly rising, and no reference twice;
 *   <li>mutations whose answer the kill cut off, sent again with the same idempotency keys, land
 *       exactly once.
 * </ul>
 *
 * <p>{@code -Dstockroom.crash.rounds=N} runs more rounds; {@code -Dstockroom.crash.seed=S} replays
 * the kill points of one run (the moment within the server's work still varies with timing).
 */
class CrashHarnessTest {

  @TempDir Path tmp;
  Process server;
  CliServer.Store store;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (store != null) {
      store.close();
    }
  }

  /** A receipt the test sent, and what became of it. */
  record Sent(String reference, ObjectNode mutation) {}

  @Test
  void acknowledgedPushesSurviveKillsAndVersionsOnlyRise() throws Exception {
    long seed = Long.getLong("stockroom.crash.seed", System.nanoTime());
    int rounds = Integer.getInteger("stockroom.crash.rounds", 4);
    System.out.println(
        "CrashHarnessTest seed="
            + seed
            + " (replay the kill points with -Dstockroom.crash.seed="
            + seed
            + ")");
    Random random = new Random(seed);
    store = CliServer.Store.fresh();
    String[] dbArgs = store.args();

    Map<String, Long> acked = new ConcurrentHashMap<>(); // reference -> acknowledged version
    Map<String, Sent> unanswered = new ConcurrentHashMap<>(); // cut off by a kill
    AtomicLong highestSeen = new AtomicLong(); // acknowledged or pulled
    String itemId = null;
    String locationId = null;

    for (int round = 0; round < rounds; round++) {
      String url = start(round == 0, dbArgs);
      WireClient client = new WireClient(url);
      String token = client.login();
      if (itemId == null) {
        locationId = client.firstLocation(token);
        itemId = client.createItem(token, "CRASH-" + seed);
      }

      // What earlier rounds were told is all there, at the versions they were told.
      Map<String, Long> onServer = client.movementsByReference(token);
      for (Map.Entry<String, Long> a : acked.entrySet()) {
        assertThat(onServer)
            .as("round %d (seed %d): acknowledged %s is on the server", round, seed, a.getKey())
            .containsEntry(a.getKey(), a.getValue());
      }
      // Cut-off mutations sent again land once; their references are then acknowledged too.
      for (Sent s : List.copyOf(unanswered.values())) {
        long v = client.pushOne(token, s.mutation());
        assertThat(v).isPositive();
        acked.put(s.reference(), v);
        highestSeen.accumulateAndGet(v, Math::max);
        unanswered.remove(s.reference());
      }
      // The next change is above everything ever acknowledged or pulled.
      long before = highestSeen.get();
      String probe = "probe-" + round;
      long probeVersion = client.pushOne(token, WireClient.receipt(itemId, locationId, probe));
      assertThat(probeVersion)
          .as("round %d (seed %d): first version after the restart", round, seed)
          .isGreaterThan(before);
      acked.put(probe, probeVersion);
      highestSeen.accumulateAndGet(probeVersion, Math::max);

      // The round's load, killed at the k-th acknowledgement.
      int killAt = 3 + random.nextInt(25);
      BlockingQueue<String> acks = new LinkedBlockingQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        String prefix = "r" + round + "-t" + t + "-";
        String item = itemId;
        String location = locationId;
        load.add(
            started(
                "crash-pusher-" + t,
                () -> {
                  for (int n = 0; !stop.get(); n++) {
                    String ref = prefix + n;
                    Sent s = new Sent(ref, WireClient.receipt(item, location, ref));
                    unanswered.put(ref, s);
                    long v;
                    try {
                      v = client.pushOne(token, s.mutation());
                    } catch (IOException | RuntimeException e) {
                      return; // the server is gone; the reference stays unanswered
                    }
                    acked.put(ref, v);
                    highestSeen.accumulateAndGet(v, Math::max);
                    unanswered.remove(ref);
                    acks.add(ref);
                  }
                }));
      }
      load.add(
          started(
              "crash-puller",
              () -> {
                String cursor = "";
                while (!stop.get()) {
                  try {
                    JsonNode page = client.pull(token, "stock_movements", cursor);
                    for (JsonNode r : page.get("records")) {
                      highestSeen.accumulateAndGet(r.get("version").asLong(), Math::max);
                    }
                    cursor = page.get("cursor").asText();
                  } catch (IOException | RuntimeException e) {
                    return;
                  }
                }
              }));
      for (int k = 0; k < killAt; k++) {
        assertThat(acks.poll(60, TimeUnit.SECONDS)).as("an acknowledgement").isNotNull();
      }
      server.destroyForcibly(); // the moment after the k-th answer arrived
      stop.set(true);
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Thread t : load) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      server = null;
    }

    // A last restart: everything acknowledged is there once, and versions rise in pull order.
    String url = start(false, dbArgs);
    WireClient client = new WireClient(url);
    String token = client.login();
    for (Sent s : List.copyOf(unanswered.values())) {
      acked.put(s.reference(), client.pushOne(token, s.mutation()));
    }
    List<JsonNode> all = client.pullAll(token, "stock_movements");
    Map<String, Long> byReference = new HashMap<>();
    long previous = 0;
    for (JsonNode m : all) {
      long v = m.get("version").asLong();
      assertThat(v)
          .as("versions strictly rising in pull order (seed %d)", seed)
          .isGreaterThan(previous);
      previous = v;
      if (!m.get("item_id").asText().equals(itemId)) {
        continue; // the demo data's opening stock
      }
      String ref = m.path("reference").asText();
      assertThat(byReference.put(ref, v)).as("reference %s once (seed %d)", ref, seed).isNull();
    }
    assertThat(byReference).as("seed %d", seed).containsAllEntriesOf(acked);
    assertThat(byReference.keySet()).isEqualTo(Set.copyOf(acked.keySet()));
  }

  private static Thread started(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private String start(boolean demo, String[] dbArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of(dbArgs));
    if (demo) {
      args.addAll(List.of("--demo", "--demo-items", "3"));
    }
    server = CliServer.start(tmp.resolve("data"), args.toArray(String[]::new));
    return CliServer.awaitUrl(server);
  }
}
