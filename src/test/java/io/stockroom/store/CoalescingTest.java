package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoalescingTest extends StoreTestSupport {

  private Item item;

  @BeforeEach
  void item() {
    item = store.catalog().create(new ItemDraft("ABC-1", null, "Hex bolt", null, "ea", null, 0));
    clock.advance(Duration.ofSeconds(10));
  }

  private Item rename(String name, int reorderPoint) {
    return store
        .catalog()
        .update(item.id(), new ItemDraft("ABC-1", null, name, null, "ea", null, reorderPoint));
  }

  @Test
  void updateFoldsIntoAPendingCreateKeepingItsKey() {
    QueuedMutation create = store.outbox().open().get(0);

    rename("Hex bolt M8", 5);
    clock.advance(Duration.ofSeconds(10));
    rename("Hex bolt M10", 5);

    assertThat(queue())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.action()).isEqualTo(MutationAction.CREATE);
              assertThat(m.idempotencyKey()).isEqualTo(create.idempotencyKey());
              JsonNode p = json(m.payload());
              assertThat(p.get("data").get("name").asText()).isEqualTo("Hex bolt M10");
              assertThat(p.get("data").get("reorder_point").asInt()).isEqualTo(5);
              assertThat(p.get("data").get("sku").asText()).isEqualTo("ABC-1");
              assertThat(p.get("client_version").asLong()).isEqualTo(3);
              assertThat(p.get("client_updated_at").asText()).isEqualTo("2026-04-09T10:00:20.000Z");
              Hlc name = Hlc.parse(p.get("field_clock").get("name").asText());
              Hlc sku = Hlc.parse(p.get("field_clock").get("sku").asText());
              assertThat(name).isGreaterThan(sku);
              assertThat(name).isEqualTo(store.hlc().peek());
            });
  }

  @Test
  void updateFoldsIntoAPendingUpdate() {
    completeAll();
    rename("Hex bolt M8", 0);
    QueuedMutation first = store.outbox().open().get(0);
    rename("Hex bolt M8", 9);

    assertThat(store.outbox().open())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.idempotencyKey()).isEqualTo(first.idempotencyKey());
              assertThat(m.action()).isEqualTo(MutationAction.UPDATE);
              JsonNode p = json(m.payload());
              assertThat(p.get("data").properties())
                  .extracting(e -> e.getKey())
                  .containsExactlyInAnyOrder("name", "reorder_point");
              assertThat(p.get("field_clock").properties())
                  .extracting(e -> e.getKey())
                  .containsExactlyInAnyOrder("name", "reorder_point");
            });
  }

  @Test
  void inFlightRowIsNeverChanged() {
    QueuedMutation create = store.outbox().open().get(0);
    store.outbox().markInFlight(List.of(create.id()));

    rename("Hex bolt M8", 0);

    assertThat(queue()).hasSize(2);
    assertThat(store.outbox().get(create.id()).payload()).isEqualTo(create.payload());
    assertThat(queue().get(1).action()).isEqualTo(MutationAction.UPDATE);
  }

  @Test
  void rowThatWasAttemptedOnceIsNeverChangedEvenWhenPendingAgain() {
    QueuedMutation create = store.outbox().open().get(0);
    store.outbox().markInFlight(List.of(create.id()));
    store.outbox().markRetry(create.id(), "timeout", clock.instant());

    rename("Hex bolt M8", 0);

    assertThat(queue()).hasSize(2);
    assertThat(store.outbox().get(create.id()).payload()).isEqualTo(create.payload());
  }

  @Test
  void deleteNeverCoalescesAndNothingFoldsIntoADelete() {
    store.catalog().delete(item.id());

    assertThat(queue())
        .extracting(QueuedMutation::action)
        .containsExactly(MutationAction.CREATE, MutationAction.DELETE);
  }

  @Test
  void onlyTheLatestRowOfTheEntityCounts() {
    Item other = store.catalog().create(ItemDraft.of("XYZ-9", "Wing nut"));
    QueuedMutation create = store.outbox().open().get(0);
    store
        .dsl()
        .update(MUTATION_QUEUE)
        .set(MUTATION_QUEUE.STATUS, "completed")
        .where(MUTATION_QUEUE.ID.eq(create.id()))
        .execute();

    rename("Hex bolt M8", 0);

    assertThat(queue())
        .extracting(QueuedMutation::entityId)
        .containsExactly(item.id(), other.id(), item.id());
  }

  private void completeAll() {
    store.outbox().open().forEach(m -> store.outbox().markCompleted(m.id()));
  }

  @Test
  void editsOfASyncedItemRememberTheValuesTheServerLastHad() {
    Item synced =
        store
            .catalog()
            .get(
                store
                    .bulkLoader()
                    .importItems(List.of(ItemDraft.of("SYN-1", "Pallet wrap")), 7)
                    .get(0))
            .orElseThrow();
    ItemDraft first = ItemDraft.of("SYN-1", "Pallet wrap, clear");
    store.catalog().update(synced.id(), first);
    store.catalog().update(synced.id(), ItemDraft.of("SYN-1", "Pallet wrap, 500 mm"));
    List<QueuedMutation> mine = openOf(synced);
    assertThat(mine).hasSize(1);
    QueuedMutation coalesced = mine.get(0);
    assertThat(json(coalesced.payload()).get("base").get("name").asText()).isEqualTo("Pallet wrap");

    // Once that one is in flight, a further edit queues anew, and its base is still the
    // server's value, not the in-flight one.
    store.outbox().markInFlight(List.of(coalesced.id()));
    store
        .catalog()
        .update(
            synced.id(),
            new ItemDraft("SYN-1", null, "Pallet wrap, 300 mm", null, "ea", "packaging", 0));
    JsonNode next = json(openOf(synced).get(1).payload());
    assertThat(next.get("base").get("name").asText()).isEqualTo("Pallet wrap");
    assertThat(next.get("base").get("category").isNull()).isTrue();

    // An item the server has never seen has no base.
    assertThat(json(queue().get(0).payload()).has("base")).isFalse();
  }

  private List<QueuedMutation> openOf(Item i) {
    return store.outbox().open().stream().filter(m -> m.entityId().equals(i.id())).toList();
  }
}
