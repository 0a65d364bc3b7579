package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field merge of items (DESIGN.md 4) as a property, through real pushes to the real server: two
 * laptops edit the same item from the same version, each a random set of fields to values drawn
 * from a small pool (so both sometimes pick the same). Whatever they pick, the second push merges
 * every field only it changed, keeps the server's value of every field both changed to different
 * values and names exactly those fields as the conflict. A failing trial names its seed.
 */
class ItemMergePropertiesTest {

  static final int TRIALS = 60;

  /** The text fields a laptop edits, with the values it may pick (never the original's). */
  static final Map<String, List<String>> POOL = new LinkedHashMap<>();

  static {
    POOL.put("name", List.of("Bolt A", "Bolt B", "Bolt C"));
    POOL.put("description", List.of("zinc", "steel", "brass"));
    POOL.put("unit", List.of("box", "bag"));
    POOL.put("category", List.of("fasteners", "fixings"));
  }

  @TempDir static Path dir;
  static TestServer server;
  static String token;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    token = server.login("demo", "demo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode push(ObjectNode m) {
    return server.push(token, m).get(0);
  }

  /** A random edit: at least one field, each to a value from its pool. */
  static Map<String, String> edit(Random r) {
    Map<String, String> e = new LinkedHashMap<>();
    List<String> fields = new ArrayList<>(POOL.keySet());
    String sure = fields.get(r.nextInt(fields.size()));
    for (String field : fields) {
      if (field.equals(sure) || r.nextInt(3) == 0) {
        List<String> values = POOL.get(field);
        e.put(field, values.get(r.nextInt(values.size())));
      }
    }
    return e;
  }

  static ObjectNode update(UUID id, Map<String, String> edit, long base) {
    ObjectNode data = CODEC.object();
    edit.forEach(data::put);
    return mutation("items", "update", id, data).put("base_version", base);
  }

  @Test
  void fieldsChangedOnOneSideMergeAndOnlyRealClashesConflict() {
    for (long seed = 0; seed < TRIALS; seed++) {
      Random r = new Random(seed);
      UUID id = UUID.randomUUID();
      ObjectNode original = item(sku("MERGE"), "Original name");
      original.put("description", "original").put("unit", "ea").put("category", "misc");
      JsonNode created = push(mutation("items", "create", id, original));
      assertThat(created.get("status").asText()).as("seed %d", seed).isEqualTo("accepted");
      long base = created.get("server_version").asLong();

      Map<String, String> a = edit(r);
      Map<String, String> b = edit(r);
      JsonNode first = push(update(id, a, base));
      assertThat(first.get("status").asText()).as("seed %d: %s", seed, a).isEqualTo("accepted");
      JsonNode second = push(update(id, b, base));

      List<String> clashes = new ArrayList<>();
      for (String f : POOL.keySet()) {
        if (a.containsKey(f) && b.containsKey(f) && !a.get(f).equals(b.get(f))) {
          clashes.add(f);
        }
      }
      String why = "seed " + seed + ": A " + a + ", B " + b + ", answer " + second;
      if (clashes.isEmpty()) {
        assertThat(second.get("status").asText()).as(why).isEqualTo("accepted");
      } else {
        assertThat(second.get("status").asText()).as(why).isEqualTo("conflict");
        List<String> named = new ArrayList<>();
        second.get("conflict_fields").forEach(n -> named.add(n.asText()));
        assertThat(named).as(why).containsExactlyInAnyOrderElementsOf(clashes);
      }
      JsonNode record = clashes.isEmpty() ? second.get("record") : second.get("server_record");
      for (String f : POOL.keySet()) {
        String expected =
            a.containsKey(f) ? a.get(f) : b.containsKey(f) ? b.get(f) : original.get(f).asText();
        assertThat(record.get(f).asText()).as(why + ", field " + f).isEqualTo(expected);
      }
    }
  }
}
