package io.stockroom.app.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.count.CountViewModel.Step;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountViewModelTest {

  private final FakeStore store = new FakeStore();
  private final CountViewModel vm =
      new CountViewModel(
          store.catalog,
          store.locationService,
          store.stock,
          new InlineTaskRunner(),
          new LocalChanges());
  private Item item;

  @BeforeEach
  void seed() {
    item = store.catalog.create(new ItemDraft("A-1", "111", "Anchor bolt", null, null, null, 0));
    store.locationService.create("A-01", "A", null);
    store.stock.record(
        new MovementRequest(item.id(), MovementReason.RECEIVE, null, "A-01", BigDecimal.TEN, null));
  }

  @Test
  void scanBinScanItemTypeCount() {
    vm.locationCodeProperty().set("a-01");
    vm.confirmLocation();
    assertThat(vm.stepProperty().get()).isEqualTo(Step.ITEM);
    assertThat(vm.locationInfoProperty().get()).isEqualTo("Counting bin A-01 \u00b7 zone A");

    vm.itemCodeProperty().set("111");
    vm.confirmItem();
    assertThat(vm.stepProperty().get()).isEqualTo(Step.QUANTITY);
    assertThat(vm.itemInfoProperty().get()).endsWith("expected 10 ea");

    vm.countedProperty().set("8");
    vm.record();
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.session())
        .containsExactly(new CountRow("A-01", "A-1", "Anchor bolt", "8", "10", "-2"));
    assertThat(vm.stepProperty().get()).isEqualTo(Step.ITEM);
    assertThat(vm.itemCodeProperty().get()).isEmpty();
    assertThat(vm.locationCodeProperty().get()).isEqualTo("a-01");
  }

  @Test
  void unknownBinIsRefused() {
    vm.locationCodeProperty().set("Z-9");
    vm.confirmLocation();
    assertThat(vm.errorProperty().get()).isEqualTo("Unknown location \"Z-9\".");
    assertThat(vm.stepProperty().get()).isEqualTo(Step.LOCATION);
  }

  @Test
  void badCountsWriteNothing() {
    int writes = store.writes.get();
    vm.locationCodeProperty().set("A-01");
    vm.itemCodeProperty().set("111");
    vm.countedProperty().set("eight");
    vm.record();
    assertThat(vm.errorProperty().get()).isEqualTo("Quantity must be a number, not \"eight\".");
    vm.countedProperty().set("-1");
    vm.record();
    assertThat(vm.errorProperty().get()).isEqualTo("Quantity cannot be negative.");
    vm.countedProperty().set("3");
    vm.itemCodeProperty().set("999");
    vm.record();
    assertThat(vm.errorProperty().get()).isEqualTo("Unknown item \"999\".");
    assertThat(vm.stepProperty().get()).isEqualTo(Step.ITEM);
    assertThat(store.writes.get()).isEqualTo(writes);
  }

  @Test
  void anEmptyBinCanBeCounted() {
    vm.locationCodeProperty().set("A-01");
    vm.itemCodeProperty().set("A-1");
    vm.countedProperty().set("0");
    vm.record();
    assertThat(vm.session().get(0).difference()).isEqualTo("-10");
  }
}
