package io.stockroom.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.SyncControl;
import io.stockroom.domain.ItemDraft;
import io.stockroom.sync.SyncStatus;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
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

  @Test
  void aRunningSyncShowsItsProgressAndCanBeStopped() {
    FakeStore store = new FakeStore();
    int[] cancels = {0};
    SyncControl control =
        new SyncControl() {
          @Override
          public void addListener(Consumer<SyncStatus> listener) {}

          @Override
          public void start() {}

          @Override
          public void syncNow() {}

          @Override
          public void cancelSync() {
            cancels[0]++;
          }

          @Override
          public void localWrite() {}

          @Override
          public void signIn(String serverUrl, String user, String password) {}

          @Override
          public void signOut() {}

          @Override
          public Optional<String> serverUrl() {
            return Optional.of("http://127.0.0.1:8080");
          }

          @Override
          public Optional<String> userName() {
            return Optional.of("demo");
          }
        };
    StatusBarViewModel vm =
        new StatusBarViewModel(
            store.outboxService, new InlineTaskRunner(), control, ZoneOffset.UTC);
    SyncStatus syncing =
        SyncStatus.initial()
            .withAccount("http://127.0.0.1:8080", "demo")
            .withState(SyncStatus.State.SYNCING)
            .withProgress(12_000);
    vm.apply(syncing);
    assertThat(vm.connectionProperty().get()).isEqualTo("Syncing... 12,000 records");
    assertThat(vm.syncingProperty().get()).isTrue();

    vm.cancelSync();
    assertThat(cancels[0]).isEqualTo(1);
    vm.apply(
        syncing.withOutcome(SyncStatus.State.ONLINE, null, "sync cancelled by the user", null));
    assertThat(vm.syncingProperty().get()).isFalse();
    assertThat(vm.connectionDetailProperty().get()).startsWith("Sync stopped.");
    assertThat(vm.lastSyncProperty().get()).isEqualTo("Last sync: never");
  }
}
