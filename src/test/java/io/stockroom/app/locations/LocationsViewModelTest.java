package io.stockroom.app.locations;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.screens.LocalChanges;
import org.junit.jupiter.api.Test;

class LocationsViewModelTest {

  private final FakeStore store = new FakeStore();
  private final LocationsViewModel vm =
      new LocationsViewModel(store.locationService, new InlineTaskRunner(), new LocalChanges());

  @Test
  void addsABin() {
    vm.refresh();
    assertThat(vm.siteProperty().get()).isEqualTo("Site LOCAL \u00b7 This laptop");
    vm.codeProperty().set("A-01");
    vm.zoneProperty().set("A");
    vm.add();
    assertThat(vm.rows()).containsExactly(new LocationRow("A-01", "A", "", "pending"));
    assertThat(vm.codeProperty().get()).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Bin A-01 added.");
  }

  @Test
  void emptyAndDuplicateCodesAreRefused() {
    vm.add();
    assertThat(vm.errorProperty().get()).isEqualTo("Bin code is required.");
    store.locationService.create("A-01", null, null);
    int writes = store.writes.get();
    vm.codeProperty().set("a-01");
    vm.add();
    assertThat(vm.errorProperty().get()).isEqualTo("Bin a-01 already exists.");
    assertThat(store.writes.get()).isEqualTo(writes);
  }
}
