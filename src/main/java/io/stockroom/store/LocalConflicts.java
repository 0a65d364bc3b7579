package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static io.stockroom.store.jooq.Tables.SYNC_CONFLICTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.store.jooq.tables.records.SyncConflictsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The conflicts inbox over the local store. Settling an entry queues the user's choice as a new
 * outbox row (its own idempotency key) through the same paths as any local edit; the sync agent
 * pushes it at its next cycle.
 */
final class LocalConflicts implements ConflictService {

  private final Tx tx;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final ConflictInbox inbox;
  private final SyncLog log;
  private final LocalCatalog catalog;

  LocalConflicts(
      Tx tx,
      Stamps stamps,
      MutationQueue queue,
      ConflictInbox inbox,
      SyncLog log,
      LocalCatalog catalog) {
    this.tx = tx;
    this.stamps = stamps;
    this.queue = queue;
    this.inbox = inbox;
    this.log = log;
    this.catalog = catalog;
  }

  @Override
  public List<SyncConflict> list(boolean settled) {
    return inbox.conflicts(!settled);
  }

  @Override
  public int openCount() {
    return inbox.conflicts(true).size();
  }

  private SyncConflict find(UUID conflictId) {
    return inbox.conflicts(false).stream()
        .filter(c -> c.id().equals(conflictId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no conflict " + conflictId));
  }

  @Override
  public ItemConflict item(UUID conflictId) {
    SyncConflict c = find(conflictId);
    JsonNode payload = json(c.localPayload());
    JsonNode data = payload.path("data");
    JsonNode base = payload.path("base");
    JsonNode server = json(c.serverRecord());
    List<ItemConflict.Field> fields = new ArrayList<>();
    for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      ItemField.fromWireName(name)
          .ifPresent(
              f ->
                  fields.add(
                      new ItemConflict.Field(
                          f,
                          text(data.get(name)),
                          text(server.get(name)),
                          base.has(name)
                              ? java.util.Objects.requireNonNullElse(text(base.get(name)), "")
                              : null,
                          c.fields().contains(name))));
    }
    fields.sort((a, b) -> a.field().compareTo(b.field()));
    String label =
        text(server.get("sku")) + " " + (server.hasNonNull("name") ? text(server.get("name")) : "");
    return new ItemConflict(conflictId, c.entityId(), label.strip(), fields);
  }

  @Override
  public CountConflict count(UUID conflictId) {
    SyncConflict c = find(conflictId);
    JsonNode server = json(c.serverRecord());
    JsonNode data = json(c.localPayload()).path("data");
    DSLContext t = tx.read();
    var row =
        t.select(
                ITEMS.SKU,
                ITEMS.NAME,
                LOCATIONS.CODE,
                STOCK_COUNTS.ITEM_ID,
                STOCK_COUNTS.LOCATION_ID,
                STOCK_COUNTS.COUNTED_AT)
            .from(STOCK_COUNTS)
            .join(ITEMS)
            .on(ITEMS.ID.eq(STOCK_COUNTS.ITEM_ID))
            .join(LOCATIONS)
            .on(LOCATIONS.ID.eq(STOCK_COUNTS.LOCATION_ID))
            .where(STOCK_COUNTS.ID.eq(c.entityId()))
            .fetchOne();
    return new CountConflict(
        conflictId,
        c.entityId(),
        row == null ? "?" : row.value1() + " " + row.value2(),
        row == null ? "?" : row.value3(),
        decimal(data.has("counted_quantity") ? data : server, "counted_quantity"),
        decimal(data.has("expected_quantity") ? data : server, "expected_quantity"),
        decimal(server, "current_quantity"),
        row == null
            ? List.of()
            : unseen(t, row.value4(), row.value5(), row.value6(), uuid(server.get("user_id"))));
  }

  /**
   * The moves of the item at the location that the count did not include: made on this laptop after
   * the count, or received from the server after it (whenever they happened elsewhere: what the
   * count expected was what this laptop knew). Both sides of that test are this laptop's clock.
   */
  private static List<CountConflict.Move> unseen(
      DSLContext t, UUID itemId, UUID locationId, Instant countedAt, UUID counter) {
    var madeHere =
        DSL.exists(
            DSL.selectOne()
                .from(MUTATION_QUEUE)
                .where(MUTATION_QUEUE.ENTITY_ID.eq(STOCK_MOVEMENTS.ID))
                .and(MUTATION_QUEUE.ENTITY_TYPE.eq(EntityType.STOCK_MOVEMENTS.wireName())));
    return t.select(
            STOCK_MOVEMENTS.FROM_LOCATION_ID,
            STOCK_MOVEMENTS.TO_LOCATION_ID,
            STOCK_MOVEMENTS.QUANTITY,
            STOCK_MOVEMENTS.REASON,
            STOCK_MOVEMENTS.REFERENCE,
            STOCK_MOVEMENTS.OCCURRED_AT,
            STOCK_MOVEMENTS.USER_ID,
            DSL.field(madeHere))
        .from(STOCK_MOVEMENTS)
        .where(STOCK_MOVEMENTS.ITEM_ID.eq(itemId))
        .and(
            STOCK_MOVEMENTS
                .FROM_LOCATION_ID
                .eq(locationId)
                .or(STOCK_MOVEMENTS.TO_LOCATION_ID.eq(locationId)))
        .and(STOCK_MOVEMENTS.IS_DELETED.isFalse())
        .and(
            DSL.when(madeHere, STOCK_MOVEMENTS.OCCURRED_AT)
                .otherwise(STOCK_MOVEMENTS.SYNCED_AT)
                .gt(countedAt))
        .orderBy(STOCK_MOVEMENTS.OCCURRED_AT)
        .fetch(
            r -> {
              BigDecimal q = r.value3().stripTrailingZeros();
              BigDecimal change =
                  (locationId.equals(r.value2()) ? q : BigDecimal.ZERO)
                      .subtract(locationId.equals(r.value1()) ? q : BigDecimal.ZERO);
              CountConflict.Mover by =
                  Boolean.TRUE.equals(r.value8())
                      ? CountConflict.Mover.THIS_LAPTOP
                      : counter != null && counter.equals(r.value7())
                          ? CountConflict.Mover.YOU_ELSEWHERE
                          : CountConflict.Mover.SOMEONE_ELSE;
              return new CountConflict.Move(
                  MovementReason.fromWireName(r.value4()).orElse(MovementReason.ADJUST),
                  change,
                  r.value5(),
                  r.value6(),
                  by);
            });
  }

  @Override
  public void resolveItem(UUID conflictId, Map<ItemField, String> values) {
    SyncConflict c = find(conflictId);
    tx.run(
        t -> {
          requireOpen(t, conflictId);
          String before = itemSnapshot(t, c.entityId());
          // The user's picks apply to the server's side: what is queued is what differs from it.
          inbox.adoptServerSide(t, conflictId);
          Item current =
              ItemRepository.toDomain(
                  t.selectFrom(ITEMS)
                      .where(ITEMS.ID.eq(c.entityId()).and(ITEMS.IS_DELETED.isFalse()))
                      .fetchOptional()
                      .orElseThrow(
                          () -> new ValidationException("item", "The item no longer exists.")));
          LocalCatalog.Updated u =
              catalog.updateIn(t, c.entityId(), settled(current, values), true);
          inbox.resolve(t, conflictId, "merged", u.mutationId(), before);
        });
  }

  private static ItemDraft settled(Item current, Map<ItemField, String> values) {
    Map<ItemField, Object> fields = new EnumMap<>(current.toDraft().fields());
    values.forEach(
        (f, v) -> {
          if (f == ItemField.REORDER_POINT) {
            fields.put(f, v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip()));
          } else {
            fields.put(f, v);
          }
        });
    ItemDraft draft =
        new ItemDraft(
            (String) fields.get(ItemField.SKU),
            (String) fields.get(ItemField.BARCODE),
            (String) fields.get(ItemField.NAME),
            (String) fields.get(ItemField.DESCRIPTION),
            (String) fields.get(ItemField.UNIT),
            (String) fields.get(ItemField.CATEGORY),
            (Integer) fields.get(ItemField.REORDER_POINT));
    return draft;
  }

