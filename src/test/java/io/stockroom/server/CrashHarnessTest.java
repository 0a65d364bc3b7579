package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.testing.CliServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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

  static final JsonCodec CODEC = new JsonCodec();

  @TempDir Path tmp;
  Process server;
  String pgSchema;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (pgSchema != null) {
      try (Connection c = DriverManager.getConnection(pgUrl());
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + pgSchema + " CASCADE");
      }
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
    String[] dbArgs = database();

    Map<String, Long> acked = new ConcurrentHashMap<>(); // reference -> acknowledged version
    Map<String, Sent> unanswered = new ConcurrentHashMap<>(); // cut off by a kill
    AtomicLong highestSeen = new AtomicLong(); // acknowledged or pulled
    String itemId = null;
    String locationId = null;

    for (int round = 0; round < rounds; round++) {
      String url = start(round == 0, dbArgs);
      Client client = new Client(url);
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
      long probeVersion = client.pushOne(token, receipt(itemId, locationId, probe));
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
                    Sent s = new Sent(ref, receipt(item, location, ref));
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
                    JsonNode page = client.pull(token, cursor);
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
    Client client = new Client(url);
    String token = client.login();
    for (Sent s : List.copyOf(unanswered.values())) {
      acked.put(s.reference(), client.pushOne(token, s.mutation()));
    }
    List<JsonNode> all = client.pullAll(token);
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

  private static String pgUrl() {
    String url = System.getProperty("stockroom.test.pg.url");
    return url == null || url.isBlank() ? System.getenv("STOCKROOM_TEST_PG_URL") : url;
  }

  /** {@code --db} of a fresh schema on PostgreSQL when the tests run there, else nothing (H2). */
  private String[] database() throws Exception {
    if (!TestServer.onPostgres()) {
      return new String[0];
    }
    pgSchema = "crash_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(pgUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + pgSchema);
    }
    String url = pgUrl();
    return new String[] {
      "--db", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema
    };
  }

  static ObjectNode receipt(String itemId, String locationId, String reference) {
    ObjectNode d = CODEC.object();
    d.put("item_id", itemId);
    d.put("to_location_id", locationId);
    d.put("quantity", 1);
    d.put("reason", "receive");
    d.put("reference", reference);
    d.put("occurred_at", "2026-12-06T10:00:00.000Z");
    return TestServer.mutation("stock_movements", "create", UUID.randomUUID(), d);
  }

  /** The wire calls the harness makes, on one HTTP client. */
  static final class Client {
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Client(String base) {
      this.base = base;
    }

    String login() throws IOException {
      return send("/api/auth/login", null, "{\"username\":\"demo\",\"password\":\"demo\"}")
          .get("token")
          .asText();
    }

    String firstLocation(String token) throws IOException {
      return get("/api/sync/pull?entity=locations&limit=1", token)
          .get("records")
          .get(0)
          .get("id")
          .asText();
    }

    String createItem(String token, String sku) throws IOException {
      UUID id = UUID.randomUUID();
      ObjectNode m = TestServer.mutation("items", "create", id, TestServer.item(sku, "Crash item"));
      assertThat(pushOne(token, m)).isPositive();
      return id.toString();
    }

    /** Pushes one mutation and returns the version it was accepted with. */
    long pushOne(String token, ObjectNode mutation) throws IOException {
      ObjectNode body = CODEC.object();
      ((ArrayNode) body.putArray("mutations")).add(mutation);
      JsonNode result =
          send("/api/sync/push", token, CODEC.writeString(body)).get("results").get(0);
      if (!"accepted".equals(result.path("status").asText())) {
        throw new AssertionError("not accepted: " + result);
      }
      return result.get("server_version").asLong();
    }

    JsonNode pull(String token, String cursor) throws IOException {
      return get("/api/sync/pull?entity=stock_movements&limit=1000&since=" + cursor, token);
    }

    List<JsonNode> pullAll(String token) throws IOException {
      List<JsonNode> all = new ArrayList<>();
      String cursor = "";
      JsonNode page;
      do {
        page = pull(token, cursor);
        page.get("records").forEach(all::add);
        cursor = page.get("cursor").asText();
      } while (page.get("has_more").asBoolean());
      return all;
    }

    Map<String, Long> movementsByReference(String token) throws IOException {
      Map<String, Long> map = new HashMap<>();
      for (JsonNode m : pullAll(token)) {
        map.put(m.path("reference").asText(), m.get("version").asLong());
      }
      return map;
    }

    private JsonNode get(String path, String token) throws IOException {
      return exchange(builder(path, token).GET().build());
    }

    private JsonNode send(String path, String token, String body) throws IOException {
      return exchange(builder(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder builder(String path, String token) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Sync-Version", "1");
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return b;
    }

    private JsonNode exchange(HttpRequest request) throws IOException {
      HttpResponse<byte[]> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.statusCode() + " " + new String(r.body()));
      }
      return CODEC.mapper().readTree(r.body());
    }
  }
}
