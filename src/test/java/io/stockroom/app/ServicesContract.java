package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemNote;
import io.stockroom.domain.ItemOrder;
import io.stockroom.domain.Location;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the screens rely on from the local store's services, held to two implementations: the real
 * store on H2 ({@link LocalStoreContractTest}) and the in-memory {@link FakeStore} the view-model
 * tests use ({@link FakeStoreContractTest}). A behaviour a screen test depends on belongs here, so
 * the fake cannot drift from the store without a test failing.
 */
abstract class ServicesContract {

  /** Fresh services over an empty profile. */
  protected abstract Services open() throws Exception;

  protected void close() throws Exception {}

  protected Services s;

  @BeforeEach
  void openServices() throws Exception {
    s = open();
  }

  @AfterEach
  void closeServices() throws Exception {
    close();
  }

  Item item(String sku, String barcode, String name) {
    return s.catalog().create(new ItemDraft(sku, barcode, name, null, null, null, 0));
  }

  Location bin(String code) {
    return s.locations().create(code, null, null);
  }

  StockMovement move(MovementReason r, Item item, String from, String to, String qty) {
    return s.stock().record(new MovementRequest(item.id(), r, from, to, new BigDecimal(qty), null));
  }

  static String fieldOf(Runnable r) {
    try {
      r.run();
    } catch (ValidationException e) {
      return e.field();
    }
    throw new AssertionError("not refused");
  }

  static List<String> skus(List<Item> items) {
    return items.stream().map(Item::sku).toList();
  }

  @Test
  void aNewItemIsFoundByItsSkuBarcodeAndTheWordsOfItsName() {
    Item created = item(" BOLT-M8 ", "400123", "Anchor bolt M8");
    assertThat(created.sku()).isEqualTo("BOLT-M8");
    assertThat(created.unit()).isEqualTo(ItemDraft.DEFAULT_UNIT);
    assertThat(created.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(created.serverVersion()).isNull();
    assertThat(s.catalog().get(created.id())).contains(created);
    assertThat(s.catalog().findByCode("BOLT-M8")).map(Item::id).contains(created.id());
    assertThat(s.catalog().findByCode("400123")).map(Item::id).contains(created.id());
    assertThat(s.catalog().findByCode("BOLT-M9")).isEmpty();
    for (String q : List.of("anchor", "Bolt", "m8", "BOLT-M", "4001")) {
      assertThat(skus(s.catalog().search(q, 0, 10))).as(q).containsExactly("BOLT-M8");
      assertThat(s.catalog().count(q)).as(q).isEqualTo(1);
    }
    assertThat(s.catalog().search("nut", 0, 10)).isEmpty();
    assertThat(s.catalog().count("nut")).isZero();
  }

  @Test
  void aRefusedWriteQueuesNothingAndNamesTheFieldToFix() {
    Item first = item("BOLT-M8", "400123", "Anchor bolt");
    int queued = s.outbox().pendingCount();
    assertThat(fieldOf(() -> item("BOLT-M8", null, "Another"))).isEqualTo("sku");
    assertThat(fieldOf(() -> item("NUT-M8", "400123", "Another"))).isEqualTo("barcode");
    assertThat(fieldOf(() -> item("NUT-M8", null, " "))).isEqualTo("name");
    assertThat(fieldOf(() -> item("x".repeat(65), null, "Long SKU"))).isEqualTo("sku");
    bin("A-01");
    int afterBin = s.outbox().pendingCount();
    assertThat(fieldOf(() -> bin("A-01"))).isEqualTo("code");
    assertThat(fieldOf(() -> move(MovementReason.RECEIVE, first, null, "Z-99", "1")))
        .isEqualTo("to");
    assertThat(fieldOf(() -> move(MovementReason.RECEIVE, first, null, "A-01", "0")))
        .isEqualTo("quantity");
    assertThat(queued).isEqualTo(1);
    assertThat(afterBin).isEqualTo(2);
    assertThat(s.outbox().pendingCount()).isEqualTo(2);
    assertThat(s.outbox().open()).hasSize(2);
  }

  @Test
  void everyNewRecordIsQueued() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    bin("A-01");
    move(MovementReason.RECEIVE, i, null, "A-01", "5");
    s.catalog().addNote(i.id(), "Top shelf", "ana");
    assertThat(s.outbox().pendingCount()).isEqualTo(4);
    assertThat(s.outbox().labels(s.outbox().open())).hasSize(4);
  }