  private static String itemSnapshot(DSLContext t, UUID itemId) {
    ItemsRecord row = t.selectFrom(ITEMS).where(ITEMS.ID.eq(itemId)).fetchSingle();
    ObjectNode snap = Payloads.JSON.createObjectNode();
    LocalCatalog.data(ItemRepository.toDomain(row).toDraft().fields())
        .node
        .properties()
        .forEach(e -> snap.set(e.getKey(), e.getValue()));
    ObjectNode out = Payloads.JSON.createObjectNode();
    out.set("fields", snap);
    out.put("field_clock", row.getFieldClock());
    return out.toString();
  }

  private static void requireOpen(DSLContext t, UUID conflictId) {
    if (!t.fetchExists(
        SYNC_CONFLICTS, SYNC_CONFLICTS.ID.eq(conflictId).and(SYNC_CONFLICTS.STATUS.eq("open")))) {
      throw new ValidationException("conflict", "This conflict was already settled.");
    }
  }

  @Override
  public boolean canUndo(UUID conflictId) {
    DSLContext t = tx.read();
    SyncConflictsRecord c =
        t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchOne();
    return c != null && undoable(t, c);
  }

  /**
   * A choice the user made (never one the policy made by itself) can be taken back until it is
   * sent: its queued mutation is still pending and untried, or, when it queued nothing, no sync has
   * reached the server since.
   */
  private boolean undoable(DSLContext t, SyncConflictsRecord c) {
    if (!"resolved".equals(c.getStatus()) || c.getUndoState() == null) {
      return false;
    }
    if (c.getResolutionMutationId() != null) {
      return queue.unsent(t, c.getResolutionMutationId());
    }
    return log.lastSuccess().map(last -> last.isBefore(c.getResolvedAt())).orElse(true);
  }

