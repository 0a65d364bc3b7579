package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTest extends StoreTestSupport {

  @BeforeEach
  void catalog() {
    create("B-200", "4006381333931", "Hex bolt M8");
    create("A-100", "5012345678900", "Wing nut stainless");
    create("C-300", null, "Galvanized hex washer");
    create("D_1%", null, "Odd sku 100%");
    create("E-500", null, "Bolt cutter");
  }

  private void create(String sku, String barcode, String name) {
    store.catalog().create(new ItemDraft(sku, barcode, name, null, null, null, 0));
  }

  private List<String> skus(String query) {
    return store.catalog().search(query, 0, 100).stream().map(Item::sku).toList();
  }

  @Test
  void blankListsEverythingBySku() {
    assertThat(skus("")).containsExactly("A-100", "B-200", "C-300", "D_1%", "E-500");
    assertThat(skus(null)).hasSize(5);
    assertThat(store.catalog().count("  ")).isEqualTo(5);
  }

  @Test
  void matchesSkuBarcodeFirstWordAndFurtherWordsCaseInsensitively() {
    assertThat(skus("b-2")).containsExactly("B-200");
    assertThat(skus("400638")).containsExactly("B-200");
    assertThat(skus("wing")).containsExactly("A-100");
    assertThat(skus("STAINL")).containsExactly("A-100");
    assertThat(skus("hex")).containsExactly("B-200", "C-300");
    assertThat(skus("bolt")).containsExactly("B-200", "E-500");
    assertThat(skus("m8")).containsExactly("B-200");
    assertThat(store.catalog().count("hex")).isEqualTo(2);
  }

  @Test
  void aRenamedItemIsFoundByItsNewWordsOnly() {
    Item bolt = store.catalog().findBySku("B-200").orElseThrow();
    store
        .catalog()
        .update(
            bolt.id(),
            new ItemDraft("B-200", "4006381333931", "Hex screw zinc", null, null, null, 0));
    assertThat(skus("bolt")).containsExactly("E-500");
    assertThat(skus("m8")).isEmpty();
    assertThat(skus("screw")).containsExactly("B-200");
    assertThat(skus("zinc")).containsExactly("B-200");
    assertThat(skus("hex")).containsExactly("B-200", "C-300");
    // Back to a name with a word it had before: found by it again, once.
    store
        .catalog()
        .update(
            bolt.id(), new ItemDraft("B-200", "4006381333931", "Hex bolt M8", null, null, null, 0));
    assertThat(skus("m8")).containsExactly("B-200");
    assertThat(skus("screw")).isEmpty();
    assertThat(store.catalog().count("bolt")).isEqualTo(2);
  }

  private List<String> skus(String query, ItemOrder order, int offset, int limit) {
    return store.catalog().search(query, order, offset, limit).stream().map(Item::sku).toList();
  }

  @Test
  void sortsByNameOrSkuEitherWayWithOrWithoutAQuery() {
    create("F-600", null, "bolt cutter"); // the same name but for case: the SKU breaks the tie
    store.catalog().delete(store.catalog().findBySku("C-300").orElseThrow().id());
    assertThat(skus("", ItemOrder.NAME, 0, 100))
        .containsExactly("E-500", "F-600", "B-200", "D_1%", "A-100");
    assertThat(skus("", ItemOrder.NAME_DESCENDING, 0, 100))
        .containsExactly("A-100", "D_1%", "B-200", "F-600", "E-500");
    assertThat(skus("", ItemOrder.SKU_DESCENDING, 1, 2)).containsExactly("E-500", "D_1%");
    assertThat(skus("", ItemOrder.SKU, 0, 100)).isEqualTo(skus(""));
    assertThat(skus("bolt", ItemOrder.NAME, 0, 100)).containsExactly("E-500", "F-600", "B-200");
    assertThat(skus("bolt", ItemOrder.NAME_DESCENDING, 1, 1)).containsExactly("F-600");
    assertThat(skus("nothing", ItemOrder.NAME, 0, 100)).isEmpty();
  }

  @Test
  void matchesPrefixesOnlyNotTheMiddleOfAWord() {
    assertThat(skus("olt")).isEmpty();
    assertThat(skus("200")).isEmpty();
    assertThat(store.catalog().count("olt")).isZero();
  }

  @Test
  void likeWildcardsInInputAreLiteral() {
    assertThat(skus("%")).isEmpty();
    assertThat(skus("_")).isEmpty();
    assertThat(skus("D_")).containsExactly("D_1%");
    assertThat(skus("D_1%")).containsExactly("D_1%");
    assertThat(skus("d\\")).isEmpty();
  }

  @Test
  void offsetAndLimitPage() {
    assertThat(store.catalog().search("", 1, 2))
        .extracting(Item::sku)
        .containsExactly("B-200", "C-300");
    assertThat(store.catalog().search("", 4, 10)).extracting(Item::sku).containsExactly("E-500");
    assertThat(store.catalog().search("", 10, 10)).isEmpty();
  }

  @Test
  void deletedItemsNeverAppear() {
    Item bolt = store.catalog().search("B-200", 0, 1).get(0);
    store.catalog().delete(bolt.id());

    assertThat(skus("bolt")).containsExactly("E-500");
    assertThat(skus("")).doesNotContain("B-200");
    assertThat(store.catalog().count("")).isEqualTo(4);
    assertThat(store.catalog().count("hex")).isEqualTo(1);
  }

  @Test
  void bulkLoadedItemsAreSearchableAndSynced() {
    store
        .bulkLoader()
        .importItems(
            List.of(
                new ItemDraft(
                    "SKU-000001", "4000000000017", "Brass hinge large", "d", "ea", "Tools", 0),
                new ItemDraft("SKU-000002", "4000000000024", "Nylon strap", null, null, null, 5)),
            7);

    assertThat(skus("hinge")).containsExactly("SKU-000001");
    assertThat(skus("sku-")).containsExactly("SKU-000001", "SKU-000002");
    Item strap = store.catalog().findByCode("4000000000024").orElseThrow();
    assertThat(strap.serverVersion()).isEqualTo(7);
    assertThat(strap.syncStatus()).isEqualTo(io.stockroom.domain.SyncStatus.SYNCED);
    assertThat(strap.unit()).isEqualTo("ea");
    assertThat(store.outbox().open()).hasSize(5); // only the five created above
  }

  @Test
  void manyMatchesPageInSkuOrderThroughTheIndexWalk() {
    // More matches than ItemSearch.SCAN_THRESHOLD, interleaved with items that do not
    // match, in an insertion order unlike SKU order: pages must still come in SKU order, with
    // nothing skipped or repeated across pages and across the index chunks.
    List<ItemDraft> drafts = new java.util.ArrayList<>();
    int matching = ItemSearch.SCAN_THRESHOLD + 700;
    for (int i = matching - 1; i >= 0; i--) {
      drafts.add(ItemDraft.of(String.format("M-%05d", i * 3), "Blue widget " + i));
      drafts.add(ItemDraft.of(String.format("M-%05d", i * 3 + 1), "Red gadget " + i));
    }
    store.bulkLoader().importItems(drafts, 1);
    assertThat(store.catalog().count("widget")).isEqualTo(matching);

    List<String> seen = new java.util.ArrayList<>();
    for (int offset = 0; offset < matching; offset += 250) {
      seen.addAll(store.catalog().search("widget", offset, 250).stream().map(Item::sku).toList());
    }
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < matching; i++) {
      expected.add(String.format("M-%05d", i * 3));
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(store.catalog().search("widget", matching - 5, 100)).hasSize(5);
  }

  @Test
  void matchesBunchedAtTheEndOfTheSkuOrderAreStillFoundChunkAfterChunk() {
    // The walk sizes its chunks by the share of items that match; here all the matches come after
    // every item that does not, so the first chunks find nothing and the walk must go on.
    List<ItemDraft> drafts = new java.util.ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      drafts.add(ItemDraft.of(String.format("A-%05d", i), "Red gadget " + i));
    }
    int matching = ItemSearch.SCAN_THRESHOLD + 200;
    for (int i = 0; i < matching; i++) {
      drafts.add(ItemDraft.of(String.format("Z-%05d", i), "Blue widget " + i));
    }
    store.bulkLoader().importItems(drafts, 1);

    assertThat(store.catalog().search("widget", 0, 3).stream().map(Item::sku))
        .containsExactly("Z-00000", "Z-00001", "Z-00002");
    assertThat(store.catalog().search("widget", matching - 2, 10).stream().map(Item::sku))
        .containsExactly(
            String.format("Z-%05d", matching - 2), String.format("Z-%05d", matching - 1));
  }

  @Test
  void aChunkIsTheExpectedDistanceAndHalfAgainWithinBounds() {
    assertThat(ItemSearch.chunkFor(100, 0.05)).isEqualTo(3_032);
    assertThat(ItemSearch.chunkFor(1, 1.0)).isEqualTo(256);
    assertThat(ItemSearch.chunkFor(100, 0.0)).isEqualTo(16_384);
  }
}