  @Test
  void anUpdateChangesTheItemAndAnUnknownItemIsRefused() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    Item changed =
        s.catalog()
            .update(
                i.id(), new ItemDraft("BOLT-M8", "555", "Anchor bolt M8", "zinc", "box", "fix", 3));
    assertThat(changed.name()).isEqualTo("Anchor bolt M8");
    assertThat(s.catalog().get(i.id()).orElseThrow().toDraft())
        .isEqualTo(new ItemDraft("BOLT-M8", "555", "Anchor bolt M8", "zinc", "box", "fix", 3));
    assertThat(skus(s.catalog().search("m8", 0, 10))).containsExactly("BOLT-M8");
    assertThat(s.catalog().findByCode("555")).isPresent();
    assertThatThrownBy(() -> s.catalog().update(UUID.randomUUID(), ItemDraft.of("X-1", "Nothing")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aDeletedItemIsNoLongerListedOrFound() {
    Item i = item("BOLT-M8", "400123", "Anchor bolt");
    item("NUT-M8", null, "Hex nut");
    s.catalog().delete(i.id());
    assertThat(skus(s.catalog().search("", 0, 10))).containsExactly("NUT-M8");
    assertThat(s.catalog().count("")).isEqualTo(1);
    assertThat(s.catalog().findByCode("BOLT-M8")).isEmpty();
    assertThat(s.catalog().findByCode("400123")).isEmpty();
  }

  @Test
  void theListIsPagedInTheOrderAsked() {
    for (String sku : List.of("C-3", "a-1", "E-5", "B-2", "D-4")) {
      item(sku, null, "Item " + (char) ('z' - sku.charAt(0) % 26));
    }
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      paged.addAll(skus(s.catalog().search("", offset, 2)));
    }
    assertThat(paged).containsExactly("a-1", "B-2", "C-3", "D-4", "E-5");
    assertThat(skus(s.catalog().search("", ItemOrder.SKU_DESCENDING, 0, 10)))
        .containsExactly("E-5", "D-4", "C-3", "B-2", "a-1");
    List<String> byName = skus(s.catalog().search("", ItemOrder.NAME, 0, 10));
    List<String> names =
        s.catalog().search("", ItemOrder.NAME, 0, 10).stream().map(Item::name).toList();
    assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    assertThat(byName).hasSize(5);
    assertThat(s.catalog().count("")).isEqualTo(5);
  }

  @Test
  void binsAreListedByCodeAndFoundByIt() {
    bin("B-02");
    Location a = bin("A-01");
    assertThat(s.locations().list()).extracting(Location::code).containsExactly("A-01", "B-02");
    assertThat(s.locations().findByCode("A-01")).map(Location::id).contains(a.id());
    assertThat(s.locations().findByCode("C-03")).isEmpty();
    assertThat(s.locations().currentSite()).isNotNull();
  }

  @Test
  void stockFollowsTheMovements() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    Item other = item("NUT-M8", null, "Hex nut");
    Location a = bin("A-01");
    Location b = bin("B-02");
    move(MovementReason.RECEIVE, i, null, "A-01", "5");
    move(MovementReason.PICK, i, "A-01", null, "1.5");
    move(MovementReason.TRANSFER, i, "A-01", "B-02", "1");
    move(MovementReason.ADJUST, i, null, "B-02", "0.25");
    move(MovementReason.RECEIVE, other, null, "A-01", "7");
    assertThat(s.stock().onHand(i.id(), a.id())).isEqualByComparingTo("2.5");
    assertThat(s.stock().onHand(i.id(), b.id())).isEqualByComparingTo("1.25");
    assertThat(s.stock().onHand(i.id()))
        .extracting(OnHand::locationCode, o -> o.quantity().stripTrailingZeros())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("A-01", new BigDecimal("2.5")),
            org.assertj.core.groups.Tuple.tuple("B-02", new BigDecimal("1.25")));
    Map<UUID, BigDecimal> totals = s.stock().onHandTotals(List.of(i.id(), other.id()));
    assertThat(totals.get(i.id())).isEqualByComparingTo("3.75");
    assertThat(totals.get(other.id())).isEqualByComparingTo("7");
  }

  @Test
  void aPickMayTakeABinBelowZeroAndSaysSo() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    Location a = bin("A-01");
    move(MovementReason.PICK, i, "A-01", null, "2");
    assertThat(s.stock().onHand(i.id(), a.id())).isEqualByComparingTo("-2");
    assertThat(s.stock().onHand(i.id()))
        .singleElement()
        .satisfies(o -> assertThat(o.negative()).isTrue());
  }

  @Test
  void aCountSetsTheStockToWhatWasCounted() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    Location a = bin("A-01");
    move(MovementReason.RECEIVE, i, null, "A-01", "5");
    StockCount c = s.stock().count(i.id(), "A-01", new BigDecimal("3"));
    assertThat(c.expectedQuantity()).isEqualByComparingTo("5");
    assertThat(c.countedQuantity()).isEqualByComparingTo("3");
    assertThat(s.stock().onHand(i.id(), a.id())).isEqualByComparingTo("3");
    assertThat(s.stock().counts(i.id())).extracting(StockCount::id).containsExactly(c.id());
    assertThatThrownBy(() -> s.stock().count(i.id(), "Z-99", BigDecimal.ONE))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void activityAndAnItemsMovementsAreNewestFirst() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    Item other = item("NUT-M8", null, "Hex nut");
    bin("A-01");
    StockMovement first = move(MovementReason.RECEIVE, i, null, "A-01", "5");
    StockMovement second = move(MovementReason.RECEIVE, other, null, "A-01", "2");
    StockMovement third = move(MovementReason.PICK, i, "A-01", null, "1");
    assertThat(s.stock().activity(10))
        .extracting(StockMovement::id)
        .containsExactly(third.id(), second.id(), first.id());
    assertThat(s.stock().activity(2))
        .extracting(StockMovement::id)
        .containsExactly(third.id(), second.id());
    assertThat(s.stock().movements(i.id(), 10))
        .extracting(StockMovement::id)
        .containsExactly(third.id(), first.id());
    assertThat(third.sku()).isEqualTo("BOLT-M8");
    assertThat(third.fromCode()).isEqualTo("A-01");
  }

  @Test
  void notesAreKeptNewestFirstAndCanBeChangedOrDropped() {
    Item i = item("BOLT-M8", null, "Anchor bolt");
    ItemNote older = s.catalog().addNote(i.id(), "Top shelf", "ana");
    ItemNote newer = s.catalog().addNote(i.id(), "Reorder soon", "ben");
    assertThat(s.catalog().notes(i.id()))
        .extracting(ItemNote::id)
        .containsExactly(newer.id(), older.id());
    ItemNote edited = s.catalog().updateNote(older.id(), "Bottom shelf");
    assertThat(edited.body()).isEqualTo("Bottom shelf");
    s.catalog().deleteNote(newer.id());
    assertThat(s.catalog().notes(i.id()))
        .extracting(ItemNote::body)
        .containsExactly("Bottom shelf");
  }
}
