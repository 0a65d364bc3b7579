package io.stockroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Load benchmark of the sync server (not a test). Starts a server on embedded H2 in a temporary
 * folder with N demo items (or uses {@code --url} of a running demo server), times a first pull of
 * every item by one client, then runs D simulated devices for S seconds, each cycling: pull items,
 * stock levels and movements from its cursors, then push a movement (and every fourth cycle an item
 * edit), then waits a think time of about {@code --think-ms} (0: a closed loop at full speed).
 * Prints requests/s, p50/p99 latency per kind and the error count.
 *
 * <pre>java -cp target/stockroom.jar io.stockroom.bench.ServerLoadBench [--devices 200]
 *     [--seconds 60] [--items 100000] [--think-ms 1000] [--url http://127.0.0.1:8080]</pre>
 */
public final class ServerLoadBench {

  private static final JsonCodec CODEC = new JsonCodec();
  private static final String[] PULLED = {"items", "stock_levels", "stock_movements"};

  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private ServerLoadBench(String url) {
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 200);
    int seconds = intArg(args, "--seconds", 60);
    int items = intArg(args, "--items", 100_000);
    int thinkMillis = intArg(args, "--think-ms", 1000);
    String url = stringArg(args, "--url", null);
    StockroomServer server = null;
    if (url == null) {
      Path dir = Files.createTempDirectory("stockroom-bench");
      server = StockroomServer.open(ServerConfig.h2(dir, 0)).start();
      long t0 = System.nanoTime();
      server.seeder().seed(items);
      System.out.printf(
          Locale.ROOT, "seeded %d items in %.1f s%n", items, (System.nanoTime() - t0) / 1e9);
      url = server.url();
    }
    try {
      ServerLoadBench bench = new ServerLoadBench(url);
      bench.firstPull();
      bench.load(devices, seconds, thinkMillis);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private void firstPull() throws Exception {
    String token = login("bench-first-pull");
    long start = System.nanoTime();
    String cursor = "";
    long records = 0;
    long bytes = 0;
    int pages = 0;
    while (true) {
      HttpResponse<byte[]> r = get("/api/sync/pull?entity=items&limit=1000&since=" + cursor, token);
      bytes += r.body().length;
      JsonNode page = json(r);
      records += page.get("records").size();
      pages++;
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "first pull: %d items in %d pages, %.2f s, %.1f MB on the wire (gzip)%n",
        records,
        pages,
        seconds,
        bytes / 1e6);
  }

  private void load(int devices, int seconds, int thinkMillis) throws Exception {
    List<String> tokens = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(devices);
    List<Future<String>> logins = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      int n = d;
      logins.add(pool.submit(() -> login("bench-device-" + n)));
    }
    for (Future<String> f : logins) {
      tokens.add(f.get());
    }
    JsonNode bins =
        json(get("/api/sync/pull?entity=locations&limit=1000", tokens.get(0))).get("records");
    JsonNode someItems =
        json(get("/api/sync/pull?entity=items&limit=1000", tokens.get(0))).get("records");
    Stats pulls = new Stats();
    Stats pushes = new Stats();
    AtomicLong errors = new AtomicLong();
    // Devices start from "now": one that already holds everything pulls only changes.
    java.util.Map<String, String> start = new java.util.HashMap<>();
    for (String e : PULLED) {
      start.put(e, latestCursor(e, tokens.get(0)));
    }
    System.out.printf(Locale.ROOT, "%d devices signed in; measuring for %d s%n", devices, seconds);
    System.out.flush();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<?>> runs = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      String token = tokens.get(d);
      Random random = new Random(d);
      runs.add(
          pool.submit(
              () -> {
                Device device = new Device(token, random, bins, someItems);
                device.cursors.putAll(start);
                // Spread the first cycles so the devices do not all fire at once.
                Thread.sleep(random.nextInt(thinkMillis + 1));
                while (System.nanoTime() < end) {
                  device.cycle(pulls, pushes, errors);
                  if (thinkMillis > 0) {
                    Thread.sleep(thinkMillis / 2 + random.nextInt(thinkMillis + 1));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : runs) {
      f.get();
    }
    pool.shutdown();
    long total = pulls.count() + pushes.count();
    System.out.printf(
        Locale.ROOT,
        "load: %d devices for %d s: %d requests, %.0f requests/s, errors %d%n",
        devices,
        seconds,
        total,
        total / (double) seconds,
        errors.get());
    System.out.println("  pull " + pulls.summary());
    System.out.println("  push " + pushes.summary());
  }

  private String latestCursor(String entity, String token) throws Exception {
    String cursor = "";
    while (true) {
      JsonNode page =
          json(get("/api/sync/pull?entity=" + entity + "&limit=1000&since=" + cursor, token));
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        return cursor;
      }
    }
  }

  private final class Device {
    final String token;
    final Random random;
    final JsonNode bins;
    final JsonNode items;
    final java.util.Map<String, String> cursors = new java.util.HashMap<>();
    int cycles;

    Device(String token, Random random, JsonNode bins, JsonNode items) {
      this.token = token;
      this.random = random;
      this.bins = bins;
      this.items = items;
    }

    void cycle(Stats pulls, Stats pushes, AtomicLong errors) {
      for (String entity : PULLED) {
        long t = System.nanoTime();
        try {
          HttpResponse<byte[]> r =
              get(
                  "/api/sync/pull?entity=" + entity + "&limit=500&since=" + cursors.get(entity),
                  token);
          if (r.statusCode() != 200) {
            errors.incrementAndGet();
            continue;
          }
          cursors.put(entity, json(r).get("cursor").asText());
          pulls.add(System.nanoTime() - t);
        } catch (Exception e) {
          errors.incrementAndGet();
        }
      }
      long t = System.nanoTime();
      try {
        HttpResponse<byte[]> r = post("/api/sync/push", token, CODEC.write(batch()));
        if (r.statusCode() != 200) {
          errors.incrementAndGet();
          return;
        }
        for (JsonNode result : json(r).get("results")) {
          if (!"accepted".equals(result.get("status").asText())) {
            errors.incrementAndGet();
          }
        }
        pushes.add(System.nanoTime() - t);
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }

    ObjectNode batch() {
      ObjectNode body = CODEC.object();
      ArrayNode list = body.putArray("mutations");
      JsonNode item = items.get(random.nextInt(items.size()));
      ObjectNode move = mutation("stock_movements", "create", UUID.randomUUID());
      ObjectNode data = move.putObject("data");
      data.put("item_id", item.get("id").asText());
      data.put("to_location_id", bins.get(random.nextInt(bins.size())).get("id").asText());
      data.put("quantity", BigDecimal.valueOf(1 + random.nextInt(5)));
      data.put("reason", "receive");
      list.add(move);
      if (cycles++ % 4 == 0) {
        ObjectNode edit = mutation("items", "update", UUID.fromString(item.get("id").asText()));
        edit.putObject("data")
            .put("description", "checked by a bench device " + random.nextInt(1000));
        list.add(edit);
      }
      return body;
    }
  }

  private static ObjectNode mutation(String entity, String action, UUID id) {
    ObjectNode m = CODEC.object();
    m.put("idempotency_key", UUID.randomUUID().toString());
    m.put("entity", entity);
    m.put("action", action);
    m.put("entity_id", id.toString());
    return m;
  }

  /** Latencies in nanoseconds; percentiles from a sorted copy at the end. */
  private static final class Stats {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized long count() {
      return size;
    }

    synchronized String summary() {
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "%d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          size,
          pct(sorted, 0.50),
          pct(sorted, 0.99),
          size == 0 ? 0 : sorted[size - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
      return sorted.length == 0
          ? 0
          : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
  }

  private String login(String device) throws Exception {
    String body =
        "{\"username\":\"demo\",\"password\":\"demo\",\"device_name\":\"" + device + "\"}";
    HttpResponse<byte[]> r =
        post("/api/auth/login", null, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "login failed: " + r.statusCode() + " (is this a --demo server?)");
    }
    return json(r).get("token").asText();
  }

  private HttpResponse<byte[]> get(String path, String token)
      throws IOException, InterruptedException {
    return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> post(String path, String token, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(60))
            .header("Sync-Version", "1")
            .header("Accept-Encoding", "gzip")
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    byte[] body = r.body();
    if (r.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
      body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return CODEC.tree(body);
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
