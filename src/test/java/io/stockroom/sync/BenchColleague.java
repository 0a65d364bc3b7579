package io.stockroom.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Hlc;
import io.stockroom.protocol.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Another laptop that has pushed to the server before the benchmark's laptop does, so the benchmark
 * can measure a push to a server in service rather than one that has just started: a JVM of its own
 * (started by {@code SyncBenchmarkTest}), so the benchmark's JVM compiles nothing for it. It signs
 * in and pushes N item creates in batches of 500, shaped as the sync agent sends them, over the
 * wire contract only.
 *
 * <p>{@code BenchColleague URL USER PASSWORD N}; exits 0 once every create was accepted.
 */
public final class BenchColleague {

  private static final int BATCH = 500;

  private BenchColleague() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: BenchColleague URL USER PASSWORD N");
      System.exit(2);
    }
    String url = args[0];
    int count = Integer.parseInt(args[3]);
    JsonCodec codec = new JsonCodec();
    HttpClient http = HttpClient.newHttpClient();

    String token = login(http, codec, url, args[1], args[2]);
    Random random = new Random(7);
    for (int done = 0; done < count; ) {
      int n = Math.min(BATCH, count - done);
      List<ObjectNode> creates = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        creates.add(itemCreate(random, "COLLEAGUE-" + (done + i), "Colleague item " + (done + i)));
      }
      push(http, codec, url, token, creates);
      done += n;
    }
    System.out.println("pushed " + count);
  }

  /** Signs in over the wire contract; returns the token. */
  static String login(HttpClient http, JsonCodec codec, String url, String user, String password)
      throws IOException, InterruptedException {
    ObjectNode login = codec.object();
    login.put("username", user);
    login.put("password", password);
    login.put("device_name", "bench colleague");
    return post(http, codec, url + "/api/auth/login", null, login).get("token").asText();
  }

  /** An item create shaped as the sync agent sends it. */
  static ObjectNode itemCreate(Random random, String sku, String name) {
    Instant at = Instant.now();
    String stamp = new Hlc(at.toEpochMilli(), 0, "colleague001").toString();
    ObjectNode m = JSON.object();
    m.put("idempotency_key", new UUID(random.nextLong(), random.nextLong()).toString());
    m.put("entity", "items");
    m.put("action", "create");
    m.put("entity_id", new UUID(random.nextLong(), random.nextLong()).toString());
    ObjectNode data = m.putObject("data");
    data.put("sku", sku);
    data.put("name", name);
    data.put("unit", "ea");
    data.put("reorder_point", 0);
    m.put("client_version", 1);
    m.put("client_updated_at", at.toString());
    ObjectNode clock = m.putObject("field_clock");
    clock.put("sku", stamp);
    clock.put("name", stamp);
    return m;
  }

  /** Pushes the mutations in one request; throws unless every one was accepted. */
  static void push(
      HttpClient http, JsonCodec codec, String url, String token, List<ObjectNode> mutations)
      throws IOException, InterruptedException {
    ObjectNode body = codec.object();
    body.putArray("mutations").addAll(mutations);
    JsonNode results = post(http, codec, url + "/api/sync/push", token, body).get("results");
    for (JsonNode r : results) {
      if (!"accepted".equals(r.path("status").asText())) {
        throw new IllegalStateException("not accepted: " + r);
      }
    }
  }

  private static final JsonCodec JSON = new JsonCodec();

  private static JsonNode post(
      HttpClient http, JsonCodec codec, String uri, String token, ObjectNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(codec.write(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + r.statusCode());
    }
    return codec.tree(r.body());
  }
}
