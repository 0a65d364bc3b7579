package io.stockroom.store;

import static io.stockroom.store.MutationQueue.openEntities;
import static io.stockroom.store.SyncedRows.markDeleted;
import static io.stockroom.store.SyncedRows.table;
import static io.stockroom.store.jooq.Tables.ITEMS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Applies pulled pages. Records with an open mutation (pending, in flight or failed) keep their
 * local values and the page's version waits in {@link DeferredRecords}; the server's answer to that
 * mutation, or the pull after it, brings them up to date.
 */
final class PulledPages {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();

  private final Tx tx;
  private final Stamps stamps;
  private final WordIndex words;
  private final SyncedRows rows;

  PulledPages(Tx tx, Stamps stamps, WordIndex words, SyncedRows rows) {
    this.tx = tx;
    this.stamps = stamps;
    this.words = words;
    this.rows = rows;
  }

  /**
   * Applies one pulled page and stores its cursor, in one transaction: a crash leaves either the
   * page and its cursor or neither.
   *
   * @return how many records and deletions were applied (skipped ones not counted)
   */
  int applyPage(
      EntityType type,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor) {
    return applyPage(type, records, deletions, cursor, false);
  }

  /**
   * {@link #applyPage(EntityType, List, Collection, String)}, told whether every record of the page
   * is presumably new here: true while a first pull of items fills a profile that held none. The
   * page is then inserted without looking anything up first (open mutations, stored versions, SKU
   * and barcode holders: a fifth of a first sync's local time). The presumption can be wrong (the
   * server sent a record twice because it changed during the pull, the user created an item with
   * the same SKU meanwhile, or edited one just pulled): a key or uniqueness violation then rolls
   * the attempt back and the page is applied the ordinary way.
   */
  int applyPage(
      EntityType type,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor,
      boolean presumedNew) {
    if (presumedNew && type == EntityType.ITEMS && deletions.isEmpty()) {
      try {
        return tx.writeReplayable(
            t -> {
              Instant now = stamps.now();
              insertItems(t, items(records), now);
              PullCursors.storeCursor(t, type, cursor, now);
              return records.size();
            });
      } catch (org.jooq.exception.DataAccessException e) {
        if (!violatesKey(e)) {
          throw e;
        }
        // Not all new after all: the ordinary path below sorts it out.
      }
    }
    return tx.writeReplayable(
        t -> {
          Instant now = stamps.now();
          int applied = applyRows(t, type, records, deletions, now);
          PullCursors.storeCursor(t, type, cursor, now);
          return applied;
        });
  }

  /**
   * Applies a page a live poke carried (decision record 0049) with its cursor, in one transaction,
   * only if it follows the cursor stored now: {@code since} must be exactly that cursor, as the
   * server cannot know whether this laptop kept the last page it was sent.
   *
   * @return how many records and deletions were applied, or -1 when the page does not follow (the
   *     caller pulls instead)
   */
  int applyCarried(
      EntityType type,
      String since,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      String cursor) {
    return tx.writeReplayable(
        t -> {
          if (!PullCursors.cursor(t, type).map(since::equals).orElse(false)) {
            return -1;
          }
          Instant now = stamps.now();
          int applied = applyRows(t, type, records, deletions, now);
          PullCursors.storeCursor(t, type, cursor, now);
          return applied;
        });
  }

  /**
   * Applies records and deletions the ordinary way: rows with an open mutation are deferred, rows
   * already at that version skipped, new items inserted as a batch, the rest upserted.
   */
  private int applyRows(
      DSLContext t,
      EntityType type,
      List<? extends ServerRecord> records,
      Collection<UUID> deletions,
      Instant now) {
    Set<UUID> touched = new HashSet<>();
    for (ServerRecord r : records) {
      touched.add(r.id());
    }
    touched.addAll(deletions);
    Set<UUID> open = openEntities(t, touched);
    Map<UUID, Long> synced = syncedVersions(t, type, touched);
    List<ServerRecord.Item> fresh = new ArrayList<>();
    List<ServerRecord> changed = new ArrayList<>();
    for (ServerRecord r : records) {
      UUID id = r.id();
      if (open.contains(id)) {
        // Applied when its mutation settles, if newer than the answer.
        DeferredRecords.defer(t, r);
        continue;
      }
      Long stored = synced.get(id);
      if (stored != null && stored >= r.version()) {
        continue; // already holds this version (e.g. the echo of its own accepted push)
      }
      if (r instanceof ServerRecord.Item item && !synced.containsKey(id)) {
        fresh.add(item);
      } else {
        changed.add(r);
      }
    }
    int applied = 0;
    if (!fresh.isEmpty()) {
      List<ServerRecord.Item> clashing = insertNewItems(t, fresh, now);
      applied += fresh.size() - clashing.size();
      changed.addAll(clashing);
    }
    for (ServerRecord r : changed) {
      rows.upsert(t, r, now);
      applied++;
    }
    for (UUID id : deletions) {
      if (!open.contains(id)) {
        applied += markDeleted(t, type, id, now);
      }
    }
    return applied;
  }

