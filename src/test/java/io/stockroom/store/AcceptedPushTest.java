package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A push's accepted answers for items: rows whose answer holds the values they already hold are
 * only stamped (one batch), anything else is upserted, and both end the same way.
 */
class AcceptedPushTest extends StoreTestSupport {

  private static ServerRecord.Item answer(Item local, long version, String name) {
    return new ServerRecord.Item(
        local.id(),
        version,
        Instant.parse("2026-04-09T10:00:00.000Z"),
        Instant.parse("2026-04-09T10:00:01.000Z"),
        local.sku(),
        local.barcode(),
        name,
        null,
        "ea",
        null,
        0,
        Map.of("name", "2026-04-09T10:00:00.500Z-0000-server00"));
  }

  private QueuedMutation claimed(Item item) {
    QueuedMutation m =
        queue().stream().filter(q -> q.entityId().equals(item.id())).findFirst().orElseThrow();
    store.outbox().markInFlight(List.of(m.id()));
    return store.outbox().get(m.id());
  }

  private ItemsRecord row(UUID id) {
    return store.dsl().selectFrom(ITEMS).where(ITEMS.ID.eq(id)).fetchSingle();
  }

  @Test
  void unchangedAndChangedAnswersEndAlike() {
    Item same = store.catalog().create(ItemDraft.of("SKU-1", "Hex bolt M8"));
    Item renamed = store.catalog().create(ItemDraft.of("SKU-2", "Wing nut"));
    QueuedMutation m1 = claimed(same);
    QueuedMutation m2 = claimed(renamed);
    java.util.Map<UUID, String> clocks =
        java.util.Map.of(
            same.id(),
            row(same.id()).getFieldClock(),
            renamed.id(),
            row(renamed.id()).getFieldClock());

    store
        .sync()
        .markAccepted(
            List.of(
                new AcceptedMutation(m1, same.id(), 41L, answer(same, 41, "Hex bolt M8")),
                new AcceptedMutation(m2, renamed.id(), 42L, answer(renamed, 42, "Wing nut M6"))));

    for (UUID id : List.of(same.id(), renamed.id())) {
      ItemsRecord r = row(id);
      assertThat(r.getSyncStatus()).isEqualTo(SyncStatus.SYNCED.dbValue());
      assertThat(r.getServerId()).isEqualTo(id);
      assertThat(r.getUpdatedAt()).isEqualTo(Instant.parse("2026-04-09T10:00:01Z"));
      assertThat(r.getSyncedAt()).isNotNull();
      // This laptop's stamps stay; the server merges by its own (decision record 0053).
      assertThat(r.getFieldClock()).isNotNull().isEqualTo(clocks.get(id));
    }
    assertThat(row(same.id()).getServerVersion()).isEqualTo(41L);
    assertThat(row(renamed.id()).getServerVersion()).isEqualTo(42L);
    assertThat(row(renamed.id()).getName()).isEqualTo("Wing nut M6");
    assertThat(store.catalog().search("M6", 0, 10)).extracting(Item::sku).containsExactly("SKU-2");
    assertThat(store.outbox().get(m1.id()).status()).isEqualTo(MutationStatus.COMPLETED);
    assertThat(store.outbox().get(m2.id()).status()).isEqualTo(MutationStatus.COMPLETED);
  }

  @Test
  void aStampKeepsAnOpenConflictAndSkipsAnOlderAnswer() {
    Item flagged = store.catalog().create(ItemDraft.of("SKU-3", "Flat washer"));
    Item newer = store.catalog().create(ItemDraft.of("SKU-4", "Cap nut"));
    QueuedMutation m1 = claimed(flagged);
    QueuedMutation m2 = claimed(newer);
    store
        .dsl()
        .update(ITEMS)
        .set(ITEMS.SYNC_STATUS, SyncStatus.CONFLICT.dbValue())
        .where(ITEMS.ID.eq(flagged.id()))
        .execute();
    store
        .dsl()
        .update(ITEMS)
        .set(ITEMS.SERVER_VERSION, 50L)
        .where(ITEMS.ID.eq(newer.id()))
        .execute();

    store
        .sync()
        .markAccepted(
            List.of(
                new AcceptedMutation(m1, flagged.id(), 43L, answer(flagged, 43, "Flat washer")),
                new AcceptedMutation(m2, newer.id(), 44L, answer(newer, 44, "Cap nut"))));

    assertThat(row(flagged.id()).getSyncStatus()).isEqualTo(SyncStatus.CONFLICT.dbValue());
    assertThat(row(flagged.id()).getServerVersion()).isEqualTo(43L);
    assertThat(row(newer.id()).getServerVersion()).isEqualTo(50L);
    assertThat(store.outbox().get(m1.id()).status()).isEqualTo(MutationStatus.COMPLETED);
    assertThat(store.outbox().get(m2.id()).status()).isEqualTo(MutationStatus.COMPLETED);
  }
}
