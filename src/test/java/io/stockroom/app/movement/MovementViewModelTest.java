package io.stockroom.app.movement;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.LocalChanges;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MovementViewModelTest {

  private final FakeStore store = new FakeStore();
  private final LocalChanges changes = new LocalChanges();
  private final MovementViewModel vm =
      new MovementViewModel(
          store.catalog, store.locationService, store.stock, new InlineTaskRunner(), changes);
  private Item item;
  private int writes;

  @BeforeEach
  void seed() {
    item =
        store.catalog.create(
            new ItemDraft("A-1", "4006381333931", "Anchor bolt", null, null, null, 0));
    store.locationService.create("A-01", null, null);
    store.locationService.create("B-01", null, null);
    writes = store.writes.get();
  }

  private BigDecimal onHand(String code) {
    return store.stock.onHand(item.id(), store.locationService.findByCode(code).orElseThrow().id());
  }

  @Test
  void receivesPicksAndTransfers() {
    vm.itemCodeProperty().set("4006381333931");
    vm.toCodeProperty().set("A-01");
    vm.quantityProperty().set("10");
    vm.record();
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Received 10 ea of A-1 into A-01.");
    assertThat(vm.quantityProperty().get()).isEmpty();

    vm.reasonProperty().set(MovementReason.PICK);
    vm.fromCodeProperty().set("A-01");
    vm.quantityProperty().set("3");
    vm.record();
    assertThat(vm.messageProperty().get()).isEqualTo("Picked 3 ea of A-1 from A-01.");

    vm.reasonProperty().set(MovementReason.TRANSFER);
    vm.toCodeProperty().set("B-01");
    vm.quantityProperty().set("2.5");
    vm.record();
    assertThat(onHand("A-01")).isEqualByComparingTo("4.5");
    assertThat(onHand("B-01")).isEqualByComparingTo("2.5");
  }

  @Test
  void fieldsFollowTheReason() {
    assertThat(vm.fromEnabledBinding().get()).isFalse();
    assertThat(vm.toEnabledBinding().get()).isTrue();
    vm.reasonProperty().set(MovementReason.PICK);
    assertThat(vm.fromEnabledBinding().get()).isTrue();
    assertThat(vm.toEnabledBinding().get()).isFalse();
    vm.reasonProperty().set(MovementReason.TRANSFER);
    assertThat(vm.fromEnabledBinding().get()).isTrue();
    assertThat(vm.toEnabledBinding().get()).isTrue();
  }

  @Test
  void nonNumericQuantityIsRefused() {
    refused("A-1", "A-01", "lots", "Quantity must be a number, not \"lots\".", "quantity");
  }

  @Test
  void zeroQuantityIsRefused() {
    refused("A-1", "A-01", "0", "Quantity must be greater than zero.", "quantity");
  }

  @Test
  void unknownLocationIsRefused() {
    refused("A-1", "Z-99", "5", "Unknown location \"Z-99\".", "to");
  }

  @Test
  void unknownItemIsRefused() {
    refused("NOPE", "A-01", "5", "Unknown item \"NOPE\".", "item");
  }

  @Test
  void missingLocationIsRefused() {
    refused("A-1", "", "5", "Receiving needs the location the stock goes to.", "to");
  }

  @Test
  void prefillComesFromTheItemPane() {
    vm.errorProperty();
    vm.prefill(MovementReason.PICK, "A-1");
    assertThat(vm.reasonProperty().get()).isEqualTo(MovementReason.PICK);
    assertThat(vm.itemCodeProperty().get()).isEqualTo("A-1");
  }

  private void refused(String code, String to, String qty, String message, String field) {
    int[] fired = {0};
    changes.subscribe(() -> fired[0]++);
    vm.itemCodeProperty().set(code);
    vm.toCodeProperty().set(to);
    vm.quantityProperty().set(qty);
    vm.record();
    assertThat(vm.errorProperty().get()).isEqualTo(message);
    assertThat(vm.errorFieldProperty().get()).isEqualTo(field);
    assertThat(vm.messageProperty().get()).isEmpty();
    assertThat(store.writes.get()).isEqualTo(writes);
    assertThat(fired[0]).isZero();
  }
}
