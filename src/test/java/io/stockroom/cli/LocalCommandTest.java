package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code local} command end to end, in-process, on a real profile in a temp folder. */
class LocalCommandTest {

  @TempDir Path profile;

  private final ObjectMapper json = new ObjectMapper();

  private Cli.Result run(String... args) {
    return Cli.local(profile, args);
  }

  private JsonNode runJson(String... args) throws Exception {
    Cli.Result result = run(args);
    assertThat(result.code()).as(result.err()).isZero();
    return json.readTree(result.out());
  }

  private void ok(String... args) {
    Cli.Result result = run(args);
    assertThat(result.code()).as(result.err()).isZero();
  }

  @Test
  void scriptedEditsAreQueuedLikeTheApps() throws Exception {
    ok("add-location", "--code", "A-01-03", "--zone", "A");
    ok("add-location", "--code", "B-02-01");
    ok("add-item", "--sku", "BOLT-M8", "--name", "Hex bolt M8 zinc", "--barcode", "4006381333931");
    ok("update-item", "--sku", "BOLT-M8", "--category", "fasteners", "--reorder-point", "50");
    ok("move", "--sku", "BOLT-M8", "--to", "A-01-03", "--qty", "40", "--reason", "receive");
    ok("move", "--sku", "BOLT-M8", "--from", "A-01-03", "--to", "B-02-01", "--qty", "15");
    ok("move", "--sku", "BOLT-M8", "--from", "B-02-01", "--qty", "20", "--reason", "pick");
    ok("count", "--sku", "BOLT-M8", "--location", "A-01-03", "--counted", "24");

    JsonNode items = runJson("list-items", "--json");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("category").asText()).isEqualTo("fasteners");
    assertThat(items.get(0).get("reorder_point").asInt()).isEqualTo(50);

    JsonNode stock = runJson("stock", "--sku", "bolt-m8", "--json");
    // A-01-03: 40 - 15 = 25, then counted 24 (pending adjustment -1); B-02-01: 15 - 20 = -5.
    assertThat(stock.get("total").decimalValue()).isEqualByComparingTo("19");
    JsonNode lines = stock.get("locations");
    assertThat(lines.get(0).get("location").asText()).isEqualTo("A-01-03");
    assertThat(lines.get(0).get("quantity").decimalValue()).isEqualByComparingTo("24");
    assertThat(lines.get(1).get("quantity").decimalValue()).isEqualByComparingTo("-5");
    assertThat(lines.get(1).get("negative").asBoolean()).isTrue();

    JsonNode queue = runJson("queue", "--json");
    List<String> entities = new ArrayList<>();
    queue.forEach(m -> entities.add(m.get("entity").asText()));
    assertThat(entities)
        .containsExactly(
            "locations",
            "locations",
            "items",
            "stock_movements",
            "stock_movements",
            "stock_movements",
            "stock_counts");
    queue.forEach(
        m -> {
          assertThat(m.get("idempotency_key").asText()).hasSize(36);
          assertThat(m.get("status").asText()).isEqualTo("pending");
        });

    assertThat(runJson("conflicts", "--json")).isEmpty();
    assertThat(run("queue").out()).contains("stock_counts");
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
    ok("add-location", "--code", "A-01");
    ok("add-item", "--sku", "S-1", "--name", "Widget");
    int queued = runJson("queue", "--json").size();

    List<String[]> bad =
        List.of(
            new String[] {"add-item", "--sku", "", "--name", "No SKU"},
            new String[] {"add-item", "--sku", "s-1", "--name", "Duplicate"},
            new String[] {"add-item", "--sku", "S-2"},
            new String[] {"add-item", "--sku", "S-3", "--name", "X", "--reorder-point", "many"},
            new String[] {"move", "--sku", "S-1", "--to", "A-01", "--qty", "ten"},
            new String[] {"move", "--sku", "S-1", "--to", "A-01", "--qty", "0"},
            new String[] {"move", "--sku", "S-1", "--to", "Z-99", "--qty", "3"},
            new String[] {"move", "--sku", "NOPE", "--to", "A-01", "--qty", "3"},
            new String[] {
              "move", "--sku", "S-1", "--to", "A-01", "--qty", "3", "--reason", "steal"
            },
            new String[] {"count", "--sku", "S-1", "--location", "A-01", "--counted", "-1"},
            new String[] {"add-location", "--code", "a-01"},
            new String[] {"update-item", "--sku", "S-1"},
            new String[] {"no-such-command"});
    for (String[] args : bad) {
      Cli.Result result = run(args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.err().strip())
          .as(String.join(" ", args))
          .startsWith("error:")
          .doesNotContain("\n");
    }
    assertThat(runJson("queue", "--json")).hasSize(queued);
    assertThat(runJson("list-items", "--json")).hasSize(1);
  }

  @Test
  void everyCommandHasHelp() {
    for (String sub :
        List.of(
            "add-item",
            "add-location",
            "update-item",
            "move",
            "count",
            "list-items",
            "stock",
            "queue",
            "conflicts")) {
      Cli.Result result = run(sub, "--help");
      assertThat(result.code()).isZero();
      assertThat(result.out()).contains("Usage:");
    }
  }
}
