package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.store.jooq.Tables.LOCAL_SETTINGS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.SITES;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static io.stockroom.store.jooq.Tables.SYNC_CONFLICTS;
import static io.stockroom.store.jooq.Tables.SYNC_DEFERRED;
import static io.stockroom.store.jooq.Tables.SYNC_LOG;
import static io.stockroom.store.jooq.Tables.SYNC_STATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.Site;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncLogEntry;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.TextField;
import io.stockroom.store.jooq.tables.records.ItemNotesRecord;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import io.stockroom.store.jooq.tables.records.LocationsRecord;
import io.stockroom.store.jooq.tables.records.SitesRecord;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.store.jooq.tables.records.StockMovementsRecord;
import io.stockroom.store.jooq.tables.records.SyncConflictsRecord;
import io.stockroom.store.jooq.tables.records.SyncLogRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the sync agent writes locally. Each method is one short transaction and none is ever held
 * across a network call: a pulled page is applied together with its cursor, a push result marks its
 * mutation and its record together. Records with an open mutation (pending, in flight or failed)
 * keep their local values when a page arrives; the server's answer to that mutation, or the pull
 * after it, brings them up to date.
 */
public final class SyncStore {

  private static final List<String> OPEN =
      List.of(
          MutationStatus.PENDING.dbValue(),
          MutationStatus.IN_FLIGHT.dbValue(),
          MutationStatus.FAILED.dbValue());
  private static final String SYNCED = SyncStatus.SYNCED.dbValue();
  private static final String REPULL = "sync.repull.";
  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final DeferredWords words;

