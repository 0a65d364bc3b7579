package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws random and mutated bodies and query strings at every endpoint (seeded, bounded): sign-in
 * and sign-out, pull, push (plain and gzipped) and the admin calls. Never a 5xx, every error is the
 * contract's JSON, a request that is refused as a whole changes nothing, and an ordinary push still
 * answers after any of them.
 */
class FuzzTest {

  private static final long SEED = 20261124L;
  private static final int ROUNDS = 500;
  private static final String[] ENTITIES = {
    "sites", "locations", "items", "item_notes", "stock_movements", "stock_levels", "stock_counts"
  };
  private static final String[] NASTY = {
    "",
    " ",
    "null",
    "'; DROP TABLE items; --",
    "\" OR 1=1 --",
    "\u0000",
    "\ud800",
    "😀",
    "%00",
    "../../etc/passwd",
    "<script>",
    "9".repeat(400),
    "-1",
    "1e309",
    "NaN",
    "x".repeat(70_000)
  };

  @Test
  void randomAndMutatedRequestsNeverFailTheServer(@TempDir Path dir) {
    try (TestServer server = TestServer.start(dir)) {
      String token = server.login("demo", "demo");
      String admin = server.login("admin", "admin");
      String bin = server.locationIds(token, 1).get(0);
      Random random = new Random(SEED);
      List<ObjectNode> valid = validMutations(bin);
      for (int round = 0; round < ROUNDS; round++) {
        long before = server.lastVersion();
        TestServer.Response r = fire(server, token, admin, random, valid);
        String context = "round " + round + ": " + r;
        assertThat(r.status()).as(context).isLessThan(500);
        if (r.status() != 200) {
          assertThat(r.json().at("/error/code").asText()).as(context).isNotEmpty();
          assertThat(server.lastVersion()).as(context).isEqualTo(before);
        } else if (r.json().has("results")) {
          for (JsonNode result : r.json().get("results")) {
            assertThat(result.get("status").asText())
                .as(context)
                .isIn("accepted", "conflict", "rejected");
          }
        }
        if (round % 50 == 49) {
          ObjectNode ordinary = CODEC.object();
          ordinary
              .putArray("mutations")
              .add(mutation("items", "create", UUID.randomUUID(), item("FZ-OK-" + round, "ok")));
          TestServer.Response ok =
              server.post("/api/sync/push", token, CODEC.writeString(ordinary));
          assertThat(ok.status()).as(context).isEqualTo(200);
          assertThat(ok.json().at("/results/0/status").asText()).as(context).isEqualTo("accepted");
        }
      }
      assertThat(server.get("/api/health", null).status()).isEqualTo(200);
    }
  }

