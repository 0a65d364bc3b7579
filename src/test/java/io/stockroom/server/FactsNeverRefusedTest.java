package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "no physical fact is refused forever": a bin whose code the site already has is mapped
 * to that bin (and what names the laptop's id lands there); a create naming an existing id is a
 * conflict or the same record, never an overwrite.
 */
class FactsNeverRefusedTest {

  @TempDir Path dir;
  TestServer server;
  String token;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    token = server.login("demo", "demo");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode pushOne(ObjectNode m) {
    return server.push(token, m).get(0);
  }

  private static ObjectNode bin(String code) {
    ObjectNode d = CODEC.object();
    d.put("code", code);
    return d;
  }

  @Test
  void aBinWithATakenCodeBecomesAnAliasOfTheServersBin() {
    JsonNode made = pushOne(mutation("locations", "create", UUID.randomUUID(), bin("Q-1")));
    String serverBin = made.get("server_id").asText();
    UUID offline = UUID.randomUUID();

    JsonNode mapped = pushOne(mutation("locations", "create", offline, bin("q-1")));
    assertThat(mapped.get("status").asText()).isEqualTo("accepted");
    assertThat(mapped.get("server_id").asText()).isEqualTo(serverBin);
    assertThat(mapped.at("/record/id").asText()).isEqualTo(serverBin);
    // Sent again under another key (a laptop that lost the answer): the same answer.
    JsonNode again = pushOne(mutation("locations", "create", offline, bin("q-1")));
    assertThat(again.get("server_id").asText()).isEqualTo(serverBin);

    UUID item = UUID.randomUUID();
    pushOne(mutation("items", "create", item, item("ALIAS-1", "Into the alias")));
    ObjectNode receipt = CODEC.object();
    receipt.put("item_id", item.toString());
    receipt.put("to_location_id", offline.toString());
    receipt.put("quantity", 4);
    receipt.put("reason", "receive");
    JsonNode moved = pushOne(mutation("stock_movements", "create", UUID.randomUUID(), receipt));
    assertThat(moved.get("status").asText()).isEqualTo("accepted");
    assertThat(moved.at("/record/to_location_id").asText()).isEqualTo(serverBin);

    ObjectNode count = CODEC.object();
    count.put("item_id", item.toString());
    count.put("location_id", offline.toString());
    count.put("counted_quantity", 4);
    count.put("expected_quantity", 4);
    JsonNode counted = pushOne(mutation("stock_counts", "create", UUID.randomUUID(), count));
    assertThat(counted.get("status").asText()).isEqualTo("accepted");
    assertThat(counted.at("/record/location_id").asText()).isEqualTo(serverBin);
  }

  @Test
  void aCreateWithAnExistingItemIdIsAConflictNeverAnOverwrite() {
    UUID id = UUID.randomUUID();
    JsonNode first = pushOne(mutation("items", "create", id, item("DUP-ID-1", "Original")));
    long version = first.get("server_version").asLong();

    JsonNode same = pushOne(mutation("items", "create", id, item("DUP-ID-1", "Original")));
    assertThat(same.get("status").asText()).isEqualTo("accepted");
    assertThat(same.get("server_version").asLong()).isEqualTo(version);

    JsonNode other = pushOne(mutation("items", "create", id, item("DUP-ID-2", "Overwriter")));
    assertThat(other.get("status").asText()).isEqualTo("conflict");
    assertThat(other.at("/server_record/name").asText()).isEqualTo("Original");
    assertThat(other.get("conflict_fields").toString()).contains("sku").contains("name");
    assertThat(server.lastVersion()).isEqualTo(version);
  }

  @Test
  void aCreateWithAnExistingNoteIdIsAConflictNeverAnOverwrite() {
    UUID item = UUID.randomUUID();
    pushOne(mutation("items", "create", item, item("NOTE-ID-1", "Has a note")));
    UUID note = UUID.randomUUID();
    ObjectNode body = CODEC.object();
    body.put("item_id", item.toString());
    body.put("body", "First text");
    pushOne(mutation("item_notes", "create", note, body));
    long version = server.lastVersion();

    ObjectNode other = body.deepCopy();
    other.put("body", "Would overwrite");
    JsonNode r = pushOne(mutation("item_notes", "create", note, other));
    assertThat(r.get("status").asText()).isEqualTo("conflict");
    assertThat(r.at("/server_record/body").asText()).isEqualTo("First text");
    assertThat(server.lastVersion()).isEqualTo(version);
  }
}
