package io.stockroom.server.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.WireTime;
import io.stockroom.server.store.jooq.tables.records.ItemNotesRecord;
import io.stockroom.server.store.jooq.tables.records.ItemsRecord;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.store.jooq.tables.records.SitesRecord;
import io.stockroom.server.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.server.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Server rows as the records of PROTOCOL.md: snake_case, ISO-8601 UTC millis, lowercase UUIDs. */
public final class RecordJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  public static ObjectNode site(SitesRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    o.put("code", r.getCode());
    o.put("name", r.getName());
    return o;
  }

  public static ObjectNode location(LocationsRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    uuid(o, "site_id", r.getSiteId());
    o.put("code", r.getCode());
    o.put("zone", r.getZone());
    o.put("description", r.getDescription());
    return o;
  }

  public static ObjectNode item(ItemsRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    o.put("sku", r.getSku());
    o.put("barcode", r.getBarcode());
    o.put("name", r.getName());
    o.put("description", r.getDescription());
    o.put("unit", r.getUnit());
    o.put("category", r.getCategory());
    o.put("reorder_point", r.getReorderPoint());
    ObjectNode clock = o.putObject("field_clock");
    Map<String, String> written = ItemClocks.writtenStamps(r);
    for (ItemField f : ItemField.values()) {
      clock.put(f.wireName(), written.getOrDefault(f.wireName(), r.getHlc()));
    }
    return o;
  }

  public static ObjectNode note(ItemNotesRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    uuid(o, "item_id", r.getItemId());
    o.put("body", r.getBody());
    o.put("author", r.getAuthor());
    o.putObject("field_clock").put("body", r.getHlc());
    return o;
  }

  public static ObjectNode movement(StockMovementsRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    uuid(o, "site_id", r.getSiteId());
    uuid(o, "item_id", r.getItemId());
    uuid(o, "from_location_id", r.getFromLocationId());
    uuid(o, "to_location_id", r.getToLocationId());
    o.put("quantity", quantity(r.getQuantity()));
    o.put("reason", r.getReason());
    o.put("reference", r.getReference());
    o.put("occurred_at", WireTime.format(r.getOccurredAt()));
    uuid(o, "user_id", r.getUserId());
    return o;
  }

  public static ObjectNode level(StockLevelsRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    uuid(o, "site_id", r.getSiteId());
    uuid(o, "item_id", r.getItemId());
    uuid(o, "location_id", r.getLocationId());
    o.put("quantity", quantity(r.getQuantity()));
    return o;
  }

  public static ObjectNode count(StockCountsRecord r) {
    ObjectNode o = base(r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    uuid(o, "site_id", r.getSiteId());
    uuid(o, "item_id", r.getItemId());
    uuid(o, "location_id", r.getLocationId());
    o.put("counted_quantity", quantity(r.getCountedQuantity()));
    o.put("expected_quantity", quantity(r.getExpectedQuantity()));
    o.put("current_quantity", quantity(r.getCurrentQuantity()));
    o.put("counted_at", WireTime.format(r.getCountedAt()));
    o.put("status", r.getStatus());
    uuid(o, "user_id", r.getUserId());
    uuid(o, "movement_id", r.getMovementId());
    return o;
  }

  /** A quantity as a plain JSON number without trailing zeros ({@code 5}, {@code 2.5}). */
  public static BigDecimal quantity(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static ObjectNode base(UUID id, long version, Instant created, Instant updated) {
    ObjectNode o = NODES.objectNode();
    uuid(o, "id", id);
    o.put("version", version);
    o.put("created_at", WireTime.format(created));
    o.put("updated_at", WireTime.format(updated));
    return o;
  }

  private static void uuid(ObjectNode o, String name, UUID value) {
    o.put(name, value == null ? null : value.toString());
  }
}
