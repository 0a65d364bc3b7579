package io.stockroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Records are typed once, here: every entity's record written as the server writes it reads back
 * equal, in the wire's names, and a push answer's records take the entity of the mutation whose key
 * they carry.
 */
class ServerRecordCodecTest {

  private static final Instant CREATED = Instant.parse("2026-04-09T10:00:00.000Z");
  private static final Instant UPDATED = Instant.parse("2026-04-09T10:00:01.250Z");
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
  private static final UUID BIN = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

  private final JsonCodec codec = new JsonCodec();

  static Map<EntityType, ServerRecord> oneOfEach() {
    Map<String, String> clock = new LinkedHashMap<>();
    clock.put("sku", "2026-04-09T10:00:00.000Z-0000-server00");
    clock.put("name", "2026-04-09T10:00:00.500Z-0001-server00");
    Map<EntityType, ServerRecord> records = new LinkedHashMap<>();
    records.put(EntityType.SITES, new ServerRecord.Site(ID, 3, CREATED, UPDATED, "MAIN", "Main"));
    records.put(
        EntityType.LOCATIONS,
        new ServerRecord.Location(ID, 4, CREATED, UPDATED, SITE, "A-01", null, "Top shelf"));
    records.put(
        EntityType.ITEMS,
        new ServerRecord.Item(
            ID, 5, CREATED, UPDATED, "SKU-1", null, "Hex bolt", null, "box", "Bolts", 12, clock));
    records.put(
        EntityType.ITEM_NOTES,
        new ServerRecord.Note(
            ID,
            6,
            CREATED,
            UPDATED,
            ITEM,
            "Ask for the blue ones",
            "ana",
            Map.of("body", "2026-04-09T10:00:00.000Z-0000-server00")));
    records.put(
        EntityType.STOCK_MOVEMENTS,
        new ServerRecord.Movement(
            ID,
            7,
            CREATED,
            UPDATED,
            SITE,
            ITEM,
            null,
            BIN,
            new BigDecimal("2.5"),
            "receive",
            "PO-9",
            CREATED,
            null));
    records.put(
        EntityType.STOCK_LEVELS,
        new ServerRecord.Level(ID, 8, CREATED, UPDATED, SITE, ITEM, BIN, new BigDecimal("-3")));
    records.put(
        EntityType.STOCK_COUNTS,
        new ServerRecord.Count(
            ID,
            9,
            CREATED,
            UPDATED,
            SITE,
            ITEM,
            BIN,
            new BigDecimal("10"),
            new BigDecimal("12"),
            new BigDecimal("11"),
            UPDATED,
            "conflict",
            null,
            null));
    return records;
  }

  @Test
  void everyEntityReadsBackAsItWasWritten() throws IOException {
    for (Map.Entry<EntityType, ServerRecord> e : oneOfEach().entrySet()) {
      byte[] page = codec.write(new PullResponse(List.of(e.getValue()), List.of(ITEM), "9", true));
      PullResponse read = codec.readPull(page, e.getKey());
      assertThat(read.records()).as(e.getKey().wireName()).containsExactly(e.getValue());
      assertThat(read.records().get(0).type()).isEqualTo(e.getKey());
      assertThat(read.deletions()).containsExactly(ITEM);
      assertThat(read.cursor()).isEqualTo("9");
      assertThat(read.hasMore()).isTrue();
    }
  }

  @Test
  void recordsAreWrittenInTheWireNamesWithNullsKept() {
    String json = codec.writeString(oneOfEach().get(EntityType.STOCK_MOVEMENTS));
    assertThat(json)
        .contains("\"site_id\":\"00000000-0000-0000-0000-0000000000a1\"")
        .contains("\"from_location_id\":null")
        .contains("\"quantity\":2.5")
        .contains("\"occurred_at\":\"2026-04-09T10:00:00.000Z\"")
        .contains("\"updated_at\":\"2026-04-09T10:00:01.250Z\"")
        .doesNotContain("\"type\"");
    assertThat(codec.writeString(oneOfEach().get(EntityType.ITEMS)))
        .contains("\"reorder_point\":12")
        .contains("\"field_clock\":{\"sku\":");
  }

  @Test
  void absentFieldsTakeTheirDefaultsAndUnknownOnesAreIgnored() throws IOException {
    String page =
        "{\"records\":[{\"id\":\"00000000-0000-0000-0000-000000000001\",\"version\":2,"
            + "\"sku\":\"S\",\"name\":\"N\",\"colour\":\"red\"}],\"cursor\":\"2\",\"has_more\":false}";
    ServerRecord.Item item =
        (ServerRecord.Item)
            codec
                .readPull(page.getBytes(StandardCharsets.UTF_8), EntityType.ITEMS)
                .records()
                .get(0);
    assertThat(item.unit()).isEqualTo("ea");
    assertThat(item.reorderPoint()).isZero();
    assertThat(item.fieldClock()).isNull();
    assertThat(item.createdAt()).isNull();
  }

