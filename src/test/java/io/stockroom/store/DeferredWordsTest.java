package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEM_WORDS;
import static io.stockroom.store.jooq.Tables.LOCAL_SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ServerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Search words that a first sync leaves out (decision record 0032): owed durably, found by a name
 * scan meanwhile, written after the sync a chunk at a time, resumed after a restart.
 */
class DeferredWordsTest extends StoreTestSupport {

  private static ServerRecord.Item item(UUID id, long version, String sku, String name) {
    Instant at = Instant.parse("2026-04-09T09:00:00.000Z");
    return new ServerRecord.Item(id, version, at, at, sku, null, name, null, "ea", null, 0, null);
  }

  private List<String> skus(String query) {
    return store.catalog().search(query, 0, 100).stream().map(Item::sku).sorted().toList();
  }

  private int wordRows() {
    return store.dsl().fetchCount(ITEM_WORDS);
  }

  private boolean owedOnDisk() {
    return store
        .dsl()
        .fetchExists(LOCAL_SETTINGS, LOCAL_SETTINGS.NAME.eq(DeferredWords.OWED_AFTER));
  }

  private void awaitWordsWritten() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !store.deferredWords().owed() && !owedOnDisk());
  }

  @Test
  void aFirstPageGoesInWithoutWordsAndSearchStillFindsEveryWordOfAName() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS,
            List.of(item(a, 1, "SKU-1", "Hex bolt M8"), item(b, 2, "SKU-2", "Wing nut (M8)")),
            List.of(),
            "c1",
            true);

    assertThat(wordRows()).isZero();
    assertThat(owedOnDisk()).isTrue();
    assertThat(store.deferredWords().owed()).isTrue();
    // Found by reading the names: at the start of a word, in any case, not inside a word.
    assertThat(skus("bolt")).containsExactly("SKU-1");
    assertThat(skus("M8")).containsExactly("SKU-1", "SKU-2");
    assertThat(skus("olt")).isEmpty();
    // As in the word index: a word holds letters and digits only, and ".*" is not a pattern here.
    assertThat(skus("(m8")).isEmpty();
    assertThat(skus(".*")).isEmpty();
    assertThat(store.catalog().count("nut")).isEqualTo(1);

    store.sync().writeOwedWords();
    awaitWordsWritten();

    assertThat(store.deferredWords().owed()).isFalse();
    assertThat(new ItemRepository().words(store.dsl(), a)).containsExactly("bolt", "m8");
    assertThat(new ItemRepository().words(store.dsl(), b)).containsExactly("m8", "nut");
    // Now from the word index alone.
    assertThat(skus("bolt")).containsExactly("SKU-1");
    assertThat(skus("M8")).containsExactly("SKU-1", "SKU-2");
  }

  @Test
  void anItemRenamedBeforeItsWordsAreWrittenKeepsOnlyTheWordsOfItsNewName() {
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS, List.of(item(a, 1, "SKU-1", "Hex bolt")), List.of(), "c1", true);
    store.catalog().update(a, ItemDraft.of("SKU-1", "Cap screw large"));

    store.sync().writeOwedWords();
    awaitWordsWritten();

    assertThat(new ItemRepository().words(store.dsl(), a)).containsExactly("large", "screw");
    assertThat(skus("bolt")).isEmpty();
    assertThat(skus("large")).containsExactly("SKU-1");
  }

  @Test
  void wordsCutShortByAStopAreWrittenOnTheNextStart() {
    List<ServerRecord> records = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      records.add(item(UUID.randomUUID(), i + 1, "SKU-" + i, "Part number" + i + " blue"));
    }
    store.sync().applyPage(EntityType.ITEMS, records.subList(0, 1200), List.of(), "c1", true);
    store.sync().applyPage(EntityType.ITEMS, records.subList(1200, 2500), List.of(), "c2", true);

    // One chunk, then the app stops.
    assertThat(store.deferredWords().writeChunk()).isPositive();
    int partial = wordRows();
    assertThat(partial).isPositive().isLessThan(2 * 2500);
    assertThat(owedOnDisk()).isTrue();

    reopen(); // the store resumes on its own
    awaitWordsWritten();

    assertThat(wordRows()).isEqualTo(2 * 2500); // "numberN" and "blue" for each, none twice
    assertThat(store.catalog().count("blue")).isEqualTo(2500);
    assertThat(skus("number2499")).containsExactly("SKU-2499");
  }

  @Test
  void anOrdinaryPageWritesItsWordsAtOnce() {
    store.catalog().create(ItemDraft.of("MINE-1", "Local item")); // the profile is not empty
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(
            EntityType.ITEMS, List.of(item(a, 1, "SKU-1", "Hex bolt")), List.of(), "c1", false);

    assertThat(store.deferredWords().owed()).isFalse();
    assertThat(owedOnDisk()).isFalse();
    assertThat(new ItemRepository().words(store.dsl(), a)).containsExactly("bolt");
  }
}