  private static TestServer.Response fire(
      TestServer server, String token, String admin, Random random, List<ObjectNode> valid) {
    switch (random.nextInt(9)) {
      case 0:
        return server.post("/api/auth/login", null, randomJson(random, 3).toString());
      case 1:
        return server.get("/api/sync/pull?" + randomQuery(random), token);
      case 2:
        return server.post("/api/sync/push", token, randomBytes(random));
      case 6:
        return server.post("/api/admin/revoke-tokens", admin, randomJson(random, 3).toString());
      case 7:
        return server.post("/api/admin/set-sites", admin, randomJson(random, 3).toString());
      case 8:
        String[] tokens = {
          "", "x", "'; DROP TABLE tokens; --", "9".repeat(400), UUID.randomUUID() + ""
        };
        return server.post("/api/auth/logout", tokens[random.nextInt(tokens.length)], "{}");
      case 3:
        return server.send(
            server
                .builder("/api/sync/push", token)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(randomBytes(random)))
                .build());
      default:
        ObjectNode body = CODEC.object();
        ArrayNode list = body.putArray("mutations");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(mutate(valid.get(random.nextInt(valid.size())).deepCopy(), random));
        }
        return server.post("/api/sync/push", token, CODEC.writeString(body));
    }
  }

  private static List<ObjectNode> validMutations(String bin) {
    List<ObjectNode> list = new ArrayList<>();
    list.add(mutation("items", "create", UUID.randomUUID(), item("FZ-1", "fuzz")));
    list.add(
        mutation("items", "update", UUID.randomUUID(), CODEC.object().put("name", "n"))
            .put("base_version", 3));
    ObjectNode move =
        CODEC
            .object()
            .put("item_id", UUID.randomUUID().toString())
            .put("to_location_id", bin)
            .put("reason", "receive");
    move.put("quantity", BigDecimal.ONE);
    list.add(mutation("stock_movements", "create", UUID.randomUUID(), move));
    ObjectNode count =
        CODEC.object().put("item_id", UUID.randomUUID().toString()).put("location_id", bin);
    count.put("counted_quantity", 1).put("expected_quantity", 0);
    list.add(mutation("stock_counts", "create", UUID.randomUUID(), count));
    list.add(mutation("locations", "create", UUID.randomUUID(), CODEC.object().put("code", "F-1")));
    list.add(
        mutation(
            "item_notes",
            "create",
            UUID.randomUUID(),
            CODEC.object().put("item_id", UUID.randomUUID().toString()).put("body", "b")));
    list.add(mutation("sites", "create", UUID.randomUUID(), CODEC.object().put("code", "FZ")));
    return list;
  }

  /** Replaces, removes or retypes one field, at the top or inside data. */
  private static ObjectNode mutate(ObjectNode m, Random random) {
    ObjectNode target = random.nextBoolean() && m.get("data") instanceof ObjectNode d ? d : m;
    List<String> names = new ArrayList<>();
    Iterator<String> it = target.fieldNames();
    it.forEachRemaining(names::add);
    String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    switch (random.nextInt(4)) {
      case 0 -> target.remove(name);
      case 1 -> target.set(name, randomJson(random, 2));
      case 2 -> target.put(name, NASTY[random.nextInt(NASTY.length)]);
      default -> target.put("extra_" + random.nextInt(10), random.nextLong());
    }
    m.put("idempotency_key", UUID.randomUUID().toString());
    return m;
  }

  private static JsonNode randomJson(Random random, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = depth <= 0 ? random.nextInt(6) : random.nextInt(8);
    return switch (kind) {
      case 0 -> f.nullNode();
      case 1 -> f.booleanNode(random.nextBoolean());
      case 2 -> f.numberNode(random.nextLong());
      case 3 -> f.numberNode(new BigDecimal(random.nextGaussian() * 1e6));
      case 4 -> f.textNode(NASTY[random.nextInt(NASTY.length)]);
      case 5 -> f.textNode(UUID.randomUUID().toString());
      case 6 -> {
        ArrayNode a = f.arrayNode();
        for (int i = 0; i < random.nextInt(4); i++) {
          a.add(randomJson(random, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = f.objectNode();
        String[] keys = {
          "username", "password", "mutations", "entity", "data", "quantity", "sku", "sites"
        };
        for (int i = 0; i < random.nextInt(4); i++) {
          o.set(keys[random.nextInt(keys.length)], randomJson(random, depth - 1));
        }
        yield o;
      }
    };
  }

  private static String randomQuery(Random random) {
    StringBuilder q = new StringBuilder();
    if (random.nextInt(5) > 0) {
      q.append("entity=")
          .append(
              random.nextInt(4) > 0
                  ? ENTITIES[random.nextInt(ENTITIES.length)]
                  : enc(NASTY[random.nextInt(NASTY.length)]));
    }
    if (random.nextBoolean()) {
      q.append("&since=")
          .append(
              random.nextBoolean()
                  ? Long.toString(random.nextLong())
                  : enc(NASTY[random.nextInt(NASTY.length)]));
    }
    if (random.nextBoolean()) {
      q.append("&limit=")
          .append(
              random.nextBoolean()
                  ? Integer.toString(random.nextInt(3000) - 1000)
                  : enc(NASTY[random.nextInt(NASTY.length)]));
    }
    return q.toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(
        s.length() > 2000 ? s.substring(0, 2000) : s, StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(2000)];
    random.nextBytes(b);
    if (random.nextBoolean() && b.length > 2) {
      b[0] = '{';
      b[b.length - 1] = '}';
    }
    return b;
  }
}