  @Test
  void aRecordOfTheWrongShapeFails() {
    String page =
        "{\"records\":[{\"id\":\"00000000-0000-0000-0000-000000000001\",\"version\":\"two\"}],"
            + "\"cursor\":\"2\"}";
    assertThatThrownBy(
            () -> codec.readPull(page.getBytes(StandardCharsets.UTF_8), EntityType.SITES))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aPushAnswerTypesEachRecordByTheMutationItAnswers() throws IOException {
    UUID itemKey = UUID.randomUUID();
    UUID binKey = UUID.randomUUID();
    UUID unknownKey = UUID.randomUUID();
    ServerRecord item = oneOfEach().get(EntityType.ITEMS);
    ServerRecord bin = oneOfEach().get(EntityType.LOCATIONS);
    byte[] answer =
        codec.write(
            new PushResponse(
                List.of(
                    MutationResult.accepted(itemKey, ID, 5, item),
                    MutationResult.conflict(binKey, bin, "exists", null),
                    MutationResult.accepted(unknownKey, ID, 5, item))));
    List<Mutation> sent =
        List.of(mutation(itemKey, EntityType.ITEMS), mutation(binKey, EntityType.LOCATIONS));

    List<MutationResult> results = codec.readPush(answer, sent).results();

    assertThat(results.get(0).record()).isEqualTo(item);
    assertThat(results.get(1).serverRecord()).isEqualTo(bin);
    assertThat(results.get(1).reason()).isEqualTo("exists");
    assertThat(results.get(2).record()).isNull(); // not a key this push sent
  }

  @Test
  void aNullResultStaysNullForTheCallerToSendAgain() throws IOException {
    UUID key = UUID.randomUUID();
    byte[] answer = "{\"results\":[null]}".getBytes(StandardCharsets.UTF_8);

    List<MutationResult> results =
        codec.readPush(answer, List.of(mutation(key, EntityType.ITEMS))).results();

    assertThat(results).containsExactly((MutationResult) null);
  }

  @Test
  void aStoredResultReadsBackForItsEntity() throws IOException {
    UUID key = UUID.randomUUID();
    ServerRecord count = oneOfEach().get(EntityType.STOCK_COUNTS);
    String stored = codec.writeString(MutationResult.accepted(key, ID, 9, count));

    MutationResult read = codec.readResult(stored, EntityType.STOCK_COUNTS);

    assertThat(read).isEqualTo(MutationResult.accepted(key, ID, 9, count));
  }

  @Test
  void aLivePokeReadsItsCarriedPageTypedOrFallsBackToTheHint() throws IOException {
    ServerRecord item = oneOfEach().get(EntityType.ITEMS);
    String poke =
        codec.writeString(LiveMessage.changed("items", 5, "4", "5", List.of(item), List.of(ITEM)));

    LiveMessage read = codec.readLive(poke);

    assertThat(read.carriesRows()).isTrue();
    assertThat(read.records()).containsExactly(item);
    assertThat(read.deletions()).containsExactly(ITEM);
    assertThat(read.since()).isEqualTo("4");
    assertThat(read.cursor()).isEqualTo("5");
    // The plain hint, as before: nothing but type, entity and version on the wire.
    assertThat(codec.writeString(LiveMessage.changed("items", 5)))
        .isEqualTo("{\"type\":\"changed\",\"entity\":\"items\",\"version\":5}");
    assertThat(
            codec
                .readLive("{\"type\":\"changed\",\"entity\":\"items\",\"version\":5}")
                .carriesRows())
        .isFalse();
    // Rows it cannot read make it the hint: the laptop pulls.
    LiveMessage odd =
        codec.readLive(
            "{\"type\":\"changed\",\"entity\":\"items\",\"version\":5,\"since\":\"4\","
                + "\"cursor\":\"5\",\"records\":[{\"id\":\"x\"}],\"deletions\":[]}");
    assertThat(odd.carriesRows()).isFalse();
    assertThat(odd.entity()).isEqualTo("items");
  }

  @Test
  void anErrorBodyIsReadAndAnythingElseIsNot() {
    assertThat(codec.readError(codec.write(ErrorBody.of("token_revoked", "signed out"))))
        .contains(new ErrorBody.Detail("token_revoked", "signed out"));
    assertThat(codec.readError("<html>502</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    // An odd message does not hide the code: what the code means must still happen.
    assertThat(
            codec.readError(
                "{\"error\":{\"code\":\"token_revoked\",\"message\":{\"x\":1}}}"
                    .getBytes(StandardCharsets.UTF_8)))
        .contains(new ErrorBody.Detail("token_revoked", null));
  }

  private static Mutation mutation(UUID key, EntityType entity) {
    return new Mutation(key, entity.wireName(), "create", ID, null, null, 1L, CREATED, null);
  }
}
