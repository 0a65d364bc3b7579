package io.stockroom.server.wire;

import io.stockroom.domain.ItemField;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.ServerRecord;
import io.stockroom.server.store.jooq.tables.records.ItemNotesRecord;
import io.stockroom.server.store.jooq.tables.records.ItemsRecord;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.store.jooq.tables.records.SitesRecord;
import io.stockroom.server.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.server.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server rows as the records of PROTOCOL.md. Quantities lose their trailing zeros ({@code 5},
 * {@code 2.5}); an item's clock names every field, a field never written since the create carrying
 * the row's creation stamp.
 */
public final class RowRecords {

  private RowRecords() {}

  public static ServerRecord.Site site(SitesRecord r) {
    return new ServerRecord.Site(
        r.getId(), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt(), r.getCode(), r.getName());
  }

  public static ServerRecord.Location location(LocationsRecord r) {
    return new ServerRecord.Location(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSiteId(),
        r.getCode(),
        r.getZone(),
        r.getDescription());
  }

  public static ServerRecord.Item item(ItemsRecord r) {
    Map<String, String> written = ItemClocks.writtenStamps(r);
    Map<String, String> clock = new LinkedHashMap<>();
    for (ItemField f : ItemField.values()) {
      clock.put(f.wireName(), written.getOrDefault(f.wireName(), r.getHlc()));
    }
    return new ServerRecord.Item(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSku(),
        r.getBarcode(),
        r.getName(),
        r.getDescription(),
        r.getUnit(),
        r.getCategory(),
        r.getReorderPoint(),
        clock);
  }

  public static ServerRecord.Note note(ItemNotesRecord r) {
    Map<String, String> clock = new LinkedHashMap<>();
    clock.put("body", r.getHlc());
    return new ServerRecord.Note(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getItemId(),
        r.getBody(),
        r.getAuthor(),
        clock);
  }

  public static ServerRecord.Movement movement(StockMovementsRecord r) {
    return new ServerRecord.Movement(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSiteId(),
        r.getItemId(),
        r.getFromLocationId(),
        r.getToLocationId(),
        quantity(r.getQuantity()),
        r.getReason(),
        r.getReference(),
        r.getOccurredAt(),
        r.getUserId());
  }

  public static ServerRecord.Level level(StockLevelsRecord r) {
    return new ServerRecord.Level(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSiteId(),
        r.getItemId(),
        r.getLocationId(),
        quantity(r.getQuantity()));
  }

  public static ServerRecord.Count count(StockCountsRecord r) {
    return new ServerRecord.Count(
        r.getId(),
        r.getVersion(),
        r.getCreatedAt(),
        r.getUpdatedAt(),
        r.getSiteId(),
        r.getItemId(),
        r.getLocationId(),
        quantity(r.getCountedQuantity()),
        quantity(r.getExpectedQuantity()),
        quantity(r.getCurrentQuantity()),
        r.getCountedAt(),
        r.getStatus(),
        r.getUserId(),
        r.getMovementId());
  }

  /** A quantity without trailing zeros ({@code 5}, {@code 2.5}), written as a plain number. */
  public static BigDecimal quantity(BigDecimal value) {
    return Quantities.stripped(value);
  }
}
