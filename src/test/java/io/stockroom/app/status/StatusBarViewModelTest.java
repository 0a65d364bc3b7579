package io.stockroom.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.ItemDraft;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {

  @Test
  void offlineWithPendingCountAndNoSyncYet() {
    FakeStore store = new FakeStore();
    StatusBarViewModel vm = new StatusBarViewModel(store.outboxService, new InlineTaskRunner());
    store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    vm.refresh();
    assertThat(vm.connectionProperty().get()).isEqualTo("Offline");
    assertThat(vm.onlineProperty().get()).isFalse();
    assertThat(vm.pendingProperty().get()).isEqualTo("1 pending");
    assertThat(vm.lastSyncProperty().get()).isEqualTo("Last sync: never");
  }
}
