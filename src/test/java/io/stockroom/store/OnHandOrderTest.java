package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemOrder;
import io.stockroom.domain.Location;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.StockMovement;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The items list sorted by stock on hand, on ledgers of every kind of row (pending and accepted
 * movements, pulled levels that include some of them and not others, deleted levels, pending
 * counts), made at random from a seed: the order follows the totals, the totals the bins, and a
 * write between two pages is seen by the next.
 */
class OnHandOrderTest extends StoreTestSupport {

  private final List<Item> items = new ArrayList<>();
  private final List<Location> bins = new ArrayList<>();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theListSortsByTheTotalEitherWayWithOrWithoutAQuery(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 8; i++) {
      // Mixed case: ties follow the SKU order of the list, which ignores case.
      String sku = (i % 3 == 0 ? "sku-" : "SKU-") + i;
      items.add(store.catalog().create(ItemDraft.of(sku, (i % 2 == 0 ? "Bolt " : "Nut ") + i)));
    }
    for (int i = 0; i < 3; i++) {
      bins.add(store.locations().create("B-" + i, "Zone", null));
    }
    List<StockMovement> moves = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofSeconds(1));
      Item item = items.get(random.nextInt(items.size() - 1)); // the last item never moves
      String from = bin(random);
      String to = bin(random);
      MovementReason reason =
          from == null
              ? MovementReason.RECEIVE
              : to == null || to.equals(from) ? MovementReason.PICK : MovementReason.TRANSFER;
      if (reason == MovementReason.RECEIVE && to == null) {
        to = bins.get(0).code();
      }
      moves.add(
          store
              .stock()
              .record(
                  new MovementRequest(
                      item.id(),
                      reason,
                      reason == MovementReason.RECEIVE ? null : from,
                      reason == MovementReason.PICK ? null : to,
                      BigDecimal.valueOf(1 + random.nextInt(9)),
                      null)));
      if (random.nextInt(6) == 0) {
        store
            .stock()
            .count(item.id(), bins.get(random.nextInt(bins.size())).code(), quantity(random));
      }
    }
    // The server accepted some movements, and sent levels at versions that include some of them.
    long version = 0;
    for (StockMovement m : moves) {
      if (random.nextBoolean()) {
        store
            .dsl()
            .update(STOCK_MOVEMENTS)
            .set(STOCK_MOVEMENTS.SYNC_STATUS, "synced")
            .set(STOCK_MOVEMENTS.SERVER_VERSION, ++version)
            .where(STOCK_MOVEMENTS.ID.eq(m.id()))
            .execute();
      }
    }
    UUID site = store.locations().currentSite().id();
    for (Item item : items.subList(0, items.size() - 1)) {
      for (Location bin : bins) {
        if (random.nextInt(3) == 0) {
          var now = clock.instant();
          store
              .dsl()
              .insertInto(STOCK_LEVELS)
              .set(STOCK_LEVELS.ID, UUID.randomUUID())
              .set(STOCK_LEVELS.CREATED_AT, now)
              .set(STOCK_LEVELS.UPDATED_AT, now)
              .set(STOCK_LEVELS.SYNC_STATUS, "synced")
              .set(
                  STOCK_LEVELS.SERVER_VERSION,
                  random.nextInt(5) == 0 ? null : (long) random.nextInt((int) version + 2))
              .set(STOCK_LEVELS.SITE_ID, site)
              .set(STOCK_LEVELS.ITEM_ID, item.id())
              .set(STOCK_LEVELS.LOCATION_ID, bin.id())
              .set(STOCK_LEVELS.QUANTITY, quantity(random))
              .set(STOCK_LEVELS.IS_DELETED, random.nextInt(8) == 0)
              .execute();
        }
      }
    }

    Map<UUID, BigDecimal> totals =
        store.stock().onHandTotals(items.stream().map(Item::id).toList());
    assertThat(totals).doesNotContainKey(items.get(items.size() - 1).id());
    for (Item item : items) {
      BigDecimal perBin =
          store.stock().onHand(item.id()).stream()
              .map(io.stockroom.domain.OnHand::quantity)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(totals.getOrDefault(item.id(), BigDecimal.ZERO)).isEqualByComparingTo(perBin);
    }

    Comparator<Item> byTotal =
        Comparator.comparing((Item i) -> totals.getOrDefault(i.id(), BigDecimal.ZERO))
            .thenComparing(Item::sku, String.CASE_INSENSITIVE_ORDER);
    assertThat(skus(ItemOrder.ON_HAND))
        .containsExactlyElementsOf(items.stream().sorted(byTotal).map(Item::sku).toList());
    assertThat(skus(ItemOrder.ON_HAND_DESCENDING))
        .containsExactlyElementsOf(
            items.stream().sorted(byTotal.reversed()).map(Item::sku).toList());
    // A page is a slice of the order, either way.
    assertThat(store.catalog().search("", ItemOrder.ON_HAND, 2, 3).stream().map(Item::sku))
        .containsExactlyElementsOf(skus(ItemOrder.ON_HAND).subList(2, 5));
    assertThat(
            store.catalog().search("", ItemOrder.ON_HAND_DESCENDING, 5, 10).stream().map(Item::sku))
        .containsExactlyElementsOf(skus(ItemOrder.ON_HAND_DESCENDING).subList(5, 8));
    // With a query, only its matches, in the same order.
    assertThat(store.catalog().search("bolt", ItemOrder.ON_HAND, 0, 100).stream().map(Item::sku))
        .containsExactlyElementsOf(
            items.stream()
                .filter(i -> i.name().startsWith("Bolt"))
                .sorted(byTotal)
                .map(Item::sku)
                .toList());

    // The order is kept between pages, but a write is seen by the next one.
    Item least = store.catalog().search("", ItemOrder.ON_HAND, 0, 1).get(0);
    store
        .stock()
        .record(
            new MovementRequest(
                least.id(),
                MovementReason.RECEIVE,
                null,
                bins.get(0).code(),
                new BigDecimal("1000"),
                null));
    assertThat(store.catalog().search("", ItemOrder.ON_HAND_DESCENDING, 0, 1))
        .extracting(Item::id)
        .containsExactly(least.id());
  }

  private List<String> skus(ItemOrder order) {
    return store.catalog().search("", order, 0, 100).stream().map(Item::sku).toList();
  }

  private String bin(Random random) {
    int i = random.nextInt(bins.size() + 1);
    return i == bins.size() ? null : bins.get(i).code();
  }

  private static BigDecimal quantity(Random random) {
    return BigDecimal.valueOf(random.nextInt(40)).divide(BigDecimal.valueOf(4));
  }
}