  /** A primary key, unique index or foreign key said no (SQL state class 23). */
  private static boolean violatesKey(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every row among {@code ids} that exists locally, with its server version when it is synced and
   * live (a pulled record of that or an older version changes nothing there), else null.
   */
  private static Map<UUID, Long> syncedVersions(DSLContext t, EntityType type, Set<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    org.jooq.Table<?> table = table(type);
    org.jooq.Field<UUID> id = table.field("ID", UUID.class);
    org.jooq.Field<Long> version = table.field("SERVER_VERSION", Long.class);
    Map<UUID, Long> out = new HashMap<>();
    t.select(
            id,
            version,
            table.field("SYNC_STATUS", String.class),
            table.field("IS_DELETED", Boolean.class))
        .from(table)
        .where(id.in(ids))
        .forEach(
            row -> {
              boolean current =
                  SYNCED.equals(row.value3())
                      && !Boolean.TRUE.equals(row.value4())
                      && row.value2() != null;
              out.put(row.value1(), current ? row.value2() : null);
            });
    return out;
  }

  /**
   * Inserts pulled items this profile has never held, as JDBC batches (a first sync is almost all
   * of these). An item whose SKU or barcode is held by another local row, or repeated within the
   * page, is left out and returned, for the row-by-row path that moves the holder aside.
   */
  private List<ServerRecord.Item> insertNewItems(
      DSLContext t, List<ServerRecord.Item> fresh, Instant now) {
    Map<String, Integer> skus = new HashMap<>();
    Map<String, Integer> barcodes = new HashMap<>();
    for (ServerRecord.Item r : fresh) {
      skus.merge(r.sku(), 1, Integer::sum);
      String barcode = r.barcode();
      if (barcode != null) {
        barcodes.merge(barcode, 1, Integer::sum);
      }
    }
    Set<String> takenSkus =
        new HashSet<>(
            t.select(ITEMS.SKU).from(ITEMS).where(ITEMS.SKU.in(skus.keySet())).fetch(ITEMS.SKU));
    Set<String> takenBarcodes =
        barcodes.isEmpty()
            ? Set.of()
            : new HashSet<>(
                t.select(ITEMS.BARCODE)
                    .from(ITEMS)
                    .where(ITEMS.BARCODE.in(barcodes.keySet()))
                    .fetch(ITEMS.BARCODE));
    List<ServerRecord.Item> clashing = new ArrayList<>();
    List<ServerRecord.Item> clear = new ArrayList<>(fresh.size());
    for (ServerRecord.Item r : fresh) {
      String sku = r.sku();
      String barcode = r.barcode();
      if (takenSkus.contains(sku)
          || skus.get(sku) > 1
          || (barcode != null && (takenBarcodes.contains(barcode) || barcodes.get(barcode) > 1))) {
        clashing.add(r);
      } else {
        clear.add(r);
      }
    }
    insertItems(t, clear, now);
    return clashing;
  }

  /** Inserts pulled items as synced rows, as one JDBC batch, with no check of any kind first. */
  private void insertItems(DSLContext t, List<ServerRecord.Item> records, Instant now) {
    SyncedItemBatch batch = new SyncedItemBatch(t, words);
    for (ServerRecord.Item r : records) {
      ItemDraft d =
          new ItemDraft(
              r.sku(),
              r.barcode(),
              r.name(),
              r.description(),
              r.unit(),
              r.category(),
              r.reorderPoint());
      batch.add(
          r.id(),
          d,
          r.createdAt() != null ? r.createdAt() : now,
          r.updatedAt() != null ? r.updatedAt() : now,
          now,
          r.version(),
          null); // no local stamps on a pulled row (decision record 0053)
    }
    batch.execute();
  }

  /** The records of an items page, as items. */
  private static List<ServerRecord.Item> items(List<? extends ServerRecord> records) {
    List<ServerRecord.Item> items = new ArrayList<>(records.size());
    for (ServerRecord r : records) {
      items.add((ServerRecord.Item) r);
    }
    return items;
  }
}
