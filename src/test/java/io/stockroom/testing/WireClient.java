package io.stockroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The wire calls the crash harnesses make against a server in another JVM, as the demo user, on one
 * HTTP client: receipts pushed one at a time, movements pulled from the start.
 */
public final class WireClient {

  public static final JsonCodec CODEC = new JsonCodec();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public WireClient(String base) {
    this.base = base;
  }

  /** A receipt of one unit of {@code itemId} into {@code locationId}, under a fresh key. */
  public static ObjectNode receipt(String itemId, String locationId, String reference) {
    ObjectNode d = CODEC.object();
    d.put("item_id", itemId);
    d.put("to_location_id", locationId);
    d.put("quantity", 1);
    d.put("reason", "receive");
    d.put("reference", reference);
    d.put("occurred_at", "2026-12-06T10:00:00.000Z");
    return TestServer.mutation("stock_movements", "create", UUID.randomUUID(), d);
  }

  public String login() throws IOException {
    return send("/api/auth/login", null, "{\"username\":\"demo\",\"password\":\"demo\"}")
        .get("token")
        .asText();
  }

  public String firstLocation(String token) throws IOException {
    return get("/api/sync/pull?entity=locations&limit=1", token)
        .get("records")
        .get(0)
        .get("id")
        .asText();
  }

  public String createItem(String token, String sku) throws IOException {
    UUID id = UUID.randomUUID();
    ObjectNode m = TestServer.mutation("items", "create", id, TestServer.item(sku, "Crash item"));
    if (pushOne(token, m) <= 0) {
      throw new AssertionError("no version for the item");
    }
    return id.toString();
  }

  /** Pushes one mutation and returns the version it was accepted with. */
  public long pushOne(String token, ObjectNode mutation) throws IOException {
    ObjectNode body = CODEC.object();
    ((ArrayNode) body.putArray("mutations")).add(mutation);
    JsonNode result = send("/api/sync/push", token, CODEC.writeString(body)).get("results").get(0);
    if (!"accepted".equals(result.path("status").asText())) {
      throw new AssertionError("not accepted: " + result);
    }
    return result.get("server_version").asLong();
  }

  public JsonNode pull(String token, String entity, String cursor) throws IOException {
    return get("/api/sync/pull?entity=" + entity + "&limit=1000&since=" + cursor, token);
  }

  /** Every record of an entity, in pull order. */
  public List<JsonNode> pullAll(String token, String entity) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    String cursor = "";
    JsonNode page;
    do {
      page = pull(token, entity, cursor);
      page.get("records").forEach(all::add);
      cursor = page.get("cursor").asText();
    } while (page.get("has_more").asBoolean());
    return all;
  }

  /** Reference to version of every movement. */
  public Map<String, Long> movementsByReference(String token) throws IOException {
    Map<String, Long> map = new HashMap<>();
    for (JsonNode m : pullAll(token, "stock_movements")) {
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
