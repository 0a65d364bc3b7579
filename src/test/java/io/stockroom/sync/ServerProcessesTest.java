package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.testing.CliServer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: two server processes on one PostgreSQL behave as one server (decision record 0054).
 * Each {@link TestServer#peer()} has its own HTTP server, pool, writer, caches and change feed, and
 * shares only the database with the first, as a second process would. Runs in CI's PostgreSQL pass;
 * on embedded H2 one process owns the file, and there is nothing to test.
 */
class ServerProcessesTest {

  @TempDir Path tmp;
  TestServer a;
  TestServer b;
  final List<Laptop> laptops = new ArrayList<>();

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (STOCKROOM_TEST_PG_URL)");
    a = TestServer.start(tmp.resolve("a"));
    b = a.peer();
  }

  @AfterEach
  void stop() {
    Laptop.closeAll(laptops);
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private Laptop laptop(String name, Function<String, Transport> transports) {
    Path dir = tmp.resolve(name);
    Laptop l = new Laptop(dir, Clock.systemUTC(), dir.toString().hashCode(), transports);
    laptops.add(l);
    return l;
  }

  /** A load balancer without sticky sessions: each request goes to the other process. */
  private Function<String, Transport> roundRobin() {
    AtomicInteger n = new AtomicInteger();
    Transport toA = new HttpTransport(a.url());
    Transport toB = new HttpTransport(b.url());
    return url -> request -> (n.getAndIncrement() % 2 == 0 ? toA : toB).send(request);
  }

  @Test
  void laptopsOnEachProcessAndOneAlternatingBetweenThemConverge() {
    Laptop onA = laptop("on-a", HttpTransport::new).signIn(a, "demo");
    Laptop onB = laptop("on-b", HttpTransport::new).signIn(b, "demo");
    Laptop both = laptop("both", roundRobin()).signIn(a, "demo");
    assertThat(onA.sync().ok()).isTrue();
    assertThat(onB.sync().ok()).isTrue();
    assertThat(both.sync().ok()).isTrue();

    Item made = onA.store.catalog().create(ItemDraft.of("TWO-PROC-1", "Made through A"));
    for (Laptop l : List.of(onA, onB, both)) {
      l.store
          .stock()
          .record(
              new MovementRequest(
                  l == onA ? made.id() : l.store.catalog().findBySku("SKU-000001").get().id(),
                  MovementReason.RECEIVE,
                  null,
                  "A-01",
                  new BigDecimal("2"),
                  null));
    }
    assertThat(onA.sync().ok()).isTrue();
    for (int round = 0; round < 2; round++) {
      for (Laptop l : List.of(onB, both, onA)) {
        assertThat(l.sync().ok()).isTrue();
      }
    }
    for (Laptop l : List.of(onA, onB, both)) {
      assertThat(l.store.outbox().pendingCount()).isZero();
      Item seen = l.store.catalog().findBySku("TWO-PROC-1").orElseThrow();
      assertThat(seen.id()).isEqualTo(made.id());
      UUID bin = l.store.locations().findByCode("A-01").orElseThrow().id();
      assertThat(l.store.stock().onHand(made.id(), bin)).isEqualByComparingTo("2");
      UUID first = l.store.catalog().findBySku("SKU-000001").orElseThrow().id();
      assertThat(l.store.stock().onHand(first, bin))
          .isEqualByComparingTo(onA.store.stock().onHand(first, bin));
    }
  }

  @Test
  void theSameKeySentToBothProcessesAtOnceAppliesOnce() throws Exception {
    String tokenA = a.login("demo", "demo");
    String tokenB = b.login("demo", "demo");
    String item = a.pullAll(tokenA, "items").get(0).get("id").asText();
    String bin = a.locationIds(tokenA, 1).get(0);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 10; i++) {
        ObjectNode data =
            TestServer.CODEC
                .object()
                .put("item_id", item)
                .put("to_location_id", bin)
                .put("quantity", BigDecimal.ONE)
                .put("reason", "receive")
                .put("reference", "once-" + i);
        ObjectNode m = TestServer.mutation("stock_movements", "create", UUID.randomUUID(), data);
        CountDownLatch go = new CountDownLatch(1);
        Future<JsonNode> viaA = two.submit(() -> pushAfter(go, a, tokenA, m));
        Future<JsonNode> viaB = two.submit(() -> pushAfter(go, b, tokenB, m));
        go.countDown();
        JsonNode ra = viaA.get();
        JsonNode rb = viaB.get();
        assertThat(ra.get("status").asText()).isEqualTo("accepted");
        assertThat(rb.get("status").asText()).isEqualTo("accepted");
        assertThat(ra.get("server_version")).isEqualTo(rb.get("server_version"));
      }
    } finally {
      two.shutdownNow();
    }
    long movements =
        b.pullAll(tokenB, "stock_movements").stream()
            .filter(r -> r.path("reference").asText().startsWith("once-"))
            .count();
    assertThat(movements).isEqualTo(10);
  }

  private static JsonNode pushAfter(
      CountDownLatch go, TestServer server, String token, ObjectNode m) throws Exception {
    go.await();
    return server.push(token, m).get(0);
  }

  @Test
  void aPushThroughOneProcessReachesALiveLaptopOnTheOther() {
    Laptop onB = liveLaptop("live-b", b, new CopyOnWriteArrayList<>());
    createThroughAAndAwaitOn(onB, "ACROSS");
  }

  /** An item created through process A, awaited on a laptop that only listens (no timed sync). */
  private void createThroughAAndAwaitOn(Laptop laptop, String prefix) {
    String sku = TestServer.sku(prefix);
    a.push(
        a.login("demo", "demo"),
        TestServer.mutation("items", "create", UUID.randomUUID(), TestServer.item(sku, prefix)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> laptop.store.catalog().findBySku(sku).isPresent());
  }

  /** A laptop live on {@code server}, whose periodic sync never comes during a test. */
  private Laptop liveLaptop(String name, TestServer server, List<String> requests) {
    Function<String, Transport> recording =
        url -> {
          HttpTransport http = new HttpTransport(url);
          return request -> {
            requests.add(request.path());
            return http.send(request);
          };
        };
    Laptop l = laptop(name, recording);
    l.signIn(server, "demo");
    l.agent.close();
    l.agent =
        new SyncAgent(
            l.store,
            l.clock,
            SyncAgent.Options.defaults()
                .withTimers(Duration.ofHours(1), Duration.ofMillis(20))
                .withLive(true)
                .withTransports(recording));
    l.agent.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                l.agent.scheduler().status().liveConnected()
                    && l.agent.scheduler().status().state() == SyncStatus.State.ONLINE);
    return l;
  }

  @Test
  void signOutsAndRevocationsOnOneProcessCloseSocketsOnTheOther() throws Exception {
    String device = b.login("demo", "demo");
    Socket mine = Socket.open(b, device);
    String other = b.login("demo", "demo");
    Socket colleague = Socket.open(b, other);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.server().liveSubscribers() == 2);
    // B has both sign-ins cached now.
    assertThat(b.get("/api/sync/pull?entity=sites", device).status()).isEqualTo(200);

    assertThat(a.post("/api/auth/logout", device, "").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> mine.closed.getCount() == 0);
    assertThat(b.get("/api/sync/pull?entity=sites", device).status()).isEqualTo(401);
    assertThat(colleague.closed.getCount()).isEqualTo(1);

    String admin = a.login("admin", "admin");
    assertThat(a.post("/api/admin/revoke-tokens", admin, "{\"username\": \"demo\"}").status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> colleague.closed.getCount() == 0);
    assertThat(b.get("/api/sync/pull?entity=sites", other).status()).isEqualTo(401);
  }

  /**
   * {@code admin revoke-tokens --db} and {@code admin set-sites --db}, run on the shared database
   * while the processes serve it, close the user's sockets on every process, as the same change
   * through a running server does.
   */
  @Test
  void adminCommandsOnTheDatabaseCloseTheSocketsOfRunningProcesses() throws Exception {
    Socket onA = Socket.open(a, a.login("demo", "demo"));
    Socket onB = Socket.open(b, b.login("demo", "demo"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> a.server().liveSubscribers() == 1 && b.server().liveSubscribers() == 1);
    assertThat(admin("set-sites", "demo", "--sites", "MAIN")).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> onA.closed.getCount() == 0 && onB.closed.getCount() == 0);

    String token = b.login("demo", "demo");
    Socket again = Socket.open(b, token);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.server().liveSubscribers() == 1);
    assertThat(admin("revoke-tokens", "demo")).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> again.closed.getCount() == 0);
    assertThat(b.get("/api/sync/pull?entity=sites", token).status()).isEqualTo(401);
  }

  private int admin(String... command) {
    List<String> args = new java.util.ArrayList<>(List.of("admin"));
    args.addAll(List.of(a.commandLineDatabase()));
    args.addAll(List.of(command));
    return io.stockroom.cli.Main.run(
        args.toArray(String[]::new),
        new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(new java.io.StringWriter(), true));
  }

  /** A bare live socket, to see when the server closes it. */
  static final class Socket extends WebSocketClient {
    final CountDownLatch closed = new CountDownLatch(1);

    private Socket(URI uri, Map<String, String> headers) {
      super(uri, headers);
    }

    static Socket open(TestServer server, String token) throws InterruptedException {
      Socket s =
          new Socket(
              URI.create(server.url().replace("http://", "ws://") + "/api/sync/live"),
              Map.of("Authorization", "Bearer " + token));
      assertThat(s.connectBlocking(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      return s;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {}

    @Override
    public void onClose(int code, String reason, boolean remote) {
      closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}
  }

  @Test
  void aProcessThatLosesItsListenerHearsAgainAndTellsItsLaptopsToPull() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    Laptop onB = liveLaptop("relisten", b, requests);
    requests.clear();
    int pid = b.server().notifications().backendPid();
    assertThat(pid).isPositive();
    try (Connection c = DriverManager.getConnection(pgUrl());
        PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      s.setInt(1, pid);
      s.execute();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> b.server().notifications().reconnects() >= 1 && b.server().ready());
    // Only the "pull everything" hint after a reconnect names the counts: nothing changed them.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> requests.stream().anyMatch(p -> p.contains("entity=stock_counts")));

    // And it hears A again.
    createThroughAAndAwaitOn(onB, "AGAIN");
    assertThat(b.get("/api/ready", null).status()).isEqualTo(200);
  }

  @Test
  void failedSignInsSpreadOverBothProcessesAreThrottledAsOne() {
    String wrong = "{\"username\":\"demo\",\"password\":\"wrong\",\"device_name\":\"t\"}";
    for (int i = 0; i < 6; i++) {
      TestServer via = i % 2 == 0 ? a : b;
      assertThat(via.post("/api/auth/login", null, wrong).status()).isEqualTo(401);
    }
    for (TestServer via : List.of(a, b)) {
      TestServer.Response refused = via.post("/api/auth/login", null, wrong);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.json().at("/error/code").asText()).isEqualTo("too_many_attempts");
    }
  }

  @Test
  void oneProcessAtATimeRunsTheMaintenanceAndAnotherTakesOverWhenItStops() {
    assertThat(a.server().maintain()).isTrue();
    assertThat(b.server().maintain()).isFalse();
    assertThat(a.server().maintain()).isTrue();
    a.stop();
    assertThat(b.server().maintain()).isTrue();
  }

  /**
   * Failover: process P, in a JVM of its own, takes a push, commits it and dies (SIGKILL) before
   * its answer reaches the laptop. The load balancer sends the laptop's retry to the other process,
   * and the idempotency keys make it apply once.
   */
  @Test
  void killingAProcessMidPushLosesNothingAndTheRetryThroughAnotherAppliesOnce() throws Exception {
    Process p = CliServer.start(tmp.resolve("p"), a.commandLineDatabase());
    try {
      String pUrl = CliServer.awaitUrl(p);
      Transport toP = new HttpTransport(pUrl);
      Transport toA = new HttpTransport(a.url());
      AtomicInteger pushesThroughP = new AtomicInteger();
      Transport balancer =
          request -> {
            if (!p.isAlive()) {
              return toA.send(request);
            }
            Transport.Response answer = toP.send(request);
            if (request.path().startsWith("/api/sync/push")
                && pushesThroughP.incrementAndGet() == 1) {
              p.destroyForcibly();
              try {
                p.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new java.io.IOException("the server process died before its answer came");
            }
            return answer;
          };
      Laptop l = laptop("failover", url -> balancer).signIn(a, "demo");
      assertThat(l.sync().ok()).isTrue();
      Item item = l.store.catalog().create(ItemDraft.of("FAILOVER-1", "Pushed as P died"));
      for (int i = 0; i < 3; i++) {
        l.store
            .stock()
            .record(
                new MovementRequest(
                    item.id(),
                    MovementReason.RECEIVE,
                    null,
                    "A-01",
                    new BigDecimal("4"),
                    "failover-" + i));
      }
      assertThat(l.sync().outcome()).isEqualTo("offline");
      assertThat(p.isAlive()).isFalse();
      assertThat(l.store.outbox().pendingCount()).isEqualTo(4);
      // Their retries are due after a backoff; make them due now.
      for (var m : l.store.outbox().open()) {
        l.store.outbox().markFailed(m.id(), "test");
        l.store.outbox().retry(m.id());
      }

      assertThat(l.sync().ok()).isTrue();
      assertThat(l.store.outbox().pendingCount()).isZero();
      String token = a.login("demo", "demo");
      List<JsonNode> movements =
          a.pullAll(token, "stock_movements").stream()
              .filter(r -> r.path("reference").asText().startsWith("failover-"))
              .toList();
      assertThat(movements).hasSize(3);
      UUID bin = l.store.locations().findByCode("A-01").orElseThrow().id();
      assertThat(l.store.stock().onHand(item.id(), bin)).isEqualByComparingTo("12");
      assertThat(
              a.pullAll(token, "stock_levels").stream()
                  .filter(r -> r.get("item_id").asText().equals(item.id().toString()))
                  .map(r -> r.get("quantity").decimalValue())
                  .toList())
          .singleElement()
          .satisfies(q -> assertThat(q).isEqualByComparingTo("12"));
    } finally {
      p.destroyForcibly();
    }
  }

  private static String pgUrl() {
    String url = System.getProperty("stockroom.test.pg.url");
    return url == null || url.isBlank() ? System.getenv("STOCKROOM_TEST_PG_URL") : url;
  }
}
