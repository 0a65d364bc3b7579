package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conflicts inbox over the local store. Settling an entry queues the user's choice as a new
 * outbox row (its own idempotency key) through the same paths as any local edit; the sync agent
 * pushes it at its next cycle.
 */
final class LocalConflicts implements ConflictService {

  private final Tx tx;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final SyncStore sync;
  private final CatalogService catalog;

  LocalConflicts(
      Tx tx, Stamps stamps, MutationQueue queue, SyncStore sync, CatalogService catalog) {
    this.tx = tx;
    this.stamps = stamps;
    this.queue = queue;
    this.sync = sync;
    this.catalog = catalog;
  }

  @Override
  public List<SyncConflict> list(boolean settled) {
    return sync.conflicts(!settled);
  }

  @Override
  public int openCount() {
    return sync.conflicts(true).size();
  }

  private SyncConflict find(UUID conflictId) {
    return sync.conflicts(false).stream()
        .filter(c -> c.id().equals(conflictId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no conflict " + conflictId));
  }

  @Override
  public ItemConflict item(UUID conflictId) {
    SyncConflict c = find(conflictId);
    JsonNode data = json(c.localPayload()).path("data");
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
                          null,
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
    var row =
        tx.read()
            .select(ITEMS.SKU, ITEMS.NAME, LOCATIONS.CODE)
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
        decimal(server, "current_quantity"));
  }

  @Override
  public void resolveItem(UUID conflictId, Map<ItemField, String> values) {
    SyncConflict c = find(conflictId);
    Item current =
        catalog
            .get(c.entityId())
            .orElseThrow(() -> new ValidationException("item", "The item no longer exists."));
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
    // Queues only what differs from the server's values, based on the server's version.
    catalog.update(c.entityId(), draft);
    sync.resolve(conflictId, "merged");
  }

  @Override
  public void resolveCount(UUID conflictId, CountResolution resolution) {
    SyncConflict c = find(conflictId);
    String wire = resolution == CountResolution.APPLY_ANYWAY ? "apply_anyway" : "discard";
    tx.run(
        t -> {
          StockCountsRecord row =
              t.selectFrom(STOCK_COUNTS).where(STOCK_COUNTS.ID.eq(c.entityId())).fetchSingle();
          row.setVersion(row.getVersion() + 1);
          row.setUpdatedAt(stamps.now());
          row.setSyncStatus(SyncStatus.PENDING.dbValue());
          row.update();
          queue.enqueue(
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
        });
    sync.resolve(conflictId, resolution.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void dismiss(UUID conflictId) {
    SyncConflict c = find(conflictId);
    if (c.open()) {
      sync.resolve(conflictId, "kept_server");
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

  private static BigDecimal decimal(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || v.isNull()) {
      return BigDecimal.ZERO;
    }
    return (v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText())).stripTrailingZeros();
  }
}
