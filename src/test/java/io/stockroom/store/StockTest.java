package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.Location;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.SyncStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockTest extends StoreTestSupport {

  private Item bolt;
  private Location a1;
  private Location b2;

  @BeforeEach
  void seed() {
    bolt = store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    b2 = store.locations().create("B-2", "North", null);
    a1 = store.locations().create("A-1", "North", "Top shelf");
  }

  private StockMovement move(MovementReason reason, String from, String to, String quantity) {
    clock.advance(Duration.ofSeconds(1));
    return store
        .stock()
        .record(new MovementRequest(bolt.id(), reason, from, to, new BigDecimal(quantity), "ref"));
  }

  private BigDecimal at(Location location) {
    return store.stock().onHand(bolt.id(), location.id());
  }

  @Test
  void receivePickTransferAndAdjustAddUp() {
    move(MovementReason.RECEIVE, null, "A-1", "10");
    move(MovementReason.PICK, "a-1", null, "3");
    move(MovementReason.TRANSFER, "A-1", "B-2", "2.5");
    move(MovementReason.ADJUST, null, "B-2", "1"); // found one more
    move(MovementReason.ADJUST, "A-1", null, "0.5"); // lost half

    assertThat(at(a1)).isEqualByComparingTo("4");
    assertThat(at(b2)).isEqualByComparingTo("3.5");
    assertThat(store.stock().onHand(bolt.id()))
        .extracting(OnHand::locationCode, h -> h.quantity().toPlainString(), OnHand::negative)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A-1", "4.000", false),
            org.assertj.core.groups.Tuple.tuple("B-2", "3.500", false));
  }

  @Test
  void totalsOfSeveralItemsAddUpTheirBinsInOneGo() {
    Item nut = store.catalog().create(ItemDraft.of("NUT-1", "Hex nut"));
    Item idle = store.catalog().create(ItemDraft.of("IDLE-1", "Never moved"));
    move(MovementReason.RECEIVE, null, "A-1", "10");
    move(MovementReason.TRANSFER, "A-1", "B-2", "2.5");
    store.stock().count(bolt.id(), "B-2", new BigDecimal("3")); // pending count: +0.5
    store
        .stock()
        .record(
            new MovementRequest(
                nut.id(), MovementReason.PICK, "B-2", null, new BigDecimal("4"), null));

    var totals = store.stock().onHandTotals(List.of(bolt.id(), nut.id(), idle.id()));
    assertThat(totals).containsOnlyKeys(bolt.id(), nut.id());
    assertThat(totals.get(bolt.id())).isEqualByComparingTo("10.5");
    assertThat(totals.get(nut.id())).isEqualByComparingTo("-4");
    BigDecimal perBin =
        store.stock().onHand(bolt.id()).stream()
            .map(OnHand::quantity)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(totals.get(bolt.id())).isEqualByComparingTo(perBin);
    assertThat(store.stock().onHandTotals(List.of())).isEmpty();
  }

  @Test
  void negativeStockIsRecordedAndFlagged() {
    move(MovementReason.PICK, "A-1", null, "4");

    assertThat(store.stock().onHand(bolt.id()))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.quantity()).isEqualByComparingTo("-4");
              assertThat(h.negative()).isTrue();
            });
  }

  @Test
  void movementIsQueuedWithWireFieldsAndResolvedForDisplay() {
    StockMovement m = move(MovementReason.TRANSFER, "a-1", "b-2", "2");

    assertThat(m.fromCode()).isEqualTo("A-1");
    assertThat(m.toCode()).isEqualTo("B-2");
    assertThat(m.sku()).isEqualTo("ABC-1");
    assertThat(m.occurredAt()).isEqualTo(clock.instant());
    QueuedMutation q =
        store.outbox().open().stream()
            .filter(x -> x.entityType() == EntityType.STOCK_MOVEMENTS)
            .findFirst()
            .orElseThrow();
    JsonNode data = json(q.payload()).get("data");
    assertThat(data.get("site_id").asText())
        .isEqualTo(store.locations().currentSite().id().toString());
    assertThat(data.get("from_location_id").asText()).isEqualTo(a1.id().toString());
    assertThat(data.get("to_location_id").asText()).isEqualTo(b2.id().toString());
    assertThat(data.get("quantity").decimalValue()).isEqualByComparingTo("2");
    assertThat(data.get("reason").asText()).isEqualTo("transfer");
    assertThat(data.get("occurred_at").asText()).isEqualTo("2026-04-09T10:00:01.000Z");
    assertThat(json(q.payload()).has("field_clock")).isFalse();
  }

  @Test
  void levelPlusMovementsItDoesNotIncludeYet() {
    StockMovement accepted = move(MovementReason.RECEIVE, null, "A-1", "10");
    StockMovement later = move(MovementReason.RECEIVE, null, "A-1", "5");
    StockMovement pending = move(MovementReason.PICK, "A-1", null, "2");
    accept(accepted, 10);
    accept(later, 12);
    level(a1, "10", 11); // the server's level includes version 10, not 12

    // 10 (level) + 5 (accepted after the level) - 2 (pending)
    assertThat(at(a1)).isEqualByComparingTo("13");

    level(a1, "15", 12); // the next pull includes version 12
    assertThat(at(a1)).isEqualByComparingTo("13");
    assertThat(pending.syncStatus()).isEqualTo(SyncStatus.PENDING);
  }

  @Test
  void levelNewerThanAnAcceptedMovementAlreadyCountsIt() {
    StockMovement m = move(MovementReason.RECEIVE, null, "A-1", "10");
    accept(m, 5);
    level(a1, "10", 9);

    assertThat(at(a1)).isEqualByComparingTo("10");
  }

  @Test
  void acceptedMovementWithoutAnyLevelStillCounts() {
    accept(move(MovementReason.RECEIVE, null, "A-1", "7"), 3);

    assertThat(at(a1)).isEqualByComparingTo("7");
  }

  @Test
  void levelAloneShowsInOnHand() {
    level(b2, "4", 2);

    assertThat(store.stock().onHand(bolt.id()))
        .extracting(OnHand::locationCode)
        .containsExactly("B-2");
    assertThat(at(b2)).isEqualByComparingTo("4");
    assertThat(at(a1)).isEqualByComparingTo("0");
  }

  @Test
  void countExpectsTheCurrentOnHandAndAdjustsUntilTheServerDecides() {
    move(MovementReason.RECEIVE, null, "A-1", "10");

    StockCount count = store.stock().count(bolt.id(), "a-1", new BigDecimal("8"));

    assertThat(count.expectedQuantity()).isEqualByComparingTo("10");
    assertThat(count.countedQuantity()).isEqualByComparingTo("8");
    assertThat(count.status()).isNull();
    assertThat(count.difference()).isEqualByComparingTo("-2");
    assertThat(at(a1)).isEqualByComparingTo("8");
    assertThat(store.stock().counts(bolt.id())).containsExactly(count);
    QueuedMutation q =
        store.outbox().open().stream()
            .filter(x -> x.entityType() == EntityType.STOCK_COUNTS)
            .findFirst()
            .orElseThrow();
    JsonNode data = json(q.payload()).get("data");
    assertThat(data.get("expected_quantity").decimalValue()).isEqualByComparingTo("10");
    assertThat(data.get("counted_quantity").decimalValue()).isEqualByComparingTo("8");
    assertThat(data.get("location_id").asText()).isEqualTo(a1.id().toString());

    // Once the server has applied it, the adjustment arrives as a movement and level instead.
    store
        .dsl()
        .update(STOCK_COUNTS)
        .set(STOCK_COUNTS.SYNC_STATUS, "synced")
        .set(STOCK_COUNTS.STATUS, "applied")
        .execute();
    assertThat(at(a1)).isEqualByComparingTo("10");
  }

  @Test
  void countOfAnEmptyBinShowsTheBin() {
    store.stock().count(bolt.id(), "B-2", new BigDecimal("3"));

    assertThat(store.stock().onHand(bolt.id()))
        .extracting(OnHand::locationCode)
        .containsExactly("B-2");
    assertThat(at(b2)).isEqualByComparingTo("3");
  }

  @Test
  void activityIsNewestFirstWithCodesResolved() {
    Item nut = store.catalog().create(ItemDraft.of("NUT-1", "Wing nut"));
    move(MovementReason.RECEIVE, null, "A-1", "10");
    clock.advance(Duration.ofSeconds(1));
    store
        .stock()
        .record(
            new MovementRequest(
                nut.id(), MovementReason.RECEIVE, null, "B-2", BigDecimal.ONE, null));
    move(MovementReason.TRANSFER, "A-1", "B-2", "1");

    assertThat(store.stock().activity(10))
        .extracting(StockMovement::sku, StockMovement::fromCode, StockMovement::toCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ABC-1", "A-1", "B-2"),
            org.assertj.core.groups.Tuple.tuple("NUT-1", null, "B-2"),
            org.assertj.core.groups.Tuple.tuple("ABC-1", null, "A-1"));
    assertThat(store.stock().activity(1)).hasSize(1);
    assertThat(store.stock().movements(nut.id(), 10))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.itemName()).isEqualTo("Wing nut");
              assertThat(m.reason()).isEqualTo(MovementReason.RECEIVE);
            });
  }

  @Test
  void locationsAreListedByCodeAndFoundCaseInsensitively() {
    assertThat(store.locations().list()).extracting(Location::code).containsExactly("A-1", "B-2");
    assertThat(store.locations().findByCode(" a-1 ")).contains(a1);
    assertThat(a1.zone()).isEqualTo("North");
    assertThat(store.outbox().open())
        .filteredOn(m -> m.entityType() == EntityType.LOCATIONS)
        .hasSize(2);
  }

  private void accept(StockMovement m, long serverVersion) {
    store
        .dsl()
        .update(STOCK_MOVEMENTS)
        .set(STOCK_MOVEMENTS.SYNC_STATUS, "synced")
        .set(STOCK_MOVEMENTS.SERVER_VERSION, serverVersion)
        .where(STOCK_MOVEMENTS.ID.eq(m.id()))
        .execute();
  }

  private void level(Location location, String quantity, long serverVersion) {
    store
        .dsl()
        .deleteFrom(STOCK_LEVELS)
        .where(STOCK_LEVELS.LOCATION_ID.eq(location.id()))
        .execute();
    store
        .dsl()
        .insertInto(STOCK_LEVELS)
        .set(STOCK_LEVELS.ID, UUID.randomUUID())
        .set(STOCK_LEVELS.CREATED_AT, clock.instant())
        .set(STOCK_LEVELS.UPDATED_AT, clock.instant())
        .set(STOCK_LEVELS.SYNC_STATUS, "synced")
        .set(STOCK_LEVELS.SERVER_VERSION, serverVersion)
        .set(STOCK_LEVELS.SITE_ID, location.siteId())
        .set(STOCK_LEVELS.ITEM_ID, bolt.id())
        .set(STOCK_LEVELS.LOCATION_ID, location.id())
        .set(STOCK_LEVELS.QUANTITY, new BigDecimal(quantity))
        .execute();
  }
}
