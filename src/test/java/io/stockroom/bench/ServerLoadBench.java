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
 * folder with N demo items (or uses {@code --url} of running demo servers, comma-separated: device
 * d talks to the d-th modulo their number), times a first pull of every item by one client (unless
 * {@code --no-first-pull}), then runs D simulated devices for S seconds, each cycling: pull items,
 * stock levels and movements from its cursors, then push a movement (and every fourth push an item
 * edit; with {@code --push-ms P} at most one push every P ms), then waits a think time of about
 * {@code --think-ms} (0: a closed loop at full speed). With {@code --live} each device also keeps a
 * live socket open. Prints requests/s, p50/p99 latency per kind, the error count and the pokes.
 *
 * <pre>java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.ServerLoadBench
 *     [--devices 200] [--seconds 60] [--items 100000] [--think-ms 1000] [--push-ms 0] [--live]
 *     [--no-first-pull] [--url http://127.0.0.1:8080[,http://127.0.0.1:8081]]</pre>
 */
public final class ServerLoadBench {

  private static final JsonCodec CODEC = new JsonCodec();
  private static final String[] PULLED = {"items", "stock_levels", "stock_movements"};

  /**
   * The server processes; device d talks to {@code urls[d % n]} (a balancer without stickiness
   * would spread them the same way on average).
   */
  private final List<String> urls;

  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private ServerLoadBench(List<String> urls) {
    this.urls = urls;
    this.url = urls.get(0);
  }

  public static void main(String[] args) throws Exception {
    int devices = intArg(args, "--devices", 200);
    int seconds = intArg(args, "--seconds", 60);
    int items = intArg(args, "--items", 100_000);
    int thinkMillis = intArg(args, "--think-ms", 1000);
    int pushMillis = intArg(args, "--push-ms", 0);
    boolean live = Arrays.asList(args).contains("--live");
    boolean firstPull = !Arrays.asList(args).contains("--no-first-pull");
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
      ServerLoadBench bench = new ServerLoadBench(List.of(url.split(",")));
      if (firstPull) {
        bench.firstPull();
      }
      bench.load(devices, seconds, thinkMillis, pushMillis, live);
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

  private void load(int devices, int seconds, int thinkMillis, int pushMillis, boolean live)
      throws Exception {
    List<String> tokens = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            devices,
            r -> {
              Thread t = new Thread(r);
              t.setDaemon(true);
              return t;
            });
    List<Future<String>> logins = new ArrayList<>();
    // A few at a time: a sign-in counts against its address until it succeeds, and thousands at
    // once from one address are what the throttle is for.
    ExecutorService signing = Executors.newFixedThreadPool(8);
    try {
      for (int d = 0; d < devices; d++) {
        int n = d;
        logins.add(signing.submit(() -> login(urls.get(n % urls.size()), "bench-device-" + n)));
      }
      for (Future<String> f : logins) {
        tokens.add(f.get());
      }
    } finally {
      signing.shutdownNow();
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
    Live sockets = new Live();
    if (live) {
      for (int d = 0; d < devices; d++) {
        sockets.open(urls.get(d % urls.size()), tokens.get(d));
      }
      sockets.awaitOpen(devices);
    }
    System.out.printf(
        Locale.ROOT,
        "%d devices signed in on %d processes%s; measuring for %d s%n",
        devices,
        urls.size(),
        live ? ", each with a live socket" : "",
        seconds);
    System.out.flush();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<?>> runs = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      String token = tokens.get(d);
      String base = urls.get(d % urls.size());
      Random random = new Random(d);
      runs.add(
          pool.submit(
              () -> {
                Device device = new Device(base, token, random, bins, someItems);
                device.cursors.putAll(start);
                // Spread the first cycles so the devices do not all fire at once.
                Thread.sleep(random.nextInt(thinkMillis + 1));
                long nextPush = System.nanoTime() + (long) (random.nextDouble() * pushMillis * 1e6);
                while (System.nanoTime() < end) {
                  boolean push = pushMillis == 0 || System.nanoTime() >= nextPush;
                  if (push) {
                    nextPush = System.nanoTime() + pushMillis * 1_000_000L;
                  }
                  device.cycle(pulls, pushes, errors, push);
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
    if (live) {
      System.out.println("  live " + sockets.summary());
      sockets.close();
    }
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
    final String base;
    final String token;
    final Random random;
    final JsonNode bins;
    final JsonNode items;
    final java.util.Map<String, String> cursors = new java.util.HashMap<>();
    int cycles;

    Device(String base, String token, Random random, JsonNode bins, JsonNode items) {
      this.base = base;
      this.token = token;
      this.random = random;
      this.bins = bins;
      this.items = items;
    }

    void cycle(Stats pulls, Stats pushes, AtomicLong errors, boolean push) {
      for (String entity : PULLED) {
        long t = System.nanoTime();
        try {
          HttpResponse<byte[]> r =
              get(
                  base,
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
      if (!push) {
        return;
      }
      long t = System.nanoTime();
      try {
        HttpResponse<byte[]> r = post(base, "/api/sync/push", token, CODEC.write(batch()));
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

  /** The devices' live sockets (the JDK's asynchronous WebSocket: no thread per socket). */
  private final class Live implements java.net.http.WebSocket.Listener {
    final List<java.net.http.WebSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicLong opened = new AtomicLong();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong closedByServer = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    void open(String base, String token) {
      http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + token)
          .header("Sync-Version", "1")
          .buildAsync(URI.create(base.replace("http://", "ws://") + "/api/sync/live"), this)
          .whenComplete(
              (ws, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                  settled.release();
                } else {
                  sockets.add(ws);
                }
              });
    }

    /** One permit per socket that opened or failed. */
    final java.util.concurrent.Semaphore settled = new java.util.concurrent.Semaphore(0);

    void awaitOpen(int n) throws InterruptedException {
      if (!settled.tryAcquire(n, 120, java.util.concurrent.TimeUnit.SECONDS)) {
        System.out.println("not every live socket opened within 120 s");
      }
    }

    @Override
    public void onOpen(java.net.http.WebSocket ws) {
      opened.incrementAndGet();
      settled.release();
      ws.request(1);
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onText(
        java.net.http.WebSocket ws, CharSequence data, boolean last) {
      if (last) {
        messages.incrementAndGet();
      }
      ws.request(1);
      return null;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onClose(
        java.net.http.WebSocket ws, int status, String reason) {
      closedByServer.incrementAndGet();
      return null;
    }

    @Override
    public void onError(java.net.http.WebSocket ws, Throwable error) {
      failed.incrementAndGet();
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "%d sockets opened, %d failed, %d closed by a server, %d pokes received",
          opened.get(),
          failed.get(),
          closedByServer.get(),
          messages.get());
    }

    void close() {
      for (java.net.http.WebSocket ws : sockets) {
        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
      }
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
    return login(url, device);
  }

  private String login(String base, String device) throws Exception {
    String body =
        "{\"username\":\"demo\",\"password\":\"demo\",\"device_name\":\"" + device + "\"}";
    HttpResponse<byte[]> r =
        post(base, "/api/auth/login", null, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "login failed: " + r.statusCode() + " (is this a --demo server?)");
    }
    return json(r).get("token").asText();
  }

  private HttpResponse<byte[]> get(String path, String token)
      throws IOException, InterruptedException {
    return get(url, path, token);
  }

  private HttpResponse<byte[]> get(String base, String path, String token)
      throws IOException, InterruptedException {
    return http.send(
        request(base, path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> post(String base, String path, String token, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        request(base, path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String base, String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
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
