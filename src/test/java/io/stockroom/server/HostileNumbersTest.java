package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's hostile numbers and strings, sent as raw JSON so nothing on the test's side rounds or
 * expands them: each one is rejected alone with {@code validation_failed}, writes nothing, and the
 * next ordinary push is answered. ({@code 1e2100000000} used to kill the writer thread with an
 * {@link OutOfMemoryError} and hang every later push.)
 */
class HostileNumbersTest {

  @TempDir static Path dir;
  static TestServer server;
  static String token;
  static String bin;
  static String itemId;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    token = server.login("demo", "demo");
    bin = server.locationIds(token, 1).get(0);
    UUID id = UUID.randomUUID();
    assertThat(server.push(token, mutation("items", "create", id, item("HOSTILE-1", "Target"))))
        .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));
    itemId = id.toString();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A receipt whose {@code quantity} is the JSON text {@code raw}, unparsed. */
  private static String receipt(String raw, String reference) {
    ObjectNode m =
        mutation("stock_movements", "create", UUID.randomUUID(), movementData(reference));
    String json = CODEC.writeString(m).replace("\"quantity\":\"@Q\"", "\"quantity\":" + raw);
    return "{\"mutations\":[" + json + "]}";
  }

  private static ObjectNode movementData(String reference) {
    ObjectNode d = CODEC.object();
    d.put("item_id", itemId);
    d.put("to_location_id", bin);
    d.put("quantity", "@Q");
    d.put("reason", "receive");
    d.put("reference", reference);
    return d;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e2100000000",
        "1e1000000",
        "1E+2147483647",
        "-1E+2147483647",
        "1e-2100000000",
        "\"1e2100000000\"",
        "\"1E+2147483647\"",
        "1000000000000",
        "0.0001",
        "-5",
        "0",
        "123456789012345678901234567890",
        "\"12 boxes\"",
        "true",
        "[1]"
      })
  void aHostileQuantityIsRejectedAloneAndTheNextPushIsAnswered(String raw) {
    long before = server.lastVersion();
    TestServer.Response r = server.post("/api/sync/push", token, receipt(raw, "hostile"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode result = r.json().get("results").get(0);
    assertThat(result.get("status").asText()).isEqualTo("rejected");
    assertThat(result.at("/error/code").asText()).isEqualTo("validation_failed");
    assertThat(result.at("/error/message").asText()).contains("quantity");
    assertThat(server.lastVersion()).as("nothing written").isEqualTo(before);

    TestServer.Response ordinary = server.post("/api/sync/push", token, receipt("2", "ordinary"));
    assertThat(ordinary.status()).isEqualTo(200);
    assertThat(ordinary.json().at("/results/0/status").asText()).isEqualTo("accepted");
    assertThat(server.get("/api/health", null).json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void theLargestQuantityThatFitsIsAccepted() {
    TestServer.Response r =
        server.post("/api/sync/push", token, receipt("999999999999.999", "max"));
    assertThat(r.json().at("/results/0/status").asText()).isEqualTo("accepted");
    assertThat(r.json().at("/results/0/record/quantity").decimalValue())
        .isEqualByComparingTo("999999999999.999");
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 100_000})
  void aLongReferenceIsRejectedNotAStackTrace(int length) {
    ObjectNode d = movementData("r".repeat(length));
    d.put("quantity", 1);
    ArrayNode results =
        server.push(token, mutation("stock_movements", "create", UUID.randomUUID(), d));
    assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(results.get(0).at("/error/message").asText()).contains("longer than 200");
  }

  @Test
  void controlCharactersInANameAreRejectedByTheSameRuleAsOnTheLaptop() {
    ArrayNode results =
        server.push(
            token, mutation("items", "create", UUID.randomUUID(), item("CTRL-1", "Bolt\u0007")));
    assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(results.get(0).at("/error/message").asText()).contains("control character");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T10:00:00.000Z",
        "2026-13-01T10:00:00.000Z",
        "2026-04-09T25:00:00.000Z"
      })
  void anImpossibleDateIsTheClientsMistakeNotTheServers(String when) {
    ObjectNode d = movementData("date");
    d.put("quantity", 1);
    d.put("occurred_at", when);
    ArrayNode results =
        server.push(token, mutation("stock_movements", "create", UUID.randomUUID(), d));
    assertThat(results.get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(results.get(0).at("/error/code").asText()).isNotEqualTo("internal_error");
    assertThat(results.get(0).at("/error/message").asText())
        .contains("occurred_at must be an ISO-8601 timestamp");
  }
}
