package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.server.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live WebSocket: a {@code changed} poke after each commit the subscriber may see. */
class LiveChannelTest {

  @TempDir static Path dir;
  static TestServer server;
  static String demo;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    demo = server.login("demo", "demo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static final class Client extends WebSocketClient {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    volatile int closeCode;

    Client(URI uri, Map<String, String> headers) {
      super(uri, headers);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
      try {
        messages.add(CODEC.tree(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      closeCode = code;
    }

    @Override
    public void onError(Exception ex) {}

    JsonNode next(String entity) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && m.get("entity").asText().equals(entity)) {
          return m;
        }
      }
      return null;
    }
  }

  /** The client's handshake can finish just before the server registers the socket. */
  static void awaitSubscribers(int n) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> server.server().liveSubscribers() == n);
  }

  static URI live(String query) {
    return URI.create(server.url().replace("http://", "ws://") + "/api/sync/live" + query);
  }

  @Test
  void aPushPokesSubscribersWithinMilliseconds() throws Exception {
    Client header = new Client(live(""), Map.of("Authorization", "Bearer " + demo));
    Client query = new Client(live("?token=" + demo), Map.of());
    assertThat(header.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    assertThat(query.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    awaitSubscribers(2);
    try {
      long start = System.nanoTime();
      JsonNode result =
          server
              .push(demo, mutation("items", "create", UUID.randomUUID(), item(sku("LIVE"), "poke")))
              .get(0);
      JsonNode poke = header.next("items");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(poke).isNotNull();
      assertThat(poke.get("type").asText()).isEqualTo("changed");
      assertThat(poke.get("version").asLong()).isEqualTo(result.get("server_version").asLong());
      assertThat(query.next("items")).isNotNull();
      assertThat(millis).isLessThan(2_000);
    } finally {
      header.closeBlocking();
      query.closeBlocking();
    }
  }

  @Test
  void pokesAreScopedToTheSubscribersSites() throws Exception {
    String other = server.login("other", "other");
    Client outsider = new Client(live("?token=" + other), Map.of());
    Client insider = new Client(live("?token=" + demo), Map.of());
    assertThat(outsider.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    assertThat(insider.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    awaitSubscribers(2);
    try {
      UUID itemId = UUID.randomUUID();
      server.push(demo, mutation("items", "create", itemId, item(sku("SC"), "scoped")));
      var data = CODEC.object().put("item_id", itemId.toString()).put("reason", "receive");
      data.put("to_location_id", server.locationIds(demo, 1).get(0)).put("quantity", 1);
      server.push(demo, mutation("stock_movements", "create", UUID.randomUUID(), data));
      assertThat(insider.next("stock_movements")).isNotNull();
      assertThat(outsider.next("items")).isNotNull();
      assertThat(outsider.messages.stream().map(m -> m.get("entity").asText()))
          .doesNotContain("stock_movements", "stock_levels");
    } finally {
      outsider.closeBlocking();
      insider.closeBlocking();
    }
  }

  /**
   * A poke carries the page that follows where the device's last complete pull left it (decision
   * record 0049), with only the rows that device may see: here a bin another site added between
   * that pull and this change is left out.
   */
  @Test
  void aPokeCarriesThePageAfterTheDevicesLastPullWithOnlyItsSitesRows() throws Exception {
    String device = server.login("demo", "demo");
    String other = server.login("other", "other");
    JsonNode pulled = server.get("/api/sync/pull?entity=locations&limit=1000", device).json();
    assertThat(pulled.get("has_more").asBoolean()).isFalse();
    String since = pulled.get("cursor").asText();
    Client c = new Client(live("?token=" + device), Map.of());
    assertThat(c.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    awaitSubscribers(1);
    try {
      UUID theirs = UUID.randomUUID();
      server.push(
          other, mutation("locations", "create", theirs, CODEC.object().put("code", "T-1")));
      UUID ours = UUID.randomUUID();
      server.push(device, mutation("locations", "create", ours, CODEC.object().put("code", "O-1")));

      JsonNode poke = c.next("locations");

      assertThat(poke).isNotNull();
      assertThat(poke.get("since").asText()).isEqualTo(since);
      assertThat(poke.get("cursor").asLong()).isEqualTo(poke.get("version").asLong());
      assertThat(TestServer.stream(poke.get("records")).map(r -> r.get("id").asText()))
          .containsExactly(ours.toString());
      assertThat(poke.get("deletions")).isEmpty();
      // A plain pull from the same cursor returns the same page.
      JsonNode page = server.get("/api/sync/pull?entity=locations&since=" + since, device).json();
      assertThat(page.get("records")).isEqualTo(poke.get("records"));
    } finally {
      c.closeBlocking();
    }
  }

  /**
   * Sites changed behind a socket's back (the command line on the database, or another server
   * process): the poke carries no rows, since the socket's user is not who the token acts for now;
   * the device pulls with the sites it has now. Revoked the same way: no rows either.
   */
  @Test
  void aPokeCarriesNoRowsOnceTheSitesOrTheSignInChangedBehindTheSocket() throws Exception {
    server.server().accounts().createUser("mover", Role.STAFF, List.of("MAIN"), "mover-pass");
    String device = server.login("mover", "mover-pass");
    JsonNode pulled = server.get("/api/sync/pull?entity=locations&limit=1000", device).json();
    assertThat(pulled.get("has_more").asBoolean()).isFalse();
    Client c = new Client(live("?token=" + device), Map.of());
    assertThat(c.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
    awaitSubscribers(1);
    try {
      server.push(
          demo,
          mutation("locations", "create", UUID.randomUUID(), CODEC.object().put("code", "M-1")));
      assertThat(c.next("locations").has("records")).isTrue();

      // The sites change in the database, not through this process: its socket stays open.
      server.server().accounts().setSites("mover", List.of("MAIN", "OTHER"));
      awaitPokeWithoutRows(c);

      server.server().accounts().setSites("mover", List.of("MAIN"));
      server.server().accounts().revokeTokens("mover");
      awaitPokeWithoutRows(c);
    } finally {
      c.closeBlocking();
    }
  }

  /** Changes a bin until a poke of bins comes without rows (the auth cache lasts a few seconds). */
  private static void awaitPokeWithoutRows(Client c) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var bin = CODEC.object().put("code", sku("B"));
              server.push(demo, mutation("locations", "create", UUID.randomUUID(), bin));
              JsonNode poke = c.next("locations");
              return poke != null && !poke.has("records");
            });
  }

  @Test
  void aBadTokenIsRefused() throws Exception {
    Client c = new Client(live("?token=nope"), Map.of());
    assertThat(c.connectBlocking(5, TimeUnit.SECONDS)).isFalse();
  }
}
