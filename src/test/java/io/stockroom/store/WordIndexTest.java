package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ServerRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The name-word index held in memory (decision record 0052): read from the names, kept by every
 * write that names an item once it commits, and never by one that rolls back.
 */
class WordIndexTest extends StoreTestSupport {

  private static ServerRecord.Item item(UUID id, long version, String sku, String name) {
    Instant at = Instant.parse("2026-04-09T09:00:00.000Z");
    return new ServerRecord.Item(id, version, at, at, sku, null, name, null, "ea", null, 0, null);
  }

  private List<String> skus(String query) {
    return store.catalog().search(query, 0, 100).stream().map(Item::sku).sorted().toList();
  }

  @Test
  void beforeAndAfterTheIndexIsReadEveryWordOfANameIsFound() {
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
    // An index that is read only when told, so that the search before it surely reads the names.
    WordIndex index = new WordIndex(new Tx(store.dsl()), false);
    ItemSearch search = new ItemSearch(index);

    assertThat(search.matchingLiveIds(store.dsl(), "m8")).containsExactlyInAnyOrder(a, b);
    assertThat(search.matchingLiveIds(store.dsl(), "nu")).containsExactly(b);
    assertThat(search.matchingLiveIds(store.dsl(), "wing")).containsExactly(b);
    assertThat(index.ready()).isFalse();

    index.loadNow();

    assertThat(index.ready()).isTrue();
    assertThat(search.matchingLiveIds(store.dsl(), "m8")).containsExactlyInAnyOrder(a, b);
    assertThat(search.matchingLiveIds(store.dsl(), "nu")).containsExactly(b);
    assertThat(search.matchingLiveIds(store.dsl(), "wing")).containsExactly(b);
    assertThat(index.wordsOf(a)).containsExactlyInAnyOrder("hex", "bolt", "m8");
  }

  @Test
  void aNameThatDoesNotStartWithAWordIsFoundByItsFirstWord() {
    store.wordIndex().loadNow();
    store.catalog().create(ItemDraft.of("P-1", "(M8) Hex bolt"));

    assertThat(skus("m8")).containsExactly("P-1");
  }

  @Test
  void pagesCreatesAndRenamesAfterTheLoadReachTheIndex() {
    store.wordIndex().loadNow();
    UUID a = UUID.randomUUID();
    store
        .sync()
        .applyPage(EntityType.ITEMS, List.of(item(a, 1, "SKU-1", "Hex bolt")), List.of(), "c1");
    Item local = store.catalog().create(ItemDraft.of("LOC-1", "Brass Hinge"));

    assertThat(skus("bol")).containsExactly("SKU-1");
    assertThat(skus("HINGE")).containsExactly("LOC-1");

    store
        .sync()
        .applyPage(EntityType.ITEMS, List.of(item(a, 2, "SKU-1", "Cap screw")), List.of(), "c2");
    store.catalog().update(local.id(), ItemDraft.of("LOC-1", "Brass latch"));

    assertThat(skus("bol")).isEmpty();
    assertThat(skus("hinge")).isEmpty();
    assertThat(skus("scr")).containsExactly("SKU-1");
    assertThat(skus("latch")).containsExactly("LOC-1");
  }

