package io.stockroom.app.movement;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
    refused("A-1", "Z-99", "5", "No bin \"Z-99\" at this site.", "to");
  }

  @Test
  void unknownItemIsRefused() {
    refused("NOPE", "A-01", "5", "No item has the SKU or barcode \"NOPE\".", "item");
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

  @Test
  void aScanShowsTheItemAndItsStockAndMovesToTheQuantity() {
    List<String> focused = new ArrayList<>();
    vm.setFocusHandler(focused::add);
    store.stock.record(
        new MovementRequest(item.id(), MovementReason.RECEIVE, null, "B-01", BigDecimal.TEN, null));

    vm.itemCodeProperty().set("4006381333931");
    vm.itemEntered();
    assertThat(vm.previewProperty().get())
        .isEqualTo("Anchor bolt (A-1): 10 ea on hand here; B-01 10 ea");
    assertThat(focused).containsExactly(MovementViewModel.QUANTITY);
    assertThat(store.writes.get()).as("a scan alone records nothing").isEqualTo(writes + 1);

    vm.toCodeProperty().set("A-01");
    assertThat(vm.previewProperty().get())
        .isEqualTo("Anchor bolt (A-1): 10 ea on hand here; A-01 0 ea");
    vm.quantityProperty().set("4");
    vm.record();
    assertThat(vm.messageProperty().get()).isEqualTo("Received 4 ea of A-1 into A-01.");
    assertThat(focused).containsExactly(MovementViewModel.QUANTITY, MovementViewModel.ITEM);
    assertThat(vm.toCodeProperty().get()).as("the To bin starts empty again").isEmpty();
    assertThat(vm.itemCodeProperty().get())
        .as("kept, selected for the next scan")
        .isEqualTo("4006381333931");
    assertThat(vm.previewProperty().get())
        .isEqualTo("Anchor bolt (A-1): 14 ea on hand here; B-01 10 ea, A-01 4 ea");
  }

  @Test
  void anUnknownScanIsMarkedAndKeepsTheCursor() {
    List<String> focused = new ArrayList<>();
    vm.setFocusHandler(focused::add);
    vm.itemCodeProperty().set("NOPE");
    vm.itemEntered();
    assertThat(vm.problem(MovementViewModel.ITEM).get())
        .isEqualTo("No item has the SKU or barcode \"NOPE\".");
    assertThat(vm.previewProperty().get()).isEmpty();
    assertThat(focused).containsExactly(MovementViewModel.ITEM);
    vm.itemCodeProperty().set("A-1");
    assertThat(vm.problem(MovementViewModel.ITEM).get()).isEmpty();
  }

  @Test
  void fieldsThatCannotBeRightAreMarkedWhileTyping() {
    vm.quantityProperty().set("12x");
    assertThat(vm.problem(MovementViewModel.QUANTITY).get())
        .isEqualTo("Quantity must be a number, not \"12x\".");
    vm.quantityProperty().set("12");
    assertThat(vm.problem(MovementViewModel.QUANTITY).get()).isEmpty();
    vm.toCodeProperty().set("Z-99");
    assertThat(vm.problem(MovementViewModel.TO).get()).isEqualTo("No bin \"Z-99\" at this site.");
    vm.toCodeProperty().set("a-01");
    assertThat(vm.problem(MovementViewModel.TO).get()).isEmpty();
    assertThat(store.writes.get()).isEqualTo(writes);
  }

  @Test
  void aRefusalMarksItsFieldAndPutsTheCursorThere() {
    List<String> focused = new ArrayList<>();
    vm.setFocusHandler(focused::add);
    vm.itemCodeProperty().set("A-1");
    vm.quantityProperty().set("3");
    vm.record();
    assertThat(vm.problem(MovementViewModel.TO).get())
        .isEqualTo("Receiving needs the location the stock goes to.");
    assertThat(focused).containsExactly(MovementViewModel.TO);
    vm.toCodeProperty().set("A-01");
    assertThat(vm.problem(MovementViewModel.TO).get()).isEmpty();
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void anAnswerForWhatWasTypedBeforeDoesNotMarkWhatIsThereNow() {
    io.stockroom.app.QueuedTaskRunner runner = new io.stockroom.app.QueuedTaskRunner();
    MovementViewModel slow =
        new MovementViewModel(store.catalog, store.locationService, store.stock, runner, changes);
    slow.itemCodeProperty().set("A-");
    runner.elapseTimers(); // the pause passed: the look-up for "A-" is on its way
    slow.itemCodeProperty().set("A-1"); // typed on before it answered
    runner.runNext();
    assertThat(slow.problem(MovementViewModel.ITEM).get()).isEmpty();
    assertThat(slow.previewProperty().get()).isEmpty();
    runner.elapseTimers();
    runner.runNext();
    assertThat(slow.previewProperty().get()).startsWith("Anchor bolt (A-1)");
  }

  @Test
  void aCodeLongerThanAnySkuIsRefused() {
    vm.itemCodeProperty().set("9".repeat(5_000));
    assertThat(vm.problem(MovementViewModel.ITEM).get())
        .startsWith("No item has the SKU or barcode \"99999");
    vm.quantityProperty().set("1");
    vm.toCodeProperty().set("A-01");
    vm.record();
    assertThat(vm.errorFieldProperty().get()).isEqualTo(MovementViewModel.ITEM);
    assertThat(store.writes.get()).isEqualTo(writes);
  }

  @Test
  void theTitleAndButtonSayWhichAction() {
    assertThat(vm.titleBinding().get()).isEqualTo("Receive stock");
    assertThat(vm.recordTextBinding().get()).isEqualTo("Record receipt");
    vm.reasonProperty().set(MovementReason.PICK);
    assertThat(vm.titleBinding().get()).isEqualTo("Pick stock");
    assertThat(vm.recordTextBinding().get()).isEqualTo("Record pick");
    vm.reasonProperty().set(MovementReason.TRANSFER);
    assertThat(vm.titleBinding().get()).isEqualTo("Move stock between bins");
    vm.reasonProperty().set(MovementReason.ADJUST);
    assertThat(vm.recordTextBinding().get()).isEqualTo("Record adjustment");
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
