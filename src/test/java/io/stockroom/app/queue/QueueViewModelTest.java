package io.stockroom.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.ItemDraft;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QueueViewModelTest {

  @Test
  void listsPendingMutationsWithTheirKeys() {
    FakeStore store = new FakeStore();
    QueueViewModel vm =
        new QueueViewModel(store.outboxService, new InlineTaskRunner(), ZoneOffset.UTC);
    vm.refresh();
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.summaryProperty().get()).startsWith("Nothing waiting");

    store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    vm.refresh();
    QueueRow row = vm.rows().get(0);
    assertThat(row.entity()).isEqualTo("item");
    assertThat(row.kind()).isEqualTo("Item");
    assertThat(row.record()).isEqualTo("A-1 \u00b7 Anchor");
    assertThat(row.action()).isEqualTo("new");
    assertThat(row.status()).isEqualTo("pending");
    assertThat(row.idempotencyKey())
        .isEqualTo(store.outboxService.open().get(0).idempotencyKey().toString());
    assertThat(row.created()).isEqualTo("2026-11-24 10:00:00");
    assertThat(vm.summaryProperty().get())
        .isEqualTo("1 change waits on this laptop for the next sync.");
  }
}
