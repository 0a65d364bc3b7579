package io.stockroom.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncDesk;
import io.stockroom.domain.SyncLogEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncScreenViewModelTest {

  final List<String> calls = new ArrayList<>();
  boolean confirm;

  final SyncDesk desk =
      new SyncDesk() {
        @Override
        public void retry(UUID id) {
          calls.add("retry");
        }

        @Override
        public void discard(UUID id) {
          calls.add("discard");
        }

        @Override
        public List<Cursor> cursors() {
          return List.of();
        }

        @Override
        public List<SyncLogEntry> log(int limit) {
          Instant t = Instant.parse("2026-11-24T09:00:00Z");
          return List.of(
              new SyncLogEntry(2, t, t, "manual", "ok", 3, 1, 1, 0, 0, 0, 2048, 512, 40, null),
              new SyncLogEntry(
                  1,
                  t.minusSeconds(86_400),
                  t,
                  "interval",
                  "ok",
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  9999,
                  9999,
                  10,
                  null));
        }
      };

  QueueViewModel vm(FakeStore store) {
    return new QueueViewModel(
        store.outboxService,
        new InlineTaskRunner(),
        ZoneOffset.UTC,
        new QueueViewModel.Desk(
            desk,
            (title, message, label) -> {
              calls.add("confirm " + label);
              return confirm;
            },
            null,
            text -> {},
            SyncControl.none(),
            new LocalChanges(),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC)));
  }

  static QueueRow failed() {
    return new QueueRow(
        1,
        "items",
        "create",
        "x",
        "k",
        "failed",
        "0/10",
        "",
        "duplicate_sku: x",
        UUID.randomUUID(),
        "{\"data\":{}}");
  }

  @Test
  void syncingEndsInWhatTheSyncDid() {
    List<SyncLogEntry> log = new ArrayList<>();
    Instant before = Instant.parse("2026-11-24T11:00:00Z");
    log.add(new SyncLogEntry(1, before, before, "interval", "ok", 0, 0, 0, 0, 0, 0, 0, 0, 5, null));
    SyncDesk growing =
        new SyncDesk() {
          @Override
          public void retry(UUID id) {}

          @Override
          public void discard(UUID id) {}

          @Override
          public List<Cursor> cursors() {
            return List.of();
          }

          @Override
          public List<SyncLogEntry> log(int limit) {
            return List.copyOf(log);
          }
        };
    QueueViewModel vm =
        new QueueViewModel(
            new FakeStore().outboxService,
            new InlineTaskRunner(),
            ZoneOffset.UTC,
            new QueueViewModel.Desk(
                growing,
                (title, message, label) -> true,
                null,
                text -> {},
                SyncControl.none(),
                new LocalChanges(),
                Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC)));
    vm.syncNow();
    assertThat(vm.messageProperty().get()).isEqualTo("Syncing...");
    vm.refresh(); // only the cycle from before "Sync now" is in the log
    assertThat(vm.messageProperty().get()).isEqualTo("Syncing...");
    Instant after = Instant.parse("2026-11-24T12:00:00Z");
    log.add(
        0,
        new SyncLogEntry(
            2, after, after, "manual", "offline", 0, 0, 0, 0, 0, 0, 0, 0, 5, "network: x"));
    vm.refresh();
    assertThat(vm.messageProperty().get()).startsWith("Could not reach the server.");
  }

  @Test
  void showsTheLogWithTodaysTotals() {
    QueueViewModel vm = vm(new FakeStore());
    vm.refresh();
    assertThat(vm.log()).hasSize(2);
    assertThat(vm.log().get(0).sent()).isEqualTo("2.0 KB");
    assertThat(vm.totalsProperty().get()).isEqualTo("Today: 1 cycle, 2.0 KB up, 512 B down");
  }

  @Test
  void retriesAFailedChange() {
    QueueViewModel vm = vm(new FakeStore());
    vm.retry(failed());
    assertThat(calls).containsExactly("retry");
  }

  @Test
  void discardAsksFirstAndKeepsTheChangeWhenDeclined() {
    QueueViewModel vm = vm(new FakeStore());
    confirm = false;
    vm.discard(failed());
    assertThat(calls).containsExactly("confirm Discard");
    confirm = true;
    vm.discard(failed());
    assertThat(calls).containsExactly("confirm Discard", "confirm Discard", "discard");
  }

  @Test
  void onlyFailedChangesAreRetriedOrDiscarded() {
    FakeStore store = new FakeStore();
    store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    QueueViewModel vm = vm(store);
    vm.refresh();
    vm.retry(vm.rows().get(0));
    vm.discard(vm.rows().get(0));
    assertThat(calls).isEmpty();
    assertThat(vm.messageProperty().get()).isEqualTo("Pick a failed change to discard.");
  }
}
