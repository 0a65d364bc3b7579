package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: {@code /api/openapi.json} holds to PROTOCOL.md, so a client generated from it speaks
 * the contract: every route the contract names, with its method; the pull page, login answer, push
 * results and error body with the contract's field names; and the server answers every route the
 * document lists.
 */
class OpenApiTest {

  /**
   * The routes PROTOCOL.md names (its method-and-path mentions). When the binding file is at hand
   * ({@code ../shared/PROTOCOL.md}, next to the project) the test reads it, and checks this copy.
   */
  static final Set<String> PROTOCOL_ROUTES =
      Set.of(
          "POST /api/auth/login",
          "POST /api/auth/logout",
          "GET /api/health",
          "GET /api/ready",
          "GET /api/openapi.json",
          "GET /metrics",
          "GET /api/sync/pull",
          "POST /api/sync/push",
          "GET /api/sync/live");

  @TempDir static Path dir;
  static TestServer server;
  static JsonNode doc;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, 1);
    TestServer.Response r = server.get("/api/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    doc = r.json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<String> documented() {
    Set<String> routes = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> routes.add(m.toUpperCase() + " " + p.getKey())));
    return routes;
  }

  @Test
  void everyRouteOfTheContractIsDocumentedWithItsMethod() throws IOException {
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Path binding = Path.of("..", "shared", "PROTOCOL.md");
    if (Files.exists(binding)) {
      Set<String> named = new TreeSet<>();
      Matcher m =
          Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE) (/[A-Za-z0-9_/.-]+)")
              .matcher(Files.readString(binding));
      while (m.find()) {
        named.add(m.group(1) + " " + m.group(2));
      }
      assertThat(named).isEqualTo(new TreeSet<>(PROTOCOL_ROUTES));
    }
    assertThat(documented()).containsAll(PROTOCOL_ROUTES);
  }

  @Test
  void theServerAnswersEveryDocumentedRoute() {
    List<String> missing = new ArrayList<>();
    for (String route : documented()) {
      String[] mp = route.split(" ");
      if (mp[1].equals("/api/sync/live")) {
        continue; // a WebSocket: below
      }
      TestServer.Response r =
          mp[0].equals("GET") ? server.get(mp[1], null) : server.post(mp[1], null, "{}");
      if (r.status() == 404 || r.status() == 405) {
        missing.add(route + " -> " + r.status());
      }
    }
    assertThat(missing).isEmpty();

    String token = server.login("demo", "demo");
    java.net.http.WebSocket live =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(
                java.net.URI.create(server.url().replace("http://", "ws://") + "/api/sync/live"),
                new java.net.http.WebSocket.Listener() {})
            .join();
    live.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").join();
  }

  @Test
  void bodiesCarryTheContractsFieldNames() {
    JsonNode schemas = doc.at("/components/schemas");
    assertThat(names(schemas.get("PullResponse")))
        .contains("records", "deletions", "cursor", "has_more");
    assertThat(names(schemas.get("LoginRequest"))).contains("username", "password", "device_name");
    assertThat(names(schemas.get("LoginResponse"))).contains("token", "user", "sites");
    assertThat(names(schemas.get("PushRequest"))).contains("mutations");
    assertThat(names(schemas.get("MutationResult")))
        .contains("idempotency_key", "status", "server_id", "server_version");
    assertThat(names(schemas.get("ErrorBody"))).contains("error");
    assertThat(names(schemas.get("Item")))
        .contains("id", "version", "created_at", "updated_at", "sku", "barcode", "reorder_point");

    JsonNode entity =
        doc.at("/paths/~1api~1sync~1pull/get/parameters").findParents("name").stream()
            .filter(p -> p.get("name").asText().equals("entity"))
            .findFirst()
            .orElseThrow();
    List<String> entities = new ArrayList<>();
    entity.at("/schema/enum").forEach(e -> entities.add(e.asText()));
    assertThat(entities)
        .containsExactlyInAnyOrder(
            "sites",
            "locations",
            "items",
            "item_notes",
            "stock_movements",
            "stock_levels",
            "stock_counts");
  }

  private static Set<String> names(JsonNode schema) {
    assertThat(schema).as("a schema in the document").isNotNull();
    Set<String> names = new TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
