package io.stockroom.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.FakeSyncControl;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.ItemDraft;
import io.stockroom.sync.SyncStatus;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {

  @Test
  void offlineWithPendingCountAndNoSyncYet() {
    FakeStore store = new FakeStore();
    StatusBarViewModel vm = new StatusBarViewModel(store.outboxService, new InlineTaskRunner());
    store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    vm.refresh();
    assertThat(vm.connectionProperty().get())
        .isEqualTo(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED);
    assertThat(vm.onlineProperty().get()).isFalse();
    assertThat(vm.pendingProperty().get()).isEqualTo("1 pending");
    assertThat(vm.lastSyncProperty().get()).isEqualTo("Last sync: never");
  }

  @Test
  void aRunningSyncShowsItsProgressAndCanBeStopped() {
    FakeStore store = new FakeStore();
    FakeSyncControl control = new FakeSyncControl();
    StatusBarViewModel vm =
        new StatusBarViewModel(
            store.outboxService, new InlineTaskRunner(), control, ZoneOffset.UTC);
    SyncStatus syncing =
        SyncStatus.initial()
            .withAccount("http://127.0.0.1:8080", "demo")
            .withState(SyncStatus.State.SYNCING)
            .withProgress(12_000);
    vm.apply(syncing);
    assertThat(vm.connectionProperty().get()).isEqualTo("Syncing... 12,000");
    assertThat(vm.connectionDetailProperty().get())
        .isEqualTo("Syncing with http://127.0.0.1:8080: 12,000 records received so far");
    assertThat(vm.stoppableProperty().get()).isTrue();

    vm.cancelSync();
    assertThat(control.calls).containsExactly("cancelSync");
    vm.apply(
        syncing.withOutcome(SyncStatus.State.ONLINE, null, "sync cancelled by the user", null));
    assertThat(vm.stoppableProperty().get()).isFalse();
    assertThat(vm.connectionDetailProperty().get()).startsWith("Sync stopped.");
    assertThat(vm.lastSyncProperty().get()).isEqualTo("Last sync: never");
    vm.apply(syncing.withProgress(0)); // a short sync, nothing received yet: not worth a button
    assertThat(vm.stoppableProperty().get()).isFalse();
  }

  @Test
  void aStoredSignInTheServerRefusesAsksToSignInAgain() {
    FakeStore store = new FakeStore();
    StatusBarViewModel vm =
        new StatusBarViewModel(
            store.outboxService,
            new InlineTaskRunner(),
            io.stockroom.app.agent.SyncControl.none(),
            java.time.ZoneOffset.UTC);
    vm.apply(SyncStatus.initial().withAccount("http://server:8080", "demo"));
    assertThat(vm.account().signedInProperty().get()).isTrue(); // Sign out stays possible

    vm.apply(
        SyncStatus.initial()
            .withAccount("http://server:8080", "demo")
            .withOutcome(SyncStatus.State.SIGNED_OUT, null, "unauthorized: token revoked", null));
    assertThat(vm.connectionProperty().get()).isEqualTo("Sign in again");
    assertThat(vm.connectionDetailProperty().get())
        .startsWith("http://server:8080 no longer accepts this laptop's sign-in.");
    assertThat(vm.account().signedInProperty().get()).isTrue();

    vm.apply(SyncStatus.initial());
    assertThat(vm.connectionProperty().get())
        .isEqualTo(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED);
    assertThat(vm.account().signedInProperty().get()).isFalse();
  }
}
