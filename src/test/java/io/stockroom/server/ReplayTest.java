package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replayed idempotency key returns the stored result and changes nothing. */
class ReplayTest {

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

  @Test
  void sameKeyTwiceInOneBatch() {
    ObjectNode m = mutation("items", "create", UUID.randomUUID(), item(sku("R1"), "once"));
    long before = server.lastVersion();
    ArrayNode results = server.push(demo, m, m.deepCopy());
    assertThat(results.get(1)).isEqualTo(results.get(0));
    assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(server.lastVersion()).isEqualTo(before + 1);
  }

  @Test
  void sameKeyAcrossRequestsEvenWithADifferentBody() {
    ObjectNode m = mutation("items", "create", UUID.randomUUID(), item(sku("R2"), "first"));
    JsonNode first = server.push(demo, m).get(0);
    long after = server.lastVersion();
    ObjectNode changed = m.deepCopy();
    ((ObjectNode) changed.get("data")).put("name", "second");
    JsonNode again = server.push(demo, changed).get(0);
    assertThat(again).isEqualTo(first);
    assertThat(server.lastVersion()).isEqualTo(after);
  }

  @Test
  void rejectedResultsReplayToo() {
    ObjectNode bad =
        mutation("items", "create", UUID.randomUUID(), CODEC.object().put("name", "no sku"));
    JsonNode first = server.push(demo, bad).get(0);
    assertThat(first.get("status").asText()).isEqualTo("rejected");
    assertThat(server.push(demo, bad).get(0)).isEqualTo(first);
  }

  @Test
  void replayAfterARestartMovesNoStockTwice() {
    UUID itemId = UUID.randomUUID();
    server.push(demo, mutation("items", "create", itemId, item(sku("R3"), "restart")));
    String bin = server.locationIds(demo, 1).get(0);
    ObjectNode data =
        CODEC
            .object()
            .put("item_id", itemId.toString())
            .put("to_location_id", bin)
            .put("reason", "receive");
    data.put("quantity", new BigDecimal("3"));
    ObjectNode move = mutation("stock_movements", "create", UUID.randomUUID(), data);
    JsonNode first = server.push(demo, move).get(0);

    server.restart();
    demo = server.login("demo", "demo");
    long before = server.lastVersion();
    JsonNode again = server.push(demo, move).get(0);
    assertThat(again).isEqualTo(first);
    assertThat(server.lastVersion()).isEqualTo(before);
    assertThat(
            new BigDecimal(
                PushPolicyTestLevels.level(server, demo, itemId, bin).get("quantity").asText()))
        .isEqualByComparingTo("3");
  }
}