  @Override
  public void undo(UUID conflictId) {
    tx.run(
        t -> {
          SyncConflictsRecord c =
              t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchOne();
          if (c == null || !undoable(t, c)) {
            throw new ValidationException(
                "conflict",
                "That choice was already sent to the server; it can no longer be undone.");
          }
          if (c.getResolutionMutationId() != null
              && !queue.withdraw(t, c.getResolutionMutationId(), "taken back by the user")) {
            throw new ValidationException(
                "conflict",
                "That choice was already sent to the server; it can no longer be undone.");
          }
          JsonNode before = json(c.getUndoState());
          if (EntityType.ITEMS.wireName().equals(c.getEntityType()) && before.has("fields")) {
            JsonNode f = before.get("fields");
            ItemDraft draft =
                new ItemDraft(
                    text(f.get("sku")),
                    text(f.get("barcode")),
                    text(f.get("name")),
                    text(f.get("description")),
                    text(f.get("unit")),
                    text(f.get("category")),
                    f.hasNonNull("reorder_point") ? f.get("reorder_point").asInt() : 0);
            catalog.restore(t, c.getEntityId(), draft, text(before.get("field_clock")));
          }
          inbox.reopen(t, c);
        });
  }

  @Override
  public void resolveCount(UUID conflictId, CountResolution resolution) {
    SyncConflict c = find(conflictId);
    String wire = resolution == CountResolution.APPLY_ANYWAY ? "apply_anyway" : "discard";
    tx.run(
        t -> {
          requireOpen(t, conflictId);
          StockCountsRecord row =
              t.selectFrom(STOCK_COUNTS).where(STOCK_COUNTS.ID.eq(c.entityId())).fetchSingle();
          row.setVersion(row.getVersion() + 1);
          row.setUpdatedAt(stamps.now());
          row.setSyncStatus(SyncStatus.PENDING.dbValue());
          row.update();
          UUID mutation =
              queue.enqueueAlone(
                  t,
                  EntityType.STOCK_COUNTS,
                  MutationAction.UPDATE,
                  c.entityId(),
                  Payloads.payload(
                      new Payloads.Data().put("resolution", wire),
                      null,
                      row.getVersion(),
                      stamps.now()),
                  row.getServerVersion());
          inbox.resolve(
              t, conflictId, resolution.name().toLowerCase(java.util.Locale.ROOT), mutation, "{}");
        });
  }

  @Override
  public void dismiss(UUID conflictId) {
    SyncConflict c = find(conflictId);
    if (c.open()) {
      tx.run(
          t -> {
            String before =
                c.entityType() == EntityType.ITEMS ? itemSnapshot(t, c.entityId()) : "{}";
            inbox.adoptServerSide(t, conflictId);
            inbox.resolve(t, conflictId, "kept_server", null, before);
          });
    }
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return Payloads.JSON.createObjectNode();
    }
    try {
      return Payloads.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable stored JSON", e);
    }
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  private static UUID uuid(JsonNode v) {
    return v == null || v.isNull() || v.asText().isBlank() ? null : UUID.fromString(v.asText());
  }

  private static BigDecimal decimal(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || v.isNull()) {
      return BigDecimal.ZERO;
    }
    return (v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText())).stripTrailingZeros();
  }
}
