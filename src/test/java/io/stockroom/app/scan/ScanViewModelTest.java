package io.stockroom.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.RecordingNavigator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import org.junit.jupiter.api.Test;

class ScanViewModelTest {

  private final FakeStore store = new FakeStore();
  private final RecordingNavigator navigator = new RecordingNavigator();
  private final ScanViewModel vm =
      new ScanViewModel(store.catalog, new InlineTaskRunner(), navigator);

  @Test
  void aKnownBarcodeOpensTheItem() {
    Item item =
        store.catalog.create(new ItemDraft("A-1", "4006381333931", "Anchor", null, null, null, 0));
    vm.codeProperty().set("4006381333931");
    vm.scan();
    assertThat(navigator.calls).containsExactly("open " + item.id());
    assertThat(vm.codeProperty().get()).isEmpty();
    assertThat(vm.unknownProperty().get()).isFalse();
  }

  @Test
  void anUnknownBarcodeSaysSo() {
    vm.codeProperty().set("123");
    vm.scan();
    assertThat(navigator.calls).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Unknown barcode 123");
    assertThat(vm.unknownProperty().get()).isTrue();
  }

  @Test
  void anEmptyScanDoesNothing() {
    vm.codeProperty().set("  ");
    vm.scan();
    assertThat(navigator.calls).isEmpty();
    assertThat(vm.messageProperty().get()).isEmpty();
  }
}
