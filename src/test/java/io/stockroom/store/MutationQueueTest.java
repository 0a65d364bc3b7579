package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
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