  SyncStore(Tx tx, IdGenerator ids, Stamps stamps, MutationQueue queue, DeferredWords words) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
    this.words = words;
  }

  /**
   * Writes the cycle's replayable changes (pages, marks) to the file now, on the sync thread, so
   * the user's next forced write does not carry them.
   */
  public void flushReplayable() {
    tx.checkpoint();
  }

  /**
   * Starts writing, in the background, the search words that pages presumed new left out (see
   * {@link #applyPage(EntityType, List, Collection, String, boolean)}); nothing happens when none
   * are owed or the writing is under way. Meant for the end of a sync cycle.
   */
  public void writeOwedWords() {
    words.start();
  }

  /** Whether some items still lack their search words (a name-word search is slower meanwhile). */
  public boolean wordsOwed() {
    return words.owed();
  }

  // ---------------------------------------------------------------- cursors and pulled pages

  /** The stored pull cursor of an entity; empty before its first pull. */
  public Optional<String> cursor(EntityType type) {
    return tx.read()
        .select(SYNC_STATE.CURSOR)
        .from(SYNC_STATE)
        .where(SYNC_STATE.ENTITY.eq(type.wireName()))
        .fetchOptional(SYNC_STATE.CURSOR);
  }

  /**
   * Starts (or restarts) pulling an entity from scratch after {@code 410 cursor_expired}: the
   * cursor is forgotten and a durable mark says a re-pull is under way, so a crash in the middle
   * starts it over rather than resuming with half of what {@link #finishRepull} needs. Pending
   * mutations stay.
   */
  public void beginRepull(EntityType type) {
    tx.run(t -> beginRepull(t, type));
  }

  static void beginRepull(DSLContext t, EntityType type) {
    t.deleteFrom(SYNC_STATE).where(SYNC_STATE.ENTITY.eq(type.wireName())).execute();
    Settings.put(t, REPULL + type.wireName(), "started");
  }

  /** Whether a re-pull of the entity was started and never finished. */
  public boolean repullUnderWay(EntityType type) {
    return Settings.get(tx.read(), REPULL + type.wireName()).isPresent();
  }

  /**
   * Ends a from-scratch re-pull. Tombstones older than the server's horizon are gone, so a record
   * the server deleted meanwhile is simply absent from the re-pull: every synced, live local row
   * the re-pull did not serve is marked deleted, unless an open mutation still holds it (its answer
   * settles it). Rows never synced (local creates) are left alone.
   *
   * @return how many rows were marked deleted
   */
  public int finishRepull(EntityType type, Set<UUID> served) {
    return tx.write(
        t -> {
          org.jooq.Table<?> table = table(type);
          org.jooq.Field<UUID> id = table.field("ID", UUID.class);
          List<UUID> candidates =
              t.select(id)
                  .from(table)
                  .where(table.field("IS_DELETED", Boolean.class).isFalse())
                  .and(table.field("SERVER_VERSION", Long.class).isNotNull())
                  .fetch(id);
          List<UUID> gone = new ArrayList<>();
          for (UUID c : candidates) {
            if (!served.contains(c)) {
              gone.add(c);
            }
          }
          Set<UUID> open = openEntities(t, gone);
          Instant now = stamps.now();
          int deleted = 0;
          for (UUID g : gone) {
            if (!open.contains(g)) {
              deleted += markDeleted(t, type, g, now);
            }
          }
          t.deleteFrom(LOCAL_SETTINGS)
              .where(LOCAL_SETTINGS.NAME.eq(REPULL + type.wireName()))
              .execute();
          return deleted;
        });
  }

  /**
   * Whether this profile holds no row at all of an entity (live, deleted or pending): a pull into
   * it can presume every record new (see {@link #applyPage(EntityType, List, Collection, String,
   * boolean)}).
   */
  public boolean holdsNone(EntityType type) {
    return !tx.read().fetchExists(table(type));
  }

  /**
   * Applies one pulled page and stores its cursor, in one transaction: a crash leaves either the
   * page and its cursor or neither.
   *
   * @return how many records and deletions were applied (skipped ones not counted)
   */
  public int applyPage(
      EntityType type, List<ObjectNode> records, Collection<UUID> deletions, String cursor) {
    return applyPage(type, records, deletions, cursor, false);
  }

  /**
   * {@link #applyPage(EntityType, List, Collection, String)}, told whether every record of the page
   * is presumably new here: true while a first pull of items fills a profile that held none. The
   * page is then inserted without looking anything up first (open mutations, stored versions, SKU
   * and barcode holders: a fifth of a first sync's local time) and without its search words, which
   * {@link #writeOwedWords()} writes after the sync (two fifths; decision record 0032). The
   * presumption can be wrong (the server sent a record twice because it changed during the pull,
   * the user created an item with the same SKU meanwhile, or edited one just pulled): a key or
   * uniqueness violation then rolls the attempt back and the page is applied the ordinary way.
   */
  public int applyPage(
      EntityType type,
      List<ObjectNode> records,
      Collection<UUID> deletions,
      String cursor,
      boolean presumedNew) {
    if (presumedNew && type == EntityType.ITEMS && deletions.isEmpty()) {
      try {
        return tx.writeReplayable(
            t -> {
              Instant now = stamps.now();
              words.owe(t);
              insertItems(t, records, now, false);
              storeCursor(t, type, cursor, now);
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
          Set<UUID> touched = new HashSet<>();
          for (ObjectNode r : records) {
            touched.add(UUID.fromString(r.get("id").asText()));
          }
          touched.addAll(deletions);
          Set<UUID> open = openEntities(t, touched);
          Map<UUID, Long> synced = syncedVersions(t, type, touched);
          List<ObjectNode> fresh = new ArrayList<>();
          List<ObjectNode> changed = new ArrayList<>();
          for (ObjectNode r : records) {
            UUID id = UUID.fromString(r.get("id").asText());
            if (open.contains(id)) {
              defer(t, type, id, r); // applied when its mutation settles, if newer than the answer
              continue;
            }
            Long version = r.hasNonNull("version") ? r.get("version").asLong() : null;
            Long stored = synced.get(id);
            if (stored != null && version != null && stored >= version) {
              continue; // already holds this version (e.g. the echo of its own accepted push)
            }
            if (type == EntityType.ITEMS && !synced.containsKey(id)) {
              fresh.add(r);
            } else {
              changed.add(r);
            }
          }
          int applied = 0;
          if (!fresh.isEmpty()) {
            List<ObjectNode> clashing = insertNewItems(t, fresh, now);
            applied += fresh.size() - clashing.size();
            changed.addAll(clashing);
          }
          for (ObjectNode r : changed) {
            upsert(t, type, r, now);
            applied++;
          }
          for (UUID id : deletions) {
            if (!open.contains(id)) {
              applied += markDeleted(t, type, id, now);
            }
          }
          storeCursor(t, type, cursor, now);
          return applied;
        });
  }

  private static void storeCursor(DSLContext t, EntityType type, String cursor, Instant now) {
    t.mergeInto(SYNC_STATE)
        .using(t.selectOne())
        .on(SYNC_STATE.ENTITY.eq(type.wireName()))
        .whenMatchedThenUpdate()
        .set(SYNC_STATE.CURSOR, cursor)
        .set(SYNC_STATE.LAST_PULLED_AT, now)
        .whenNotMatchedThenInsert(SYNC_STATE.ENTITY, SYNC_STATE.CURSOR, SYNC_STATE.LAST_PULLED_AT)
        .values(type.wireName(), cursor, now)
        .execute();
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
  private List<ObjectNode> insertNewItems(DSLContext t, List<ObjectNode> fresh, Instant now) {
    Map<String, Integer> skus = new HashMap<>();
    Map<String, Integer> barcodes = new HashMap<>();
    for (ObjectNode r : fresh) {
      skus.merge(text(r, "sku"), 1, Integer::sum);
      String barcode = text(r, "barcode");
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
    List<ObjectNode> clashing = new ArrayList<>();
    List<ObjectNode> clear = new ArrayList<>(fresh.size());
    for (ObjectNode r : fresh) {
      String sku = text(r, "sku");
      String barcode = text(r, "barcode");
      if (takenSkus.contains(sku)
          || skus.get(sku) > 1
          || (barcode != null && (takenBarcodes.contains(barcode) || barcodes.get(barcode) > 1))) {
        clashing.add(r);
      } else {
        clear.add(r);
      }
    }
    insertItems(t, clear, now, true);
    return clashing;
  }

  /**
   * Inserts pulled items as synced rows, as one JDBC batch, with no check of any kind first; with
   * their search words, or without them when the caller has recorded them as owed.
   */
  private static void insertItems(
      DSLContext t, List<ObjectNode> records, Instant now, boolean withWords) {
    SyncedItemBatch batch = new SyncedItemBatch(t, withWords);
    for (ObjectNode r : records) {
      String sku = text(r, "sku");
      String barcode = text(r, "barcode");
      Instant created = instant(r, "created_at");
      Instant updated = instant(r, "updated_at");
      ItemDraft d =
          new ItemDraft(
              sku,
              barcode,
              text(r, "name"),
              text(r, "description"),
              r.hasNonNull("unit") ? text(r, "unit") : "ea",
              text(r, "category"),
              r.hasNonNull("reorder_point") ? r.get("reorder_point").asInt() : 0);
      batch.add(
          uuid(r, "id"),
          d,
          created != null ? created : now,
          updated != null ? updated : now,
          now,
          r.hasNonNull("version") ? r.get("version").asLong() : null,
          r.hasNonNull("field_clock") ? r.get("field_clock").toString() : null);
    }
    batch.execute();
  }

  /**
   * Keeps the newest pulled version of a record that a page skipped (a mutation of it is open). The
   * answer to that mutation usually brings the same or a newer state; a replayed answer does not
   * (it is the stored one, from when the mutation was first applied), and the cursor has moved on.
   */
  private static void defer(DSLContext t, EntityType type, UUID id, ObjectNode r) {
    if (!r.hasNonNull("version")) {
      return;
    }
    long version = r.get("version").asLong();
    Long kept =
        t.select(SYNC_DEFERRED.SERVER_VERSION)
            .from(SYNC_DEFERRED)
            .where(SYNC_DEFERRED.ENTITY_ID.eq(id))
            .fetchOptional(SYNC_DEFERRED.SERVER_VERSION)
            .orElse(null);
    if (kept == null) {
      t.insertInto(
              SYNC_DEFERRED,
              SYNC_DEFERRED.ENTITY_ID,
              SYNC_DEFERRED.ENTITY_TYPE,
              SYNC_DEFERRED.SERVER_VERSION,
              SYNC_DEFERRED.RECORD)
          .values(id, type.wireName(), version, r.toString())
          .execute();
    } else if (version > kept) {
      t.update(SYNC_DEFERRED)
          .set(SYNC_DEFERRED.SERVER_VERSION, version)
          .set(SYNC_DEFERRED.RECORD, r.toString())
          .where(SYNC_DEFERRED.ENTITY_ID.eq(id))
          .execute();
    }
  }

  /**
   * A record's mutations are all settled: a pulled version kept back meanwhile is applied when it
   * is newer than what the record now holds, then forgotten.
   */
  private void applyDeferred(DSLContext t, EntityType type, UUID id, Instant now) {
    var deferred = t.selectFrom(SYNC_DEFERRED).where(SYNC_DEFERRED.ENTITY_ID.eq(id)).fetchOne();
    if (deferred == null) {
      return;
    }
    org.jooq.Table<?> table = table(type);
    Long stored =
        t.select(table.field("SERVER_VERSION", Long.class))
            .from(table)
            .where(table.field("ID", UUID.class).eq(id))
            .fetchOptional(table.field("SERVER_VERSION", Long.class))
            .orElse(null);
    if (stored == null || deferred.getServerVersion() > stored) {
      upsert(t, type, Payloads.read(deferred.getRecord()), now);
    }
    deferred.delete();
  }

  private static Set<UUID> openEntities(DSLContext t, Collection<UUID> entityIds) {
    if (entityIds.isEmpty() || !t.fetchExists(MUTATION_QUEUE, MUTATION_QUEUE.STATUS.in(OPEN))) {
      return Set.of(); // nothing open at all, as during a first sync: no lookup per record
    }
    return new HashSet<>(
        t.selectDistinct(MUTATION_QUEUE.ENTITY_ID)
            .from(MUTATION_QUEUE)
            .where(MUTATION_QUEUE.STATUS.in(OPEN))
            .and(MUTATION_QUEUE.ENTITY_ID.in(entityIds))
            .fetch(MUTATION_QUEUE.ENTITY_ID));
  }

  private static boolean hasOpen(DSLContext t, UUID entityId) {
    return t.fetchExists(
        MUTATION_QUEUE, MUTATION_QUEUE.ENTITY_ID.eq(entityId).and(MUTATION_QUEUE.STATUS.in(OPEN)));
  }

  // ---------------------------------------------------------------- push results

  /**
   * The server accepted a mutation (or replayed its stored result): the mutation is completed and,
   * unless another mutation of the same record is still open, the record takes the server's values
   * and is marked synced with its server id and version.
   */
  public void markAccepted(QueuedMutation m, UUID serverId, Long serverVersion, ObjectNode record) {
    markAccepted(List.of(new Accepted(m, serverId, serverVersion, record)));
  }

  /** One accepted mutation and what the server answered for it. */
  public record Accepted(
      QueuedMutation mutation, UUID serverId, Long serverVersion, ObjectNode record) {}

  /**
   * {@link #markAccepted} for a run of results in one transaction (a push answers up to a batch at
   * once; a transaction per result made a 1,000-mutation push several times slower).
   */
  public void markAccepted(List<Accepted> accepted) {
    if (accepted.isEmpty()) {
      return;
    }
    tx.runReplayable(
        t -> {
          t.update(MUTATION_QUEUE)
              .set(MUTATION_QUEUE.STATUS, MutationStatus.COMPLETED.dbValue())
              .setNull(MUTATION_QUEUE.ERROR)
              .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
              .where(MUTATION_QUEUE.ID.in(accepted.stream().map(a -> a.mutation().id()).toList()))
              .execute();
          Set<UUID> open =
              openEntities(t, accepted.stream().map(a -> a.mutation().entityId()).toList());
          Instant now = stamps.now();
          boolean anyDeferred = t.fetchExists(SYNC_DEFERRED);
          Set<UUID> stamped = stampUnchangedItems(t, accepted, open, now);
          for (Accepted a : accepted) {
            QueuedMutation m = a.mutation();
            if (mapsToAnotherLocation(a)) {
              mergeLocation(t, a, now);
              continue;
            }
            boolean settled = !open.contains(m.entityId());
            boolean upserted = stamped.contains(m.id());
            if (!upserted && settled && a.record() != null && m.action() != MutationAction.DELETE) {
              upsert(t, m.entityType(), a.record(), now);
              upserted = stampedBy(a);
            }
            if (!upserted) {
              stampSynced(
                  t, m.entityType(), m.entityId(), a.serverId(), a.serverVersion(), now, settled);
            }
            if (settled && anyDeferred) {
              applyDeferred(t, m.entityType(), m.entityId(), now);
            }
          }
        });
  }

  /** Policy name of the settled inbox entry that tells the user a bin was merged. */
  public static final String MERGED = "MERGED";

  /** A bin created here whose code the site already had: the server answered with its own bin. */
  private static boolean mapsToAnotherLocation(Accepted a) {
    QueuedMutation m = a.mutation();
    return m.entityType() == EntityType.LOCATIONS
        && m.action() == MutationAction.CREATE
        && a.serverId() != null
        && !a.serverId().equals(m.entityId())
        && a.record() != null;
  }

  /**
   * Merges the bin created here into the server's bin of the same code (issue 15; decision record
   * 0042): the movements and counts recorded against it now name the server's bin, the local bin
   * goes, and the inbox keeps a settled note saying so. Movements still queued keep the local id in
   * their payload; the server knows it as an alias of its bin.
   */
  private void mergeLocation(DSLContext t, Accepted a, Instant now) {
    QueuedMutation m = a.mutation();
    UUID local = m.entityId();
    UUID server = a.serverId();
    // The upsert steps the local bin aside from the server's code; it goes below, once nothing
    // names it any more.
    upsert(t, EntityType.LOCATIONS, a.record(), now);
    repoint(t, STOCK_MOVEMENTS.FROM_LOCATION_ID, local, server);
    repoint(t, STOCK_MOVEMENTS.TO_LOCATION_ID, local, server);
    repoint(t, STOCK_COUNTS.LOCATION_ID, local, server);
    t.deleteFrom(STOCK_LEVELS).where(STOCK_LEVELS.LOCATION_ID.eq(local)).execute();
    t.deleteFrom(LOCATIONS).where(LOCATIONS.ID.eq(local)).execute();

    // The code as the user typed it (a pull may already have stepped the local bin aside).
    JsonNode typed = Payloads.read(m.payload()).path("data").path("code");
    String code = typed.isTextual() ? typed.asText() : text(a.record(), "code");
    String reason =
        "Bin "
            + code
            + " that you added offline already existed on the server. It is the same bin: your"
            + " moves and counts there now use the server's bin "
            + text(a.record(), "code")
            + ".";
    t.executeInsert(inboxEntry(t, m, MERGED, reason, null, a.record(), false, now));
  }

  /** Every row whose {@code field} names {@code from} names {@code to} instead. */
  private static void repoint(
      DSLContext t, org.jooq.TableField<?, UUID> field, UUID from, UUID to) {
    t.update(field.getTable()).set(field, to).where(field.eq(from)).execute();
  }

  /** An inbox entry for what the server answered to {@code m}: open for the user, or settled. */
  private SyncConflictsRecord inboxEntry(
      DSLContext t,
      QueuedMutation m,
      String policy,
      String reason,
      List<String> fields,
      JsonNode serverRecord,
      boolean openForUser,
      Instant now) {
    SyncConflictsRecord c = t.newRecord(SYNC_CONFLICTS);
    c.setId(ids.next());
    c.setMutationId(m.id());
    c.setIdempotencyKey(m.idempotencyKey());
    c.setEntityType(m.entityType().wireName());
    c.setEntityId(m.entityId());
    c.setAction(m.action().wireName());
    c.setPolicy(policy);
    c.setReason(truncate(reason, 4000));
    c.setFields(fields == null || fields.isEmpty() ? null : String.join(",", fields));
    c.setLocalPayload(m.payload());
    c.setServerRecord(serverRecord == null ? null : serverRecord.toString());
    c.setStatus(openForUser ? "open" : "resolved");
    c.setResolution(openForUser ? null : policy);
    c.setCreatedAt(now);
    c.setResolvedAt(openForUser ? null : now);
    return c;
  }

  /**
   * The accepted items whose answer holds the values the local row already holds (the usual answer
   * to a create or to an update nobody else touched): their upsert would only stamp the row (server
   * id and version, synced time, the server's update time and field clock, synced unless the user
   * must settle a conflict), so they are stamped in one JDBC batch after one read of their rows.
   * Anything else (another value, a second result for the same record, an answer older than the
   * row, a record still open) is left to {@link #upsert}.
   *
   * @return the ids of the mutations whose rows were stamped here
   */
  private static Set<UUID> stampUnchangedItems(
      DSLContext t, List<Accepted> accepted, Set<UUID> open, Instant now) {
    Map<UUID, Accepted> byItem = new HashMap<>();
    Set<UUID> twice = new HashSet<>();
    for (Accepted a : accepted) {
      QueuedMutation m = a.mutation();
      if (m.entityType() == EntityType.ITEMS
          && m.action() != MutationAction.DELETE
          && a.record() != null
          && !open.contains(m.entityId())
          && stampedBy(a)
          && m.entityId().equals(uuid(a.record(), "id"))
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
      Accepted a = byItem.get(row.getId());
      ObjectNode r = a.record();
      long version = r.get("version").asLong();
      if (row.getIsDeleted()
          || (row.getServerVersion() != null && version < row.getServerVersion())
          || !sameItem(row, r)) {
        continue;
      }
      Instant updated = instant(r, "updated_at");
      update.bind(
          row.getId(),
          version,
          now,
          updated != null ? updated : now,
          CONFLICT.equals(row.getSyncStatus()) ? CONFLICT : SYNCED,
          r.hasNonNull("field_clock") ? r.get("field_clock").toString() : row.getFieldClock(),
          row.getId());
      stamped.add(a.mutation().id());
    }
    if (!stamped.isEmpty()) {
      update.execute();
    }
    return stamped;
  }

  /** Whether {@link #upsertItem} would leave the item's own fields of {@code row} as they are. */
  private static boolean sameItem(ItemsRecord row, ObjectNode r) {
    return Objects.equals(row.getSku(), text(r, "sku"))
        && Objects.equals(row.getBarcode(), text(r, "barcode"))
        && Objects.equals(row.getName(), text(r, "name"))
        && Objects.equals(row.getDescription(), text(r, "description"))
        && Objects.equals(row.getUnit(), r.hasNonNull("unit") ? text(r, "unit") : "ea")
        && Objects.equals(row.getCategory(), text(r, "category"))
        && Objects.equals(
            row.getReorderPoint(),
            r.hasNonNull("reorder_point") ? r.get("reorder_point").asInt() : 0);
  }

  /**
   * Whether the upsert of an accepted answer's record already stamped the row as {@link
   * #stampSynced} would: the record is the answer's own version and id (it always is from this
   * server; the check keeps an odd answer on the explicit path).
   */
  private static boolean stampedBy(Accepted a) {
    ObjectNode r = a.record();
    return a.serverVersion() != null
        && r.hasNonNull("version")
        && r.get("version").asLong() == a.serverVersion()
        && (a.serverId() == null || a.serverId().equals(uuid(r, "id")));
  }

  /**
   * The server answered a conflict. The mutation is done (the server decided); the inbox keeps both
   * sides. With {@code openForUser} the record is flagged {@code conflict} until the user settles
   * it; otherwise the policy already decided and the entry is stored as resolved.
   */
  public void markConflict(
      QueuedMutation m,
      ObjectNode serverRecord,
      String reason,
      List<String> fields,
      String policy,
      boolean openForUser) {
    tx.runReplayable(
        t -> {
          complete(t, m.id(), reason);
          Instant now = stamps.now();
          t.executeInsert(inboxEntry(t, m, policy, reason, fields, serverRecord, openForUser, now));
          boolean settled = !hasOpen(t, m.entityId());
          if (settled && serverRecord != null && serverRecord.has("id")) {
            upsert(t, m.entityType(), serverRecord, now);
          }
          if (settled) {
            applyDeferred(t, m.entityType(), m.entityId(), now);
          }
          if (openForUser) {
            setStatus(t, m.entityType(), m.entityId(), CONFLICT);
          } else if (settled) {
            setStatus(t, m.entityType(), m.entityId(), SYNCED);
          }
        });
  }

  /** A 4xx rejection: the mutation fails at once and the record is flagged {@code error}. */
  public void markRejected(QueuedMutation m, String error) {
    tx.runReplayable(
        t -> {
          t.update(MUTATION_QUEUE)
              .set(MUTATION_QUEUE.STATUS, MutationStatus.FAILED.dbValue())
              .set(MUTATION_QUEUE.ERROR, truncate(error, 4000))
              .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
              .where(MUTATION_QUEUE.ID.eq(m.id()))
              .execute();
          setStatus(t, m.entityType(), m.entityId(), SyncStatus.ERROR.dbValue());
        });
  }

  /**
   * Mutations claimed for a push that never got an answer of their own go back to pending, without
   * counting as a retry.
   */
  public void release(Collection<UUID> mutationIds) {
    tx.run(
        t ->
            t.update(MUTATION_QUEUE)
                .set(MUTATION_QUEUE.STATUS, MutationStatus.PENDING.dbValue())
                .where(MUTATION_QUEUE.ID.in(mutationIds))
                .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.IN_FLIGHT.dbValue()))
                .execute());
  }

  /**
   * Client-wins: queues the same payload again as a fresh mutation (new idempotency key) based on
   * the server's current version.
   */
  public void resend(QueuedMutation m, Long baseVersion) {
    tx.run(
        t -> {
          MutationAction action =
              m.action() == MutationAction.CREATE ? MutationAction.UPDATE : m.action();
          queue.enqueue(t, m.entityType(), action, m.entityId(), m.payload(), baseVersion);
        });
  }

  /**
   * The user discards a failed mutation: it is completed without being applied anywhere, and its
   * record goes back to what the server holds. A record the server never had (a refused create) is
   * deleted locally; one it has is pulled again, since pages skipped it while the mutation was open
   * (the re-pull of its entity also drops it if the server deleted it meanwhile). Records with
   * another open mutation are left to that one's answer.
   */
  public void discard(UUID mutationId) {
    tx.run(
        t -> {
          var m = MutationQueue.fetchFailed(t, mutationId);
          if (m == null) {
            return;
          }
          complete(t, mutationId, "discarded by the user");
          if (hasOpen(t, m.getEntityId())) {
            return;
          }
          EntityType type = EntityType.fromWireName(m.getEntityType()).orElseThrow();
          org.jooq.Table<?> table = table(type);
          Long serverVersion =
              t.select(table.field("SERVER_VERSION", Long.class))
                  .from(table)
                  .where(table.field("ID", UUID.class).eq(m.getEntityId()))
                  .fetchOptional(table.field("SERVER_VERSION", Long.class))
                  .orElse(null);
          if (serverVersion == null) {
            markDeleted(t, type, m.getEntityId(), stamps.now());
          } else {
            beginRepull(t, type);
          }
        });
  }

  /** Failed mutations, oldest first: the list the user retries or discards from. */
  public List<QueuedMutation> failed() {
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.STATUS.eq(MutationStatus.FAILED.dbValue()))
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch()
        .map(r -> MutationQueue.toDomain(r));
  }

  /** How many mutations are open (pending, in flight or failed). */
  public int openCount() {
    return tx.read().fetchCount(MUTATION_QUEUE, MUTATION_QUEUE.STATUS.in(OPEN));
  }

  private static void complete(DSLContext t, UUID mutationId, String note) {
    t.update(MUTATION_QUEUE)
        .set(MUTATION_QUEUE.STATUS, MutationStatus.COMPLETED.dbValue())
        .set(MUTATION_QUEUE.ERROR, truncate(note, 4000))
        .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
        .where(MUTATION_QUEUE.ID.eq(mutationId))
        .execute();
  }

  // ---------------------------------------------------------------- conflicts inbox

  public List<SyncConflict> conflicts(boolean openOnly) {
    var q = tx.read().selectFrom(SYNC_CONFLICTS);
    var where = openOnly ? SYNC_CONFLICTS.STATUS.eq("open") : SYNC_CONFLICTS.STATUS.isNotNull();
    DSLContext t = tx.read();
    return q.where(where).orderBy(SYNC_CONFLICTS.CREATED_AT).fetch().map(r -> toConflict(t, r));
  }

  /**
   * Settles an open conflict. The record's conflict flag goes away once no open entry is left for
   * it; what the user chose to send again is queued by the caller through the normal services.
   */
  public void resolve(UUID conflictId, String resolution) {
    tx.run(t -> resolve(t, conflictId, resolution, null, null));
  }

  /**
   * {@link #resolve(UUID, String)} inside the caller's transaction, remembering what the choice
   * queued ({@code mutationId}, null when it queued nothing) and what the record held before
   * ({@code undoState}), so {@link LocalConflicts} can take it back until it is sent.
   */
  void resolve(
      DSLContext t, UUID conflictId, String resolution, UUID mutationId, String undoState) {
    SyncConflictsRecord c =
        t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchSingle();
    c.setStatus("resolved");
    c.setResolution(resolution);
    c.setResolvedAt(stamps.now());
    c.setResolutionMutationId(mutationId);
    c.setUndoState(undoState);
    c.update();
    boolean more =
        t.fetchExists(
            SYNC_CONFLICTS,
            SYNC_CONFLICTS.ENTITY_ID.eq(c.getEntityId()).and(SYNC_CONFLICTS.STATUS.eq("open")));
    if (!more) {
      EntityType type = EntityType.fromWireName(c.getEntityType()).orElseThrow();
      setStatus(
          t,
          type,
          c.getEntityId(),
          hasOpen(t, c.getEntityId()) ? SyncStatus.PENDING.dbValue() : SYNCED);
    }
  }

  /**
   * Puts the server's side of a conflict into its record, inside the caller's transaction, unless
   * another open mutation of the record will bring the server's state with its answer. Pages skip a
   * record while a mutation of it is open, so without this a record whose conflict arrived next to
   * another of its mutations could keep this laptop's values after the user settles it.
   */
  void adoptServerSide(DSLContext t, UUID conflictId) {
    SyncConflictsRecord c =
        t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchSingle();
    if (c.getServerRecord() == null || hasOpen(t, c.getEntityId())) {
      return;
    }
    JsonNode record = Payloads.read(c.getServerRecord());
    if (record instanceof ObjectNode o
        && o.hasNonNull("id")
        && c.getEntityId().toString().equals(o.get("id").asText())) {
      upsert(t, EntityType.fromWireName(c.getEntityType()).orElseThrow(), o, stamps.now());
    }
  }

  /** Opens a settled entry again (its choice was taken back) and flags its record. */
  void reopen(DSLContext t, SyncConflictsRecord c) {
    c.setStatus("open");
    c.setResolution(null);
    c.setResolvedAt(null);
    c.setResolutionMutationId(null);
    c.setUndoState(null);
    c.update();
    EntityType type = EntityType.fromWireName(c.getEntityType()).orElseThrow();
    setStatus(t, type, c.getEntityId(), CONFLICT);
  }

  private static SyncConflict toConflict(DSLContext t, SyncConflictsRecord r) {
    EntityType type = EntityType.fromWireName(r.getEntityType()).orElseThrow();
    return new SyncConflict(
        r.getId(),
        r.getMutationId(),
        EntityType.fromWireName(r.getEntityType()).orElseThrow(),
        r.getEntityId(),
        MutationAction.fromWireName(r.getAction()),
        r.getPolicy(),
        r.getReason(),
        r.getFields() == null ? List.of() : Arrays.asList(r.getFields().split(",")),
        r.getLocalPayload(),
        r.getServerRecord(),
        "open".equals(r.getStatus()),
        r.getResolution(),
        r.getCreatedAt(),
        r.getResolvedAt(),
        RecordLabels.of(t, type, r.getEntityId()));
  }

  // ---------------------------------------------------------------- sync log

  public void log(SyncLogEntry e) {
    tx.runReplayable(
        t -> {
          SyncLogRecord r = t.newRecord(SYNC_LOG);
          r.setStartedAt(e.startedAt());
          r.setFinishedAt(e.finishedAt());
          r.setTriggerName(truncate(e.trigger(), 32));
          r.setOutcome(truncate(e.outcome(), 16));
          r.setPulled(e.pulled());
          r.setPushed(e.pushed());
          r.setAccepted(e.accepted());
          r.setConflicts(e.conflicts());
          r.setRejected(e.rejected());
          r.setFailed(e.failed());
          r.setBytesSent(e.bytesSent());
          r.setBytesReceived(e.bytesReceived());
          r.setMillis(e.millis());
          r.setError(truncate(e.error(), 4000));
          r.insert();
          // Keep the log bounded: the last 10,000 cycles.
          t.deleteFrom(SYNC_LOG).where(SYNC_LOG.ID.le(r.getId() - 10_000)).execute();
        });
  }

  /** The latest cycles, newest first. */
  public List<SyncLogEntry> recentLog(int limit) {
    return tx.read()
        .selectFrom(SYNC_LOG)
        .orderBy(SYNC_LOG.ID.desc())
        .limit(limit)
        .fetch()
        .map(
            r ->
                new SyncLogEntry(
                    r.getId(),
                    r.getStartedAt(),
                    r.getFinishedAt(),
                    r.getTriggerName(),
                    r.getOutcome(),
                    r.getPulled(),
                    r.getPushed(),
                    r.getAccepted(),
                    r.getConflicts(),
                    r.getRejected(),
                    r.getFailed(),
                    r.getBytesSent(),
                    r.getBytesReceived(),
                    r.getMillis(),
                    r.getError()));
  }

  /** When the last cycle that reached the server ended well, if ever. */
  public Optional<Instant> lastSuccess() {
    return tx.read()
        .select(SYNC_LOG.FINISHED_AT)
        .from(SYNC_LOG)
        .where(SYNC_LOG.OUTCOME.eq("ok"))
        .orderBy(SYNC_LOG.ID.desc())
        .limit(1)
        .fetchOptional(SYNC_LOG.FINISHED_AT);
  }

  // ---------------------------------------------------------------- the local site

  /**
   * Attaches the profile's local site to a server site at the first sign-in: every local row and
   * every open queued payload that names the local site names the server's instead, in one
   * transaction. A profile already on a server site just switches to {@code siteId}.
   *
   * @return whether the local site was attached now
   */
  public boolean attachLocalSite(UUID siteId, String code, String name) {
    return tx.write(
        t -> {
          Site current = LocationRepository.currentSite(t);
          if (current.id().equals(siteId)) {
            return false;
          }
          SitesRecord local = t.selectFrom(SITES).where(SITES.ID.eq(current.id())).fetchSingle();
          boolean isLocal =
              LocationRepository.LOCAL_SITE_CODE.equals(local.getCode())
                  && local.getServerVersion() == null;
          Instant now = stamps.now();
          SitesRecord target = t.selectFrom(SITES).where(SITES.ID.eq(siteId)).fetchOne();
          if (target == null) {
            freeCode(t, siteId, code);
            target = t.newRecord(SITES);
            target.setId(siteId);
            target.setServerId(siteId);
            target.setCreatedAt(now);
            target.setUpdatedAt(now);
            target.setIsDeleted(false);
            target.setVersion(1L);
            target.setSyncStatus(SYNCED);
            target.setCode(code);
            target.setName(name);
            target.insert();
            // A site new to this profile: its bins and stock are older than the cursors of the
            // sites pulled so far, and only a pull from scratch brings them (decision record 0043).
            for (EntityType type : SiteLoss.SITE_SCOPED) {
              if (t.fetchExists(SYNC_STATE, SYNC_STATE.ENTITY.eq(type.wireName()))) {
                beginRepull(t, type);
              }
            }
          }
          if (isLocal) {
            UUID from = local.getId();
            repoint(t, LOCATIONS.SITE_ID, from, siteId);
            repoint(t, STOCK_MOVEMENTS.SITE_ID, from, siteId);
            repoint(t, STOCK_COUNTS.SITE_ID, from, siteId);
            repoint(t, STOCK_LEVELS.SITE_ID, from, siteId);
            String fromText = from.toString();
            String toText = siteId.toString();
            t.selectFrom(MUTATION_QUEUE)
                .where(MUTATION_QUEUE.STATUS.in(OPEN))
                .and(MUTATION_QUEUE.PAYLOAD.contains(fromText))
                .forEach(
                    row -> {
                      row.setPayload(row.getPayload().replace(fromText, toText));
                      row.update();
                    });
            Settings.put(t, Settings.CURRENT_SITE, siteId.toString());
            t.deleteFrom(SITES).where(SITES.ID.eq(from)).execute();
          } else {
            Settings.put(t, Settings.CURRENT_SITE, siteId.toString());
          }
          return isLocal;
        });
  }

  /** Whether the profile still works on its unattached local site. */
  public boolean onLocalSite() {
    Site s = LocationRepository.currentSite(tx.read());
    return LocationRepository.LOCAL_SITE_CODE.equals(s.code())
        && tx.read().fetchExists(SITES, SITES.ID.eq(s.id()).and(SITES.SERVER_VERSION.isNull()));
  }

  // ---------------------------------------------------------------- upserts

  private void upsert(DSLContext t, EntityType type, ObjectNode r, Instant now) {
    switch (type) {
      case SITES -> upsertSite(t, r, now);
      case LOCATIONS -> upsertLocation(t, r, now);
      case ITEMS -> upsertItem(t, r, now);
      case ITEM_NOTES -> upsertNote(t, r, now);
      case STOCK_MOVEMENTS -> upsertMovement(t, r, now);
      case STOCK_LEVELS -> upsertLevel(t, r, now);
      case STOCK_COUNTS -> upsertCount(t, r, now);
    }
  }

  /** Common sync fields; returns false when the stored row is already newer than {@code r}. */
  private static boolean syncFields(org.jooq.UpdatableRecord<?> row, ObjectNode r, Instant now) {
    Long version = r.hasNonNull("version") ? r.get("version").asLong() : null;
    Long stored = (Long) row.get("SERVER_VERSION");
    if (stored != null && version != null && version < stored) {
      return false;
    }
    UUID id = uuid(r, "id");
    row.set(field(row, "ID"), id);
    row.set(field(row, "SERVER_ID"), id);
    row.set(field(row, "SERVER_VERSION"), version);
    row.set(field(row, "SYNCED_AT"), now);
    Instant created = instant(r, "created_at");
    Instant updated = instant(r, "updated_at");
    if (row.get("CREATED_AT") == null) {
      row.set(field(row, "CREATED_AT"), created != null ? created : now);
    }
    row.set(field(row, "UPDATED_AT"), updated != null ? updated : now);
    row.set(field(row, "IS_DELETED"), false);
    if (row.get("VERSION") == null) {
      row.set(field(row, "VERSION"), 1L);
    }
    String status = (String) row.get("SYNC_STATUS");
    if (!CONFLICT.equals(status)) {
      row.set(field(row, "SYNC_STATUS"), SYNCED);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static <T> org.jooq.Field<T> field(org.jooq.Record row, String name) {
    return (org.jooq.Field<T>) row.field(name);
  }

  private static void store(org.jooq.UpdatableRecord<?> row, boolean insert) {
    if (insert) {
      row.insert();
    } else {
      row.update();
    }
  }

  private void upsertSite(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    SitesRecord row = t.selectFrom(SITES).where(SITES.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(SITES);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    String code = text(r, "code");
    freeCode(t, id, code);
    row.setCode(code);
    row.setName(text(r, "name"));
    store(row, insert);
  }

  private static void freeCode(DSLContext t, UUID id, String code) {
    t.update(SITES)
        .set(SITES.CODE, "#" + id)
        .where(SITES.CODE.eq(code))
        .and(SITES.ID.ne(id))
        .and(SITES.CODE.ne(LocationRepository.LOCAL_SITE_CODE))
        .execute();
  }

  private void upsertLocation(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    LocationsRecord row = t.selectFrom(LOCATIONS).where(LOCATIONS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(LOCATIONS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = uuid(r, "site_id");
    ensureSite(t, site, now);
    String code = text(r, "code");
    // A bin with this code that the server does not know (a rejected duplicate, a deleted one)
    // steps aside; its own queued create still carries what the user typed.
    String aside = "#" + id.toString().substring(0, 8) + "-" + code;
    t.update(LOCATIONS)
        .set(LOCATIONS.CODE, aside.length() <= TextField.LOCATION_CODE.max() ? aside : "#" + id)
        .where(LOCATIONS.SITE_ID.eq(site))
        .and(LOCATIONS.CODE.eq(code))
        .and(LOCATIONS.ID.ne(id))
        .execute();
    row.setSiteId(site);
    row.setCode(code);
    row.setZone(text(r, "zone"));
    row.setDescription(text(r, "description"));
    store(row, insert);
  }

  private void upsertItem(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    ItemsRecord row = t.selectFrom(ITEMS).where(ITEMS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(ITEMS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    String sku = text(r, "sku");
    String barcode = text(r, "barcode");
    // An item of ours with this SKU that the server does not know (a rejected duplicate) steps
    // aside as "#1a2b3c4d-SKU", readable in the list; its queued create keeps what the user typed.
    t.update(ITEMS)
        .set(
            ITEMS.SKU,
            DSL.inline("#")
                .concat(DSL.left(ITEMS.ID.cast(String.class), 8))
                .concat("-")
                .concat(DSL.left(ITEMS.SKU, TextField.SKU.max() - 10)))
        .where(ITEMS.SKU.eq(sku))
        .and(ITEMS.ID.ne(id))
        .execute();
    if (barcode != null) {
      t.update(ITEMS)
          .setNull(ITEMS.BARCODE)
          .where(ITEMS.BARCODE.eq(barcode))
          .and(ITEMS.ID.ne(id))
          .execute();
    }
    String oldName = row.getName();
    row.setSku(sku);
    row.setBarcode(barcode);
    row.setName(text(r, "name"));
    row.setDescription(text(r, "description"));
    row.setUnit(r.hasNonNull("unit") ? text(r, "unit") : "ea");
    row.setCategory(text(r, "category"));
    row.setReorderPoint(r.hasNonNull("reorder_point") ? r.get("reorder_point").asInt() : 0);
    if (r.hasNonNull("field_clock")) {
      row.setFieldClock(r.get("field_clock").toString());
    }
    store(row, insert);
    if (insert || !row.getName().equals(oldName)) {
      ItemRepository.replaceWords(t, id, row.getName());
    }
  }

  private void upsertNote(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    ItemNotesRecord row = t.selectFrom(ITEM_NOTES).where(ITEM_NOTES.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(ITEM_NOTES);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID item = uuid(r, "item_id");
    ensureItem(t, item, now);
    row.setItemId(item);
    row.setBody(text(r, "body"));
    row.setAuthor(text(r, "author"));
    JsonNode clock = r.get("field_clock");
    if (clock != null && clock.hasNonNull("body")) {
      row.setHlc(clock.get("body").asText());
    } else if (row.getHlc() == null) {
      row.setHlc(stamps.hlc().peek().toString());
    }
    store(row, insert);
  }

  private void upsertMovement(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    StockMovementsRecord row =
        t.selectFrom(STOCK_MOVEMENTS).where(STOCK_MOVEMENTS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_MOVEMENTS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = uuid(r, "site_id");
    UUID item = uuid(r, "item_id");
    UUID from = uuid(r, "from_location_id");
    UUID to = uuid(r, "to_location_id");
    ensureSite(t, site, now);
    ensureItem(t, item, now);
    ensureLocation(t, from, site, now);
    ensureLocation(t, to, site, now);
    row.setSiteId(site);
    row.setItemId(item);
    row.setFromLocationId(from);
    row.setToLocationId(to);
    row.setQuantity(decimal(r, "quantity"));
    row.setReason(text(r, "reason"));
    row.setReference(text(r, "reference"));
    Instant occurred = instant(r, "occurred_at");
    row.setOccurredAt(occurred != null ? occurred : now);
    row.setUserId(uuid(r, "user_id"));
    store(row, insert);
  }

  private void upsertLevel(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    UUID item = uuid(r, "item_id");
    UUID location = uuid(r, "location_id");
    t.deleteFrom(STOCK_LEVELS)
        .where(STOCK_LEVELS.ITEM_ID.eq(item))
        .and(STOCK_LEVELS.LOCATION_ID.eq(location))
        .and(STOCK_LEVELS.ID.ne(id))
        .execute();
    StockLevelsRecord row = t.selectFrom(STOCK_LEVELS).where(STOCK_LEVELS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_LEVELS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    row.setSiteId(uuid(r, "site_id"));
    row.setItemId(item);
    row.setLocationId(location);
    row.setQuantity(decimal(r, "quantity"));
    store(row, insert);
  }

  private void upsertCount(DSLContext t, ObjectNode r, Instant now) {
    UUID id = uuid(r, "id");
    StockCountsRecord row = t.selectFrom(STOCK_COUNTS).where(STOCK_COUNTS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_COUNTS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = uuid(r, "site_id");
    UUID item = uuid(r, "item_id");
    UUID location = uuid(r, "location_id");
    ensureSite(t, site, now);
    ensureItem(t, item, now);
    ensureLocation(t, location, site, now);
    row.setSiteId(site);
    row.setItemId(item);
    row.setLocationId(location);
    row.setCountedQuantity(decimal(r, "counted_quantity"));
    row.setExpectedQuantity(decimal(r, "expected_quantity"));
    Instant counted = instant(r, "counted_at");
    row.setCountedAt(counted != null ? counted : now);
    row.setStatus(text(r, "status"));
    store(row, insert);
  }

  // Placeholders keep foreign keys whole when a referenced record is not (or no longer) served,
  // e.g. a bin deleted before this profile's first pull. A later pull of the real record
  // overwrites them (server version 0 sorts before any real one).

  private static void ensureSite(DSLContext t, UUID id, Instant now) {
    if (id == null || t.fetchExists(SITES, SITES.ID.eq(id))) {
      return;
    }
    SitesRecord s = t.newRecord(SITES);
    placeholder(s, id, now);
    s.setCode("#" + id);
    s.setName("(unknown site)");
    s.insert();
  }

  private static void ensureItem(DSLContext t, UUID id, Instant now) {
    if (id == null || t.fetchExists(ITEMS, ITEMS.ID.eq(id))) {
      return;
    }
    ItemsRecord i = t.newRecord(ITEMS);
    placeholder(i, id, now);
    i.setSku("#" + id);
    i.setName("(unknown item)");
    i.setUnit("ea");
    i.setReorderPoint(0);
    i.insert();
  }

  private static void ensureLocation(DSLContext t, UUID id, UUID site, Instant now) {
    if (id == null || t.fetchExists(LOCATIONS, LOCATIONS.ID.eq(id))) {
      return;
    }
    ensureSite(t, site, now);
    LocationsRecord l = t.newRecord(LOCATIONS);
    placeholder(l, id, now);
    l.setSiteId(site);
    l.setCode("#" + id);
    l.insert();
  }

  private static void placeholder(org.jooq.UpdatableRecord<?> row, UUID id, Instant now) {
    row.set(field(row, "ID"), id);
    row.set(field(row, "SERVER_ID"), id);
    row.set(field(row, "CREATED_AT"), now);
    row.set(field(row, "UPDATED_AT"), now);
    row.set(field(row, "IS_DELETED"), true);
    row.set(field(row, "VERSION"), 1L);
    row.set(field(row, "SERVER_VERSION"), 0L);
    row.set(field(row, "SYNC_STATUS"), SYNCED);
  }

  private static int markDeleted(DSLContext t, EntityType type, UUID id, Instant now) {
    org.jooq.Table<?> table = table(type);
    return t.update(table)
        .set(table.field("IS_DELETED", Boolean.class), true)
        .set(table.field("SYNC_STATUS", String.class), SYNCED)
        .set(table.field("SYNCED_AT", Instant.class), now)
        .where(table.field("ID", UUID.class).eq(id))
        .execute();
  }

  private static void stampSynced(
      DSLContext t,
      EntityType type,
      UUID id,
      UUID serverId,
      Long serverVersion,
      Instant now,
      boolean settled) {
    org.jooq.Table<?> table = table(type);
    var update =
        t.update(table)
            .set(table.field("SERVER_ID", UUID.class), serverId != null ? serverId : id)
            .set(table.field("SYNCED_AT", Instant.class), now);
    var withVersion =
        serverVersion == null
            ? update
            : update.set(table.field("SERVER_VERSION", Long.class), serverVersion);
    var withStatus =
        settled ? withVersion.set(table.field("SYNC_STATUS", String.class), SYNCED) : withVersion;
    var where = withStatus.where(table.field("ID", UUID.class).eq(id));
    if (settled) {
      // A record the user must still settle keeps its conflict flag.
      where.and(table.field("SYNC_STATUS", String.class).ne(CONFLICT)).execute();
    } else {
      where.execute();
    }
  }

  private static void setStatus(DSLContext t, EntityType type, UUID id, String status) {
    org.jooq.Table<?> table = table(type);
    t.update(table)
        .set(table.field("SYNC_STATUS", String.class), status)
        .where(table.field("ID", UUID.class).eq(id))
        .execute();
  }

  private static org.jooq.Table<?> table(EntityType type) {
    return switch (type) {
      case SITES -> SITES;
      case LOCATIONS -> LOCATIONS;
      case ITEMS -> ITEMS;
      case ITEM_NOTES -> ITEM_NOTES;
      case STOCK_MOVEMENTS -> STOCK_MOVEMENTS;
      case STOCK_LEVELS -> STOCK_LEVELS;
      case STOCK_COUNTS -> STOCK_COUNTS;
    };
  }

  // ---------------------------------------------------------------- JSON helpers

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static UUID uuid(JsonNode r, String field) {
    String s = text(r, field);
    return s == null ? null : UUID.fromString(s);
  }

  private static BigDecimal decimal(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || v.isNull()) {
      return BigDecimal.ZERO;
    }
    return (v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText()))
        .setScale(3, java.math.RoundingMode.UNNECESSARY);
  }

  private static Instant instant(JsonNode r, String field) {
    String s = text(r, field);
    return s == null ? null : parseInstant(s);
  }

  /**
   * An ISO-8601 instant. The form the server sends ({@code 2026-04-09T10:00:00.000Z}) is read by
   * hand: {@link Instant#parse} on the two stamps of every record was a tenth of a first sync's
   * local apply. Anything else goes to {@link Instant#parse}; an impossible date fails either way.
   */
  static Instant parseInstant(String s) {
    if (s.length() != 24
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.'
        || s.charAt(23) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = digits(s, 20, 3);
    if ((year | month | day | hour | minute | second | millis) < 0) {
      return Instant.parse(s); // not all digits: let it say what is wrong
    }
    return java.time.LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
        .toInstant(java.time.ZoneOffset.UTC);
  }

  /** The number in {@code s} at {@code from}, {@code count} ASCII digits long, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
