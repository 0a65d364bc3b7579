package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** The fast path of a push answer for items whose values the server kept as they were sent. */
final class AcceptedItems {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();
  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private AcceptedItems() {}

  /**
   * The accepted items whose answer holds the values the local row already holds (the usual answer
   * to a create or to an update nobody else touched): their upsert would only stamp the row (server
   * id and version, synced time, the server's update time and field clock, synced unless the user
   * must settle a conflict), so they are stamped in one JDBC batch after one read of their rows.
   * Anything else (another value, a second result for the same record, an answer older than the
   * row, a record still open) is left to {@link SyncedRows#upsert}.
   *
   * @return the ids of the mutations whose rows were stamped here
   */
  static Set<UUID> stampUnchanged(
      DSLContext t, List<AcceptedMutation> accepted, Set<UUID> open, Instant now) {
    Map<UUID, AcceptedMutation> byItem = new HashMap<>();
    Set<UUID> twice = new HashSet<>();
    for (AcceptedMutation a : accepted) {
      QueuedMutation m = a.mutation();
      if (m.entityType() == EntityType.ITEMS
          && m.action() != MutationAction.DELETE
          && a.record() != null
          && !open.contains(m.entityId())
          && stampedBy(a)
          && m.entityId().equals(a.record().id())
          && byItem.put(m.entityId(), a) != null) {
        twice.add(m.entityId());
      }
    }
    twice.forEach(byItem::remove);
    if (byItem.isEmpty()) {
      return Set.of();
    }
    var update =
        t.batch(
            t.update(ITEMS)
                .set(ITEMS.SERVER_ID, (UUID) null)
                .set(ITEMS.SERVER_VERSION, (Long) null)
                .set(ITEMS.SYNCED_AT, (Instant) null)
                .set(ITEMS.UPDATED_AT, (Instant) null)
                .set(ITEMS.SYNC_STATUS, (String) null)
                .set(ITEMS.FIELD_CLOCK, (String) null)
                .where(ITEMS.ID.eq((UUID) null)));
    Set<UUID> stamped = new HashSet<>();
    for (ItemsRecord row : t.selectFrom(ITEMS).where(ITEMS.ID.in(byItem.keySet())).fetch()) {
      AcceptedMutation a = byItem.get(row.getId());
      ServerRecord.Item r = (ServerRecord.Item) a.record();
      long version = r.version();
      if (row.getIsDeleted()
          || (row.getServerVersion() != null && version < row.getServerVersion())
          || !sameItem(row, r)) {
        continue;
      }
      Instant updated = r.updatedAt();
      update.bind(
          row.getId(),
          version,
          now,
          updated != null ? updated : now,
          CONFLICT.equals(row.getSyncStatus()) ? CONFLICT : SYNCED,
          row.getFieldClock(), // this laptop's stamps stay; the server's are its own (0053)
          row.getId());
      stamped.add(a.mutation().id());
    }
    if (!stamped.isEmpty()) {
      update.execute();
    }
    return stamped;
  }

  /**
   * Whether {@link SyncedRows#upsert} would leave the item's own fields of {@code row} as they are.
   */
  private static boolean sameItem(ItemsRecord row, ServerRecord.Item r) {
    return Objects.equals(row.getSku(), r.sku())
        && Objects.equals(row.getBarcode(), r.barcode())
        && Objects.equals(row.getName(), r.name())
        && Objects.equals(row.getDescription(), r.description())
        && Objects.equals(row.getUnit(), r.unit())
        && Objects.equals(row.getCategory(), r.category())
        && Objects.equals(row.getReorderPoint(), r.reorderPoint());
  }

  /**
   * Whether the upsert of an accepted answer's record already stamped the row as {@link
   * SyncedRows#stampSynced} would: the record is the answer's own version and id (it always is from
   * this server; the check keeps an odd answer on the explicit path).
   */
  static boolean stampedBy(AcceptedMutation a) {
    ServerRecord r = a.record();
    return a.serverVersion() != null
        && r.version() == a.serverVersion()
        && (a.serverId() == null || a.serverId().equals(r.id()));
  }
}
