package io.stockroom.app.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.RecordingNavigator;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ItemDetailViewModelTest {

  private final FakeStore store = new FakeStore();
  private final LocalChanges changes = new LocalChanges();
  private final AtomicInteger fired = new AtomicInteger();
  private final AtomicBoolean confirm = new AtomicBoolean(true);
  private final RecordingNavigator navigator = new RecordingNavigator();
  private final ItemDetailViewModel vm =
      new ItemDetailViewModel(
          store.catalog,
          store.stock,
          new InlineTaskRunner(),
          (title, message, label) -> confirm.get(),
          changes,
          navigator,
          "ana",
          ZoneOffset.UTC);

  ItemDetailViewModelTest() {
    changes.subscribe(fired::incrementAndGet);
  }

  @Test
  void createsAnItem() {
    vm.newItem();
    vm.skuProperty().set(" A-1 ");
    vm.nameProperty().set("Anchor bolt");
    vm.barcodeProperty().set("4006381333931");
    vm.save();

    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Item A-1 created.");
    assertThat(vm.titleProperty().get()).isEqualTo("A-1 \u00b7 Anchor bolt");
    assertThat(vm.isNewProperty().get()).isFalse();
    assertThat(vm.unitProperty().get()).isEqualTo("ea");
    assertThat(store.catalog.findByCode("4006381333931")).isPresent();
    assertThat(fired.get()).isEqualTo(1);
  }

  @Test
  void emptySkuIsRefusedAndNothingIsWritten() {
    vm.newItem();
    vm.nameProperty().set("No code");
    vm.save();
    assertThat(vm.errorProperty().get()).isEqualTo("SKU is required.");
    assertThat(store.writes.get()).isZero();
    assertThat(fired.get()).isZero();
  }

  @Test
  void duplicateSkuIsRefusedAndNothingIsWritten() {
    store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    int writes = store.writes.get();
    vm.newItem();
    vm.skuProperty().set("A-1");
    vm.nameProperty().set("Another");
    vm.save();
    assertThat(vm.errorProperty().get()).contains("already used");
    assertThat(vm.isNewProperty().get()).isTrue();
    assertThat(store.writes.get()).isEqualTo(writes);
  }

  @Test
  void nonNumericReorderPointIsRefused() {
    vm.newItem();
    vm.skuProperty().set("A-1");
    vm.nameProperty().set("Anchor");
    vm.reorderPointProperty().set("ten");
    vm.save();
    assertThat(vm.errorProperty().get()).contains("whole number");
    assertThat(store.writes.get()).isZero();
  }

  @Test
  void opensAndEditsAnItemWithStockAndNotes() {
    Item item = store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    store.locationService.create("A-01", null, null);
    store.stock.record(
        new MovementRequest(
            item.id(), MovementReason.RECEIVE, null, "A-01", new BigDecimal("5"), null));
    store.catalog.addNote(item.id(), "Fragile", "bo");

    vm.open(item.id());
    assertThat(vm.showingProperty().get()).isTrue();
    assertThat(vm.onHand()).containsExactly(new OnHandRow("A-01", "5", false));
    assertThat(vm.totalOnHandProperty().get()).isEqualTo("On hand: 5 ea");
    assertThat(vm.notes()).extracting(NoteRow::body).containsExactly("Fragile");

    vm.nameProperty().set("Anchor bolt M8");
    vm.save();
    assertThat(vm.messageProperty().get()).isEqualTo("Saved.");
    assertThat(store.catalog.get(item.id()).orElseThrow().name()).isEqualTo("Anchor bolt M8");

    vm.newNoteProperty().set("Keep dry");
    vm.addNote();
    assertThat(vm.notes()).extracting(NoteRow::body).containsExactly("Keep dry", "Fragile");
    assertThat(vm.notes().get(0).byline()).startsWith("ana, ");
    assertThat(vm.newNoteProperty().get()).isEmpty();
  }

  @Test
  void deleteAsksFirst() {
    Item item = store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    vm.open(item.id());
    confirm.set(false);
    vm.delete();
    assertThat(store.catalog.get(item.id())).isPresent();
    confirm.set(true);
    vm.delete();
    assertThat(store.catalog.get(item.id())).isEmpty();
    assertThat(vm.showingProperty().get()).isFalse();
  }

  @Test
  void receiveAndPickOpenTheMovementFormForThisItem() {
    Item item = store.catalog.create(ItemDraft.of("A-1", "Anchor bolt"));
    vm.open(item.id());
    vm.receive();
    vm.pick();
    assertThat(navigator.calls).containsExactly("RECEIVE A-1", "PICK A-1");
  }
}
