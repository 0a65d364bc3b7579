package io.stockroom.app.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.QueuedTaskRunner;
import io.stockroom.domain.ItemDraft;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ItemsViewModelTest {

  private final FakeStore store = new FakeStore();

  @Test
  void emptyCatalogShowsTheFirstRunScreen() {
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    assertThat(vm.firstRunProperty().get()).isTrue();
    assertThat(vm.itemsProperty().get()).isEmpty();
  }

  @Test
  void noMatchIsNotTheFirstRunScreen() {
    store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.queryProperty().set("zzz");
    assertThat(vm.firstRunProperty().get()).isFalse();
    assertThat(vm.summaryProperty().get()).isEqualTo("No item matches \"zzz\"");
  }

  @Test
  void searchesBySkuBarcodeAndNameWord() {
    store.catalog.create(new ItemDraft("A-1", "4006381333931", "Anchor bolt", null, null, null, 0));
    store.catalog.create(ItemDraft.of("B-2", "Bracket steel"));
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);

    vm.queryProperty().set("b-");
    assertThat(vm.itemsProperty().get())
        .extracting(r -> r.skuProperty().get())
        .containsExactly("B-2");
    vm.queryProperty().set("400638");
    assertThat(vm.itemsProperty().get())
        .extracting(r -> r.skuProperty().get())
        .containsExactly("A-1");
    vm.queryProperty().set("steel");
    assertThat(vm.itemsProperty().get())
        .extracting(r -> r.nameProperty().get())
        .containsExactly("Bracket steel");
    assertThat(vm.summaryProperty().get()).isEqualTo("1 item matches \"steel\"");
  }

  @Test
  void typingIsDebouncedAndOnlyTheLastQueryRuns() {
    store.bulkItems(50);
    QueuedTaskRunner runner = new QueuedTaskRunner();
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, runner, Duration.ofMillis(150));
    vm.queryProperty().set("B");
    vm.queryProperty().set("BU");
    vm.queryProperty().set("BULK-00001");
    assertThat(runner.pendingWork()).isZero();
    runner.elapseTimers();
    assertThat(runner.pendingWork()).isEqualTo(1);
    runner.runAll();
    assertThat(vm.totalProperty().get()).isEqualTo(10);
  }

  @Test
  void aStaleAnswerIsDropped() {
    store.bulkItems(50);
    QueuedTaskRunner runner = new QueuedTaskRunner();
    ItemsViewModel vm = new ItemsViewModel(store.catalog, store.stock, runner, Duration.ZERO);
    vm.queryProperty().set("BULK-00001");
    vm.refresh(); // query 1 in flight
    vm.queryProperty().set("BULK-000002");
    vm.refresh(); // query 2 in flight
    runner.runLast(); // the newer answer arrives first
    runner.runNext(); // then the older one, which must not win
    assertThat(vm.totalProperty().get()).isEqualTo(1);
    assertThat(vm.itemsProperty().get().get(0).skuProperty().get()).isEqualTo("BULK-000002");
  }

  @Test
  void hundredThousandItemsAreFetchedOnlyAPageAtATime() {
    store.bulkItems(100_000);
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    PagedItemList list = vm.itemsProperty().get();
    assertThat(list).hasSize(100_000);
    assertThat(vm.summaryProperty().get()).isEqualTo("100,000 items");
    int before = store.searches.get();

    assertThat(list.get(99_999).skuProperty().get()).isEqualTo("BULK-099999");
    assertThat(list.get(50_000).skuProperty().get()).isEqualTo("BULK-050000");
    assertThat(store.searches.get() - before).isEqualTo(2);
    assertThat(list.keptPages()).isEqualTo(3);
    assertThat(list.indexOf(list.get(50_001))).isEqualTo(50_001);
    assertThat(list.indexOf(new ItemRow())).isEqualTo(-1);
    assertThat(store.searches.get() - before).isEqualTo(2);
  }

  @Test
  void aLocalEditReloadsLoadedRowsInPlace() {
    var item = store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    PagedItemList list = vm.itemsProperty().get();
    ItemRow row = list.get(0);

    store.catalog.update(item.id(), ItemDraft.of("A-1", "Anchor bolt M8"));
    vm.reload();

    assertThat(vm.itemsProperty().get()).isSameAs(list);
    assertThat(row.nameProperty().get()).isEqualTo("Anchor bolt M8");
  }

  @Test
  void afterALocalEditOnlyTheRecentPagesReload() {
    store.bulkItems(100_000);
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    PagedItemList list = vm.itemsProperty().get();
    for (int i = 0; i < 10; i++) {
      list.get(i * 1_000);
    }
    int before = store.searches.get();
    vm.reload();
    assertThat(store.searches.get() - before).isEqualTo(ItemsViewModel.RELOADED_PAGES);
    assertThat(list.keptPages()).isEqualTo(ItemsViewModel.RELOADED_PAGES);
  }

  @Test
  void aFailedQueryShowsAMessage() {
    store.failing = true;
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    String shown = vm.errorProperty().get();
    assertThat(shown)
        .as("what happened and what to do, no exception text")
        .matches(
            "Something went wrong on this laptop\\. Try again\\. If it happens again, restart"
                + " Stockroom and send the details to support\\. \\(E\\d+\\)")
        .doesNotContain("database is closed");
    assertThat(io.stockroom.app.ui.Errors.details(shown))
        .hasValueSatisfying(
            d -> assertThat(d).contains("IllegalStateException: database is closed"));
    assertThat(vm.loadingProperty().get()).isFalse();
  }

  @Test
  void rowsShowOnHandAndTheListSortsByNameOrSkuEitherWay() {
    var zebra = store.catalog.create(ItemDraft.of("A-1", "Zebra clamp"));
    store.catalog.create(ItemDraft.of("B-2", "Apple crate"));
    store.locationService.create("A-01", null, null);
    store.stock.record(
        new io.stockroom.domain.MovementRequest(
            zebra.id(),
            io.stockroom.domain.MovementReason.RECEIVE,
            null,
            "A-01",
            new java.math.BigDecimal("5"),
            null));
    ItemsViewModel vm =
        new ItemsViewModel(store.catalog, store.stock, new InlineTaskRunner(), Duration.ZERO);
    vm.refresh();
    assertThat(rows(vm)).containsExactly("A-1 Zebra clamp 5", "B-2 Apple crate 0");
    vm.orderProperty().set(io.stockroom.domain.ItemOrder.NAME);
    assertThat(rows(vm)).containsExactly("B-2 Apple crate 0", "A-1 Zebra clamp 5");
    vm.orderProperty().set(io.stockroom.domain.ItemOrder.SKU_DESCENDING);
    assertThat(rows(vm)).containsExactly("B-2 Apple crate 0", "A-1 Zebra clamp 5");
    vm.orderProperty().set(io.stockroom.domain.ItemOrder.NAME_DESCENDING);
    assertThat(rows(vm)).containsExactly("A-1 Zebra clamp 5", "B-2 Apple crate 0");
  }

  private static java.util.List<String> rows(ItemsViewModel vm) {
    return vm.itemsProperty().get().stream()
        .map(
            r ->
                r.skuProperty().get()
                    + " "
                    + r.nameProperty().get()
                    + " "
                    + r.onHandProperty().get())
        .toList();
  }
}
