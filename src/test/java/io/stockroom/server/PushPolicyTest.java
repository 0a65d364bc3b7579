package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Hlc;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-entity policies of DESIGN.md section 4, through real pushes. */
class PushPolicyTest {

  @TempDir static Path dir;
  static TestServer server;
  static String demo;
  static String admin;
  static String other;
  static List<String> bins;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    demo = server.login("demo", "demo");
    admin = server.login("admin", "admin");
    other = server.login("other", "other");
    bins = server.locationIds(demo, 3);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode one(String token, ObjectNode m) {
    return server.push(token, m).get(0);
  }

  static UUID createItem(String name) {
    UUID id = UUID.randomUUID();
    JsonNode r = one(demo, mutation("items", "create", id, item(sku("IT"), name)));
    assertThat(r.get("status").asText()).isEqualTo("accepted");
    return id;
  }

  static long version(String entity, UUID id, String token) {
    return record(entity, id, token).get("version").asLong();
  }

  static JsonNode record(String entity, UUID id, String token) {
    return server.pullAll(token, entity).stream()
        .filter(r -> r.get("id").asText().equals(id.toString()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void itemCreateReturnsTheRecordWithProtocolFields() {
    UUID id = UUID.randomUUID();
    String s = sku("NEW");
    ObjectNode data = item(s, "Widget");
    data.put("reorder_point", 4);
    JsonNode r = one(demo, mutation("items", "create", id, data));
    assertThat(r.get("status").asText()).isEqualTo("accepted");
    assertThat(r.get("server_id").asText()).isEqualTo(id.toString());
    JsonNode rec = r.get("record");
    assertThat(rec.get("sku").asText()).isEqualTo(s);
    assertThat(rec.get("unit").asText()).isEqualTo("ea");
    assertThat(rec.get("reorder_point").asInt()).isEqualTo(4);
    assertThat(rec.get("version").asLong()).isEqualTo(r.get("server_version").asLong());
    assertThat(rec.get("created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void duplicateSkuIsRejectedWithItsOwnCode() {
    String s = sku("DUP");
    one(demo, mutation("items", "create", UUID.randomUUID(), item(s, "first")));
    JsonNode r =
        one(demo, mutation("items", "create", UUID.randomUUID(), item(s.toLowerCase(), "second")));
    assertThat(r.get("status").asText()).isEqualTo("rejected");
    assertThat(r.at("/error/code").asText()).isEqualTo("duplicate_sku");
  }

  @Test
  void invalidItemsAreRejectedNotFailed() {
    ObjectNode noName = CODEC.object().put("sku", sku("X"));
    ObjectNode negative = item(sku("N"), "n").put("reorder_point", -1);
    ObjectNode wrongType = item(sku("W"), "w").put("reorder_point", "lots");
    ObjectNode huge = item(sku("H"), "x".repeat(100_000));
    ObjectNode nul = item(sku("Z"), "bad\u0000name");
    List<JsonNode> results =
        TestServer.stream(
                server.push(
                    demo,
                    mutation("items", "create", UUID.randomUUID(), noName),
                    mutation("items", "create", UUID.randomUUID(), negative),
                    mutation("items", "create", UUID.randomUUID(), wrongType),
                    mutation("items", "create", UUID.randomUUID(), huge),
                    mutation("items", "create", UUID.randomUUID(), nul),
                    mutation("items", "update", UUID.randomUUID(), item("A", "b"))))
            .toList();
    assertThat(results).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("rejected"));
    assertThat(results.subList(0, 5))
        .allSatisfy(r -> assertThat(r.at("/error/code").asText()).isEqualTo("validation_failed"));
    assertThat(results.get(5).at("/error/code").asText()).isEqualTo("unknown_item");
  }

  @Test
  void sqlLookingTextIsJustText() {
    UUID id = UUID.randomUUID();
    String evil = "x'); DROP TABLE items; --";
    JsonNode r = one(demo, mutation("items", "create", id, item(sku("SQL"), evil)));
    assertThat(r.at("/record/name").asText()).isEqualTo(evil);
    assertThat(server.get("/api/sync/pull?entity=items&limit=1", demo).status()).isEqualTo(200);
  }

  @Test
  void itemFieldsMergeAndOnlyFieldsChangedOnBothSidesConflict() {
    UUID id = createItem("Original");
    long base = version("items", id, demo);
    // Laptop A changes name and category.
    ObjectNode a = CODEC.object().put("name", "Name from A").put("category", "cat-a");
    ObjectNode ma = mutation("items", "update", id, a).put("base_version", base);
    assertThat(one(demo, ma).get("status").asText()).isEqualTo("accepted");
    // Laptop B, still on base, changes name (conflict) and description (merges).
    ObjectNode b = CODEC.object().put("name", "Name from B").put("description", "from B");
    ObjectNode mb = mutation("items", "update", id, b).put("base_version", base);
    JsonNode r = one(demo, mb);
    assertThat(r.get("status").asText()).isEqualTo("conflict");
    assertThat(r.get("conflict_fields")).extracting(JsonNode::asText).containsExactly("name");
    JsonNode server_ = r.get("server_record");
    assertThat(server_.get("name").asText()).isEqualTo("Name from A");
    assertThat(server_.get("description").asText()).isEqualTo("from B");
    assertThat(server_.get("category").asText()).isEqualTo("cat-a");
    // Settled: B pushes again on the version it was shown.
    ObjectNode settle = mutation("items", "update", id, CODEC.object().put("name", "Name from B"));
    settle.put("base_version", server_.get("version").asLong());
    JsonNode s = one(demo, settle);
    assertThat(s.get("status").asText()).isEqualTo("accepted");
    assertThat(s.at("/record/name").asText()).isEqualTo("Name from B");
  }

  @Test
  void sameValueOnBothSidesIsNoConflict() {
    UUID id = createItem("Same");
    long base = version("items", id, demo);
    ObjectNode m1 =
        mutation("items", "update", id, CODEC.object().put("unit", "box"))
            .put("base_version", base);
    ObjectNode m2 =
        mutation("items", "update", id, CODEC.object().put("unit", "box"))
            .put("base_version", base);
    assertThat(one(demo, m1).get("status").asText()).isEqualTo("accepted");
    assertThat(one(demo, m2).get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void withoutBaseVersionTheNewerHlcWinsEachField() {
    UUID id = createItem("Clocked");
    long now = Hlc.parse(server.get("/api/health", null).header("Sync-Hlc")).wallMillis();
    ObjectNode newer = mutation("items", "update", id, CODEC.object().put("name", "newer"));
    newer.putObject("field_clock").put("name", new Hlc(now + 1, 0, "lapA").toString());
    ObjectNode older = mutation("items", "update", id, CODEC.object().put("name", "older"));
    older.putObject("field_clock").put("name", new Hlc(now - 60_000, 0, "lapB").toString());
    one(demo, newer);
    JsonNode r = one(demo, older);
    assertThat(r.get("status").asText()).isEqualTo("accepted");
    assertThat(r.at("/record/name").asText()).isEqualTo("newer");
  }

  @Test
  void aClockFarAheadDoesNotWinForever() {
    UUID id = createItem("Drift");
    ObjectNode fast = mutation("items", "update", id, CODEC.object().put("name", "fast laptop"));
    fast.putObject("field_clock")
        .put("name", new Hlc(System.currentTimeMillis() + 3_600_000, 0, "fast").toString());
    one(demo, fast);
    ObjectNode honest =
        mutation("items", "update", id, CODEC.object().put("name", "honest laptop"));
    honest
        .putObject("field_clock")
        .put("name", new Hlc(System.currentTimeMillis() + 2_000, 0, "ok").toString());
    assertThat(one(demo, honest).at("/record/name").asText()).isEqualTo("honest laptop");
  }

  @Test
  void deletedItemComesAsATombstoneAndFreesItsSku() {
    String s = sku("DEL");
    UUID id = UUID.randomUUID();
    one(demo, mutation("items", "create", id, item(s, "to delete")));
    String cursor =
        server.get("/api/sync/pull?entity=items&limit=1000", demo).json().get("cursor").asText();
    while (true) {
      JsonNode p =
          server.get("/api/sync/pull?entity=items&limit=1000&since=" + cursor, demo).json();
      cursor = p.get("cursor").asText();
      if (!p.get("has_more").asBoolean()) {
        break;
      }
    }
    assertThat(one(demo, mutation("items", "delete", id, null)).get("status").asText())
        .isEqualTo("accepted");
    JsonNode page = server.get("/api/sync/pull?entity=items&since=" + cursor, demo).json();
    assertThat(page.get("deletions")).extracting(JsonNode::asText).contains(id.toString());
    assertThat(
            one(demo, mutation("items", "create", UUID.randomUUID(), item(s, "again")))
                .get("status")
                .asText())
        .isEqualTo("accepted");
  }

  @Test
  void staffCreateLocationsButCannotChangeOrDeleteThem() {
    UUID id = UUID.randomUUID();
    ObjectNode data =
        CODEC.object().put("code", "Z-" + id.toString().substring(0, 6)).put("zone", "Z");
    JsonNode created = one(demo, mutation("locations", "create", id, data));
    assertThat(created.get("status").asText()).isEqualTo("accepted");
    assertThat(created.at("/record/site_id").asText()).isEqualTo(server.mainSiteId(demo));
    JsonNode update =
        one(demo, mutation("locations", "update", id, CODEC.object().put("zone", "Y")));
    assertThat(update.at("/error/code").asText()).isEqualTo("forbidden");
    JsonNode delete = one(demo, mutation("locations", "delete", id, null));
    assertThat(delete.at("/error/code").asText()).isEqualTo("forbidden");
    // The same code again is the same bin (issue 15): mapped to it, never refused.
    JsonNode dup = one(demo, mutation("locations", "create", UUID.randomUUID(), data));
    assertThat(dup.get("status").asText()).isEqualTo("accepted");
    assertThat(dup.get("server_id").asText()).isEqualTo(id.toString());
    // Admins may, and the server wins against a stale edit.
    long v = created.get("server_version").asLong();
    assertThat(
            one(
                    admin,
                    mutation("locations", "update", id, CODEC.object().put("zone", "Y"))
                        .put("base_version", v))
                .get("status")
                .asText())
        .isEqualTo("accepted");
    JsonNode stale =
        one(
            admin,
            mutation("locations", "update", id, CODEC.object().put("zone", "Q"))
                .put("base_version", v));
    assertThat(stale.get("status").asText()).isEqualTo("conflict");
    assertThat(stale.at("/server_record/zone").asText()).isEqualTo("Y");
  }

  @Test
  void staffCannotWriteSitesNorAnyoneStockLevels() {
    JsonNode site =
        one(
            demo,
            mutation(
                "sites",
                "create",
                UUID.randomUUID(),
                CODEC.object().put("code", "NEW").put("name", "n")));
    assertThat(site.get("status").asText()).isEqualTo("rejected");
    assertThat(site.at("/error/code").asText()).isEqualTo("read_only");
    JsonNode level =
        one(
            admin,
            mutation(
                "stock_levels", "update", UUID.randomUUID(), CODEC.object().put("quantity", 5)));
    assertThat(level.at("/error/code").asText()).isEqualTo("read_only");
    JsonNode adminSite =
        one(
            admin,
            mutation(
                "sites",
                "create",
                UUID.randomUUID(),
                CODEC.object().put("code", "S" + System.nanoTime() % 100000).put("name", "n")));
    assertThat(adminSite.get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void movementsUpdateLevelsInTheSameTransactionAndMayGoNegative() {
    UUID item = createItem("Moved");
    String a = bins.get(0);
    String b = bins.get(1);
    JsonNode receive = one(demo, movement(item, null, a, "5", "receive"));
    assertThat(receive.get("status").asText()).isEqualTo("accepted");
    JsonNode pick = one(demo, movement(item, a, null, "7.5", "pick"));
    long pickVersion = pick.get("server_version").asLong();
    JsonNode transfer = one(demo, movement(item, a, b, "1", "transfer"));
    assertThat(transfer.get("status").asText()).isEqualTo("accepted");

    JsonNode levelA = level(item, a);
    assertThat(new BigDecimal(levelA.get("quantity").asText())).isEqualByComparingTo("-3.5");
    assertThat(levelA.get("version").asLong()).isGreaterThanOrEqualTo(pickVersion);
    assertThat(new BigDecimal(level(item, b).get("quantity").asText())).isEqualByComparingTo("1");

    assertThat(
            one(demo, mutation("stock_movements", "update", UUID.randomUUID(), null))
                .at("/error/code")
                .asText())
        .isEqualTo("read_only");
    assertThat(one(demo, movement(item, null, null, "1", "adjust")).at("/error/code").asText())
        .isEqualTo("validation_failed");
    assertThat(one(demo, movement(item, null, a, "0", "receive")).at("/error/code").asText())
        .isEqualTo("validation_failed");
    assertThat(
            one(demo, movement(UUID.randomUUID(), null, a, "1", "receive"))
                .at("/error/code")
                .asText())
        .isEqualTo("unknown_item");
  }

  @Test
  void aMovementSentTwiceUnderTwoKeysMovesStockOnce() {
    UUID item = createItem("Twice");
    ObjectNode m = movement(item, null, bins.get(2), "2", "receive");
    one(demo, m);
    ObjectNode again = m.deepCopy().put("idempotency_key", UUID.randomUUID().toString());
    assertThat(one(demo, again).get("status").asText()).isEqualTo("accepted");
    assertThat(new BigDecimal(level(item, bins.get(2)).get("quantity").asText()))
        .isEqualByComparingTo("2");
  }

  @Test
  void countsApplyWhenExpectedMatchesAndConflictOtherwise() {
    UUID item = createItem("Counted");
    String bin = bins.get(0);
    one(demo, movement(item, null, bin, "10", "receive"));
    // Expected matches: adjustment of counted - expected.
    UUID c1 = UUID.randomUUID();
    JsonNode applied = one(demo, count(c1, item, bin, "8", "10"));
    assertThat(applied.get("status").asText()).isEqualTo("accepted");
    assertThat(applied.at("/record/status").asText()).isEqualTo("applied");
    assertThat(new BigDecimal(level(item, bin).get("quantity").asText())).isEqualByComparingTo("8");
    // Someone moved stock unseen: conflict carrying the current level.
    UUID c2 = UUID.randomUUID();
    JsonNode conflict = one(demo, count(c2, item, bin, "5", "10"));
    assertThat(conflict.get("status").asText()).isEqualTo("conflict");
    assertThat(conflict.at("/server_record/status").asText()).isEqualTo("conflict");
    assertThat(new BigDecimal(conflict.at("/server_record/current_quantity").asText()))
        .isEqualByComparingTo("8");
    assertThat(new BigDecimal(level(item, bin).get("quantity").asText())).isEqualByComparingTo("8");
    // Another user may not settle it; the counter applies it anyway.
    ObjectNode settle =
        mutation("stock_counts", "update", c2, CODEC.object().put("resolution", "apply_anyway"));
    one(demo, movement(item, null, bin, "1", "receive"));
    JsonNode done = one(demo, settle);
    assertThat(done.get("status").asText()).isEqualTo("accepted");
    assertThat(done.at("/record/status").asText()).isEqualTo("applied");
    assertThat(new BigDecimal(level(item, bin).get("quantity").asText())).isEqualByComparingTo("5");
    // Discard leaves stock alone.
    UUID c3 = UUID.randomUUID();
    one(demo, count(c3, item, bin, "1", "99"));
    JsonNode discarded =
        one(
            demo,
            mutation("stock_counts", "update", c3, CODEC.object().put("resolution", "discard")));
    assertThat(discarded.at("/record/status").asText()).isEqualTo("discarded");
    assertThat(new BigDecimal(level(item, bin).get("quantity").asText())).isEqualByComparingTo("5");
  }

  @Test
  void notesAreLastWriteWinsByHlc() {
    UUID item = createItem("Noted");
    UUID note = UUID.randomUUID();
    long now = Hlc.parse(server.get("/api/health", null).header("Sync-Hlc")).wallMillis() + 1;
    ObjectNode create =
        mutation(
            "item_notes",
            "create",
            note,
            CODEC.object().put("item_id", item.toString()).put("body", "first"));
    create.putObject("field_clock").put("body", new Hlc(now, 0, "a").toString());
    one(demo, create);
    ObjectNode late = mutation("item_notes", "update", note, CODEC.object().put("body", "newest"));
    late.putObject("field_clock").put("body", new Hlc(now + 10, 0, "b").toString());
    one(demo, late);
    ObjectNode stale = mutation("item_notes", "update", note, CODEC.object().put("body", "stale"));
    stale.putObject("field_clock").put("body", new Hlc(now + 5, 0, "c").toString());
    assertThat(one(demo, stale).at("/record/body").asText()).isEqualTo("newest");
    ObjectNode orphan =
        mutation(
            "item_notes",
            "create",
            UUID.randomUUID(),
            CODEC.object().put("item_id", UUID.randomUUID().toString()).put("body", "x"));
    assertThat(one(demo, orphan).at("/error/code").asText()).isEqualTo("unknown_item");
  }

  @Test
  void staffAreScopedToTheirSites() {
    UUID item = createItem("Scoped");
    JsonNode r = one(other, movement(item, null, bins.get(0), "1", "receive"));
    assertThat(r.get("status").asText()).isEqualTo("rejected");
    assertThat(r.at("/error/code").asText()).isEqualTo("forbidden");
    JsonNode locations = server.get("/api/sync/pull?entity=locations&limit=1000", other).json();
    assertThat(TestServer.stream(locations.get("records")).map(l -> l.get("id").asText()))
        .doesNotContainAnyElementsOf(bins);
    JsonNode sites = server.get("/api/sync/pull?entity=sites", other).json();
    assertThat(TestServer.stream(sites.get("records")).map(s -> s.get("code").asText()))
        .containsExactly("OTHER");
  }

  static ObjectNode movement(UUID item, String from, String to, String qty, String reason) {
    ObjectNode d = CODEC.object().put("item_id", item.toString()).put("reason", reason);
    d.put("quantity", new BigDecimal(qty));
    if (from != null) {
      d.put("from_location_id", from);
    }
    if (to != null) {
      d.put("to_location_id", to);
    }
    d.put("occurred_at", "2026-04-09T10:00:00.000Z");
    return mutation("stock_movements", "create", UUID.randomUUID(), d);
  }

  static ObjectNode count(UUID id, UUID item, String bin, String counted, String expected) {
    ObjectNode d = CODEC.object().put("item_id", item.toString()).put("location_id", bin);
    d.put("counted_quantity", new BigDecimal(counted));
    d.put("expected_quantity", new BigDecimal(expected));
    return mutation("stock_counts", "create", id, d);
  }

  static JsonNode level(UUID item, String location) {
    return PushPolicyTestLevels.level(server, demo, item, location);
  }
}
