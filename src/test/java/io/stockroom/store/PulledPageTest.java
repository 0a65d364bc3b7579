package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pulled item pages: the fast path for a profile that holds no items (everything presumed new), and
 * its fall back to the ordinary path when the presumption is wrong.
 */
class PulledPageTest extends StoreTestSupport {

  private static ServerRecord.Item item(
      UUID id, long version, String sku, String barcode, String name) {
    Instant at = Instant.parse("2026-04-09T09:00:00.000Z");
    return new ServerRecord.Item(
        id,
        version,
        at,
        at,
        sku,
        barcode,
        name,
        null,
        "ea",
        null,
        0,
        Map.of("name", "2026-04-09T09:00:00.000Z-0000-server00"));
  }

  private List<String> skus(String query) {
    return store.catalog().search(query, 0, 100).stream().map(Item::sku).toList();
  }

  private String cursor() {
    return store.sync().cursor(EntityType.ITEMS).orElse(null);
  }

  @Test
  void aFirstPageIntoAnEmptyProfileIsInsertedAsSyncedAndSearchable() {
    assertThat(store.sync().holdsNone(EntityType.ITEMS)).isTrue();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    int applied =
        store
            .sync()
            .applyPage(
                EntityType.ITEMS,
                List.of(
                    item(a, 3, "SKU-1", "2000000000011", "Hex bolt M8"),
                    item(b, 4, "SKU-2", null, "Wing nut")),
                List.of(),
                "c1",
                true);

    assertThat(applied).isEqualTo(2);
    assertThat(cursor()).isEqualTo("c1");
    assertThat(store.sync().holdsNone(EntityType.ITEMS)).isFalse();
    Item hex = store.catalog().get(a).orElseThrow();
    assertThat(hex.serverVersion()).isEqualTo(3L);
    assertThat(hex.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(skus("bolt")).containsExactly("SKU-1");
    assertThat(skus("2000000000011")).containsExactly("SKU-1");
    assertThat(store.outbox().pendingCount()).isZero();
  }

  /** A page a live poke carried is applied only when it follows the cursor held (record 0049). */
  @Test
  void aCarriedPageIsAppliedOnlyAfterTheCursorItFollows() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS, List.of(item(a, 3, "SKU-1", null, "Hex bolt")), List.of(), "10");

    // Sent after another cursor (a page this laptop never kept): nothing changes.
    assertThat(
            store
                .sync()
                .applyCarried(
                    EntityType.ITEMS,
                    "9",
                    List.of(item(b, 12, "SKU-2", null, "Nut")),
                    List.of(a),
                    "12"))
        .isEqualTo(-1);
    assertThat(skus("")).containsExactly("SKU-1");
    assertThat(store.sync().cursor(EntityType.ITEMS)).contains("10");

    // After the cursor held: applied with its cursor, deletions too.
    assertThat(
            store
                .sync()
                .applyCarried(
                    EntityType.ITEMS,
                    "10",
                    List.of(item(b, 12, "SKU-2", null, "Nut")),
                    List.of(a),
                    "12"))
        .isEqualTo(2);
    assertThat(skus("")).containsExactly("SKU-2");
    assertThat(store.sync().cursor(EntityType.ITEMS)).contains("12");
  }

  @Test
  void aRecordSentAgainWithinTheSamePullFallsBackAndTakesTheNewerVersion() {
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS,
            List.of(item(a, 3, "SKU-1", null, "Hex bolt")),
            List.of(),
            "c1",
            true);

    // The item changed on the server while the pull went on: a later page carries it again.
    UUID b = UUID.randomUUID();
    int applied =
        store
            .sync()
            .applyPage(
                EntityType.ITEMS,
                List.of(
                    item(b, 8, "SKU-2", null, "Wing nut"), item(a, 9, "SKU-1", null, "Cap screw")),
                List.of(),
                "c2",
                true);

    assertThat(applied).isEqualTo(2);
    assertThat(cursor()).isEqualTo("c2");
    assertThat(store.catalog().count("")).isEqualTo(2);
    Item renamed = store.catalog().get(a).orElseThrow();
    assertThat(renamed.name()).isEqualTo("Cap screw");
    assertThat(renamed.serverVersion()).isEqualTo(9L);
    // The search words followed the new name; the old ones are gone.
    assertThat(skus("screw")).containsExactly("SKU-1");
    assertThat(skus("bolt")).isEmpty();
    store.wordIndex().loadNow();
    assertThat(store.wordIndex().wordsOf(a)).containsExactlyInAnyOrder("cap", "screw");
    assertThat(skus("bolt")).isEmpty();
  }

  @Test
  void anItemCreatedHereMeanwhileWithTheSameSkuFallsBackAndStepsAside() {
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS,
            List.of(item(a, 3, "SKU-1", null, "Hex bolt")),
            List.of(),
            "c1",
            true);
    // The user adds an item during the first sync, with a SKU the server also has.
    Item mine = store.catalog().create(ItemDraft.of("SKU-2", "My wing nut"));

    UUID b = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS,
            List.of(item(b, 4, "SKU-2", null, "Wing nut")),
            List.of(),
            "c2",
            true);

    assertThat(cursor()).isEqualTo("c2");
    assertThat(store.catalog().findBySku("SKU-2").orElseThrow().id()).isEqualTo(b);
    // The local one is still here, moved aside, and its queued create still carries what was typed.
    Item aside = store.catalog().get(mine.id()).orElseThrow();
    assertThat(aside.name()).isEqualTo("My wing nut");
    assertThat(aside.sku()).isNotEqualTo("SKU-2");
    assertThat(store.outbox().pendingCount()).isEqualTo(1);
  }

  @Test
  void anOrdinaryPageStillSkipsWhatItAlreadyHolds() {
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS,
            List.of(item(a, 5, "SKU-1", null, "Hex bolt")),
            List.of(),
            "c1",
            true);
    int applied =
        store
            .sync()
            .applyPage(
                EntityType.ITEMS,
                List.of(item(a, 5, "SKU-1", null, "Hex bolt")),
                List.of(),
                "c2",
                false);
    assertThat(applied).isZero();
    assertThat(cursor()).isEqualTo("c2");
  }
}