  @Test
  void aWriteThatRollsBackLeavesTheIndexAsItWas() {
    Tx tx = new Tx(store.dsl());
    WordIndex index = new WordIndex(tx);
    index.loadNow();
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                tx.write(
                    ctx -> {
                      index.written(id, "Hex bolt");
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");

    assertThat(index.startingWith("bolt")).isEmpty();
    assertThat(index.wordsOf(id)).isEmpty();
  }

  @Test
  void aWriteInsideAWriteCommitsOnItsOwnAndSoDoesItsIndexUpdate() {
    // Each write is a transaction on a connection of its own, even one started inside another:
    // the inner one's rows stay when the outer one rolls back, and so must its words.
    Tx tx = new Tx(store.dsl());
    WordIndex index = new WordIndex(tx, false);
    index.loadNow();
    UUID outer = UUID.randomUUID();
    UUID inner = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                tx.write(
                    ctx -> {
                      index.written(outer, "Brass hinge");
                      tx.write(
                          c -> {
                            index.written(inner, "Wing nut");
                            return null;
                          });
                      assertThat(index.startingWith("nut")).containsExactly(inner);
                      assertThat(index.startingWith("hinge")).isEmpty(); // not committed yet
                      throw new IllegalStateException("outer rolled back");
                    }))
        .hasMessage("outer rolled back");

    assertThat(index.startingWith("nut")).containsExactly(inner);
    assertThat(index.startingWith("hinge")).isEmpty();
  }

  @Test
  void anActionThatFailsAfterTheCommitLeavesTheCommitAndTheOtherActions() {
    Tx tx = new Tx(store.dsl());
    WordIndex index = new WordIndex(tx, false);
    index.loadNow();
    UUID id = UUID.randomUUID();

    String result =
        tx.write(
            ctx -> {
              tx.afterCommit(
                  () -> {
                    throw new IllegalStateException("broken action");
                  });
              index.written(id, "Wing nut");
              return "committed";
            });

    assertThat(result).isEqualTo("committed");
    assertThat(index.startingWith("wing")).containsExactly(id);
  }

  @Test
  void namesWrittenBeforeTheLoadAreReadByIt() {
    Item item = store.catalog().create(ItemDraft.of("LOC-1", "Brass hinge"));
    WordIndex index = store.wordIndex();
    assertThat(index.wordsOf(item.id())).isEmpty(); // nothing held until it is read

    index.loadNow();

    assertThat(index.wordsOf(item.id())).containsExactlyInAnyOrder("brass", "hinge");
  }

  @Test
  void onlyAWriteMayAskForWorkAfterItsCommit() {
    Tx tx = new Tx(store.dsl());
    assertThatThrownBy(() -> tx.afterCommit(() -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWordHeldByOneItemThenTwoThenNoneComesAndGoes() {
    Tx tx = new Tx(store.dsl());
    WordIndex index = new WordIndex(tx, false);
    index.loadNow();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    tx.run(t -> index.written(a, "Brass hinge"));
    assertThat(index.startingWith("hin")).containsExactly(a);
    tx.run(t -> index.written(b, "Steel hinge"));
    tx.run(t -> index.written(a, "Brass hinge")); // the same name again: nothing changes
    assertThat(index.startingWith("hin")).containsExactlyInAnyOrder(a, b);
    tx.run(t -> index.written(a, "Brass latch"));
    assertThat(index.startingWith("hin")).containsExactly(b);
    tx.run(t -> index.written(b, "Steel latch"));
    assertThat(index.startingWith("hin")).isEmpty();
    assertThat(index.startingWith("latch")).containsExactlyInAnyOrder(a, b);
    assertThat(index.startingWith("")).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void aCommitDuringTheReadOfTheNamesIsNotLost() throws Exception {
    // The names are read without holding up writes. A write that commits meanwhile (here: one
    // open before the read starts, committed while the load waits to go live) makes the load read
    // them again under the write lock, or the index would miss its item for good.
    Tx tx = new Tx(store.dsl());
    WordIndex index = new WordIndex(tx, false);
    ItemRepository items = new ItemRepository(index);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    UUID id = UUID.randomUUID();
    var writer =
        java.util.concurrent.CompletableFuture.runAsync(
            () ->
                tx.run(
                    t -> {
                      items.insert(
                          t,
                          id,
                          ItemDraft.of("LATE-1", "Copper gasket").normalized().validate(),
                          null,
                          Instant.now(),
                          io.stockroom.domain.SyncStatus.PENDING);
                      inside.countDown();
                      await(release);
                    }));
    while (!inside.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (writer.isDone()) {
        writer.join(); // its failure, if it failed before it got inside
      }
    }
    var releaser =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              org.awaitility.Awaitility.await()
                  .atMost(java.time.Duration.ofSeconds(30))
                  .until(tx::someoneWaits); // the load, ready to go live
              release.countDown();
            });

    index.loadNow();

    writer.get();
    releaser.get();
    assertThat(index.startingWith("gasket")).containsExactly(id);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not reached");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
