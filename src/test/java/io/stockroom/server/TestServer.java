package io.stockroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.IdGenerator;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.server.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A real server for tests: embedded H2 in a temporary folder, or a fresh schema of the PostgreSQL
 * named by {@code -Dstockroom.test.pg.url} / {@code STOCKROOM_TEST_PG_URL}. Binds 127.0.0.1 on a
 * free port; seeds site MAIN (users demo/demo staff, admin/admin) and site OTHER (user
 * other/other).
 */
public final class TestServer implements AutoCloseable {

  public static final JsonCodec CODEC = new JsonCodec();

  private final Path dir;
  private final java.time.Clock clock;
  private final IdGenerator ids;
  private final String pgUrl;
  private final String schema;
  private final boolean ownsSchema;
  private StockroomServer server;
  private int port; // 0 until the first start; a restart comes back on the same address
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Path dir, java.time.Clock clock, IdGenerator ids) {
    this.dir = dir;
    this.clock = clock;
    this.ids = ids;
    String url = System.getProperty("stockroom.test.pg.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("STOCKROOM_TEST_PG_URL");
    }
    this.pgUrl = url == null || url.isBlank() ? null : url;
    this.schema = pgUrl == null ? null : "t_" + UUID.randomUUID().toString().replace("-", "");
    this.ownsSchema = true;
    if (pgUrl != null) {
      try (Connection c = DriverManager.getConnection(pgUrl);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare a PostgreSQL schema: " + e.getMessage(), e);
      }
    }
  }

  /** A second process's server on {@code first}'s PostgreSQL schema, no seeding, own port. */
  private TestServer(TestServer first) {
    this.dir = first.dir;
    this.clock = first.clock;
    this.ids = first.ids;
    this.pgUrl = first.pgUrl;
    this.schema = first.schema;
    this.ownsSchema = false;
  }

  /**
   * Another server process on the same PostgreSQL database (its own port, pool, feed and caches; in
   * this JVM, which shares nothing with it but the database). Closing it leaves the schema.
   */
  public TestServer peer() {
    if (pgUrl == null) {
      throw new IllegalStateException("only servers on PostgreSQL can share their database");
    }
    TestServer peer = new TestServer(this);
    peer.open();
    return peer;
  }

  /**
   * The {@code --db} option that points a server started through the command line at this server's
   * PostgreSQL schema (a second process in a JVM of its own, which a test may kill).
   */
  public String[] commandLineDatabase() {
    if (pgUrl == null) {
      throw new IllegalStateException("only servers on PostgreSQL can share their database");
    }
    String sep = pgUrl.contains("?") ? "&" : "?";
    return new String[] {"--db", pgUrl + sep + "currentSchema=" + schema};
  }

  public static boolean onPostgres() {
    String url = System.getProperty("stockroom.test.pg.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("STOCKROOM_TEST_PG_URL");
    }
    return url != null && !url.isBlank();
  }

  /** Starts a server with the demo data and the OTHER site. */
  public static TestServer start(Path dir) {
    return start(dir, 20);
  }

  /** Starts a server with {@code items} demo items and the OTHER site. */
  public static TestServer start(Path dir, int items) {
    return start(dir, items, null, null);
  }

  /**
   * Starts a server with {@code items} demo items and the OTHER site, on the wall clock {@code
   * clock} and the id source {@code ids} (a simulation's virtual time and seeded ids; null: the
   * system clock, secure random ids).
   */
  public static TestServer start(Path dir, int items, java.time.Clock clock, IdGenerator ids) {
    TestServer t = new TestServer(dir, clock, ids);
    t.open();
    t.server.seeder().seed(items);
    t.server.accounts().createSite("OTHER", "Other warehouse");
    t.server.accounts().createUser("other", Role.STAFF, List.of("OTHER"), "other");
    return t;
  }

  private void open() {
    ServerConfig config =
        ServerConfig.h2(dir, port)
            .withPasswordIterations(1_000)
            .withIds(ids == null ? IdGenerator.secure() : ids);
    if (clock != null) {
      config = config.withClock(clock);
    }
    if (pgUrl != null) {
      String sep = pgUrl.contains("?") ? "&" : "?";
      config = config.withDatabase(pgUrl + sep + "currentSchema=" + schema, null, null);
    }
    server = StockroomServer.open(config).start();
    port = server.port();
  }

  /** Stops the server and keeps its store (on PostgreSQL, its schema) for {@link #restart}. */
  public void stop() {
    server.close();
  }

  /** Stops (if it still runs) and starts again on the same store and address (a restart). */
  public void restart() {
    server.close();
    open();
  }

  public StockroomServer server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  public long lastVersion() {
    return server.store().syncState().lastVersion();
  }

  public String login(String user, String password) {
    Response r =
        post(
            "/api/auth/login",
            null,
            "{\"username\":\""
                + user
                + "\",\"password\":\""
                + password
                + "\",\"device_name\":\"test\"}");
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r);
    }
    return r.json().get("token").asText();
  }

  public String mainSiteId(String token) {
    JsonNode page = get("/api/sync/pull?entity=sites", token).json();
    for (JsonNode s : page.get("records")) {
      if (s.get("code").asText().equals("MAIN")) {
        return s.get("id").asText();
      }
    }
    throw new IllegalStateException("no MAIN site");
  }

  /** The first {@code n} locations of the caller's sites. */
  public List<String> locationIds(String token, int n) {
    JsonNode page = get("/api/sync/pull?entity=locations&limit=" + n, token).json();
    return stream(page.get("records")).map(r -> r.get("id").asText()).toList();
  }

  /** Every record of {@code entity} the token's user may see, pulled page by page to the end. */
  public List<JsonNode> pullAll(String token, String entity) {
    List<JsonNode> all = new java.util.ArrayList<>();
    String cursor = "";
    while (true) {
      JsonNode page =
          get("/api/sync/pull?entity=" + entity + "&limit=1000&since=" + cursor, token).json();
      page.get("records").forEach(all::add);
      cursor = java.net.URLEncoder.encode(page.get("cursor").asText(), StandardCharsets.UTF_8);
      if (!page.get("has_more").asBoolean()) {
        return all;
      }
    }
  }

  public static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  public record Response(int status, HttpResponse<byte[]> raw) {
    public JsonNode json() {
      try {
        return CODEC.tree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    public String text() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public Response get(String path, String token) {
    return send(builder(path, token).GET().build());
  }

  public Response post(String path, String token, String body) {
    return post(path, token, body.getBytes(StandardCharsets.UTF_8));
  }

  public Response post(String path, String token, byte[] body) {
    return send(builder(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  public HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Sync-Version", "1")
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Pushes mutations; returns the results array (asserting 200). */
  public ArrayNode push(String token, ObjectNode... mutations) {
    ObjectNode body = CODEC.object();
    ArrayNode list = body.putArray("mutations");
    for (ObjectNode m : mutations) {
      list.add(m);
    }
    Response r = post("/api/sync/push", token, CODEC.writeString(body));
    if (r.status() != 200) {
      throw new IllegalStateException("push failed: " + r);
    }
    return (ArrayNode) r.json().get("results");
  }

  public static ObjectNode mutation(String entity, String action, UUID id, ObjectNode data) {
    ObjectNode m = CODEC.object();
    m.put("idempotency_key", UUID.randomUUID().toString());
    m.put("entity", entity);
    m.put("action", action);
    m.put("entity_id", id.toString());
    m.set("data", data == null ? CODEC.object() : data);
    return m;
  }

  public static ObjectNode item(String sku, String name) {
    ObjectNode d = CODEC.object();
    d.put("sku", sku);
    d.put("name", name);
    return d;
  }

  public static String sku(String prefix) {
    return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase(Locale.ROOT);
  }

  @Override
  public void close() {
    server.close();
    if (pgUrl != null && ownsSchema) {
      try (Connection c = DriverManager.getConnection(pgUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        // Left behind: harmless, named after a random UUID.
      }
    }
  }
}
