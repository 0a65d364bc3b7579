package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MutationQueueTest extends StoreTestSupport {

  private List<QueuedMutation> created;

  @BeforeEach
  void seed() {
    for (int i = 1; i <= 3; i++) {
      store.catalog().create(ItemDraft.of("SKU-" + i, "Item " + i));
    }
    created = store.outbox().open();
  }

  @Test
  void dueListsPendingInOrder() {
    assertThat(created).extracting(QueuedMutation::seq).isSorted();
    assertThat(store.outbox().due(2)).containsExactlyElementsOf(created.subList(0, 2));
    assertThat(store.outbox().pendingCount()).isEqualTo(3);
  }

  @Test
  void labelsNameEachChangeInAWorkersWords() {
    store.locations().create("A-01", null, null);
    store.locations().create("B-02", null, null);
    var item = store.catalog().findBySku("SKU-1").orElseThrow();
    store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.RECEIVE, null, "A-01", BigDecimal.TEN, null));
    store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.TRANSFER, "A-01", "B-02", BigDecimal.ONE, null));
    store
        .stock()
        .record(
            new MovementRequest(
                item.id(), MovementReason.PICK, "B-02", null, BigDecimal.ONE, null));
    store.stock().count(item.id(), "A-01", BigDecimal.valueOf(2));
    store.catalog().addNote(item.id(), "Fragile", "ann");

    List<QueuedMutation> open = store.outbox().open();
    var labels = store.outbox().labels(open);
    assertThat(open)
        .extracting(m -> labels.get(m.id()))
        .containsExactly(
            "SKU-1 \u00b7 Item 1",
            "SKU-2 \u00b7 Item 2",
            "SKU-3 \u00b7 Item 3",
            "Bin A-01",
            "Bin B-02",
            "SKU-1 into A-01",
            "SKU-1 from A-01 to B-02",
            "SKU-1 from B-02",
            "SKU-1 in A-01",
            "Note on SKU-1 \u00b7 Item 1");
  }

  @Test
  void lifecycleInFlightCompletedAndRetry() {
    QueuedMutation first = created.get(0);
    QueuedMutation second = created.get(1);

    assertThat(store.outbox().markInFlight(List.of(first.id(), second.id()))).isEqualTo(2);
    assertThat(store.outbox().markInFlight(List.of(first.id()))).isZero();
    assertThat(store.outbox().due(10)).containsExactly(created.get(2));

    store.outbox().markCompleted(first.id());
    Instant later = clock.instant().plus(Duration.ofSeconds(4));
    assertThat(store.outbox().markRetry(second.id(), "HTTP 503", later))
        .isEqualTo(MutationStatus.PENDING);

    assertThat(store.outbox().open())
        .extracting(QueuedMutation::id)
        .containsExactly(second.id(), created.get(2).id());
    QueuedMutation retried = store.outbox().get(second.id());
    assertThat(retried.retryCount()).isEqualTo(1);
    assertThat(retried.error()).isEqualTo("HTTP 503");
    assertThat(store.outbox().due(10))
        .extracting(QueuedMutation::id)
        .containsExactly(created.get(2).id());
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.outbox().due(10))
        .extracting(QueuedMutation::id)
        .containsExactly(second.id(), created.get(2).id());
  }

  @Test
  void failsAfterMaxRetriesAndCanBeRetriedByTheUser() {
    QueuedMutation m = created.get(0);
    MutationStatus status = MutationStatus.PENDING;
    for (int i = 0; i < m.maxRetries(); i++) {
      store.outbox().markInFlight(List.of(m.id()));
      status = store.outbox().markRetry(m.id(), "timeout", clock.instant());
    }
    assertThat(status).isEqualTo(MutationStatus.FAILED);
    assertThat(store.outbox().pendingCount()).isEqualTo(2);
    assertThat(store.outbox().open())
        .extracting(QueuedMutation::status)
        .contains(MutationStatus.FAILED);

    store.outbox().retry(m.id());

    assertThat(store.outbox().get(m.id()).status()).isEqualTo(MutationStatus.PENDING);
    assertThat(store.outbox().get(m.id()).retryCount()).isZero();
  }

  @Test
  void rejectionFailsAtOnce() {
    store.outbox().markFailed(created.get(0).id(), "sku_taken: SKU-1 exists on the server");

    QueuedMutation m = store.outbox().get(created.get(0).id());
    assertThat(m.status()).isEqualTo(MutationStatus.FAILED);
    assertThat(m.error()).startsWith("sku_taken");
  }

  @Test
  void resetInFlightReturnsClaimedRowsToPending() {
    store.outbox().markInFlight(List.of(created.get(0).id()));

    assertThat(store.outbox().resetInFlight()).isEqualTo(1);
    assertThat(store.outbox().due(10)).hasSize(3);
  }
}
