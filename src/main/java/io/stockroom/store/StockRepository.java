package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.MovementFilter;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.Locations;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of the ledger: movements, pulled levels and counts. Reads resolve codes in one join. */
final class StockRepository {

  private static final Locations FROM = LOCATIONS.as("from_loc");
  private static final Locations TO = LOCATIONS.as("to_loc");

  void insertMovement(DSLContext t, StockMovementsRecord r) {
    t.executeInsert(r);
  }

  void insertCount(DSLContext t, StockCountsRecord r) {
    t.executeInsert(r);
  }

  /** Levels of one item, optionally in one location. */
  List<Ledger.Level> levels(DSLContext ctx, UUID itemId, UUID locationId) {
    Condition where = STOCK_LEVELS.ITEM_ID.eq(itemId);
    if (locationId != null) {
      where = where.and(STOCK_LEVELS.LOCATION_ID.eq(locationId));
    }
    return levels(ctx, where).stream().map(Keyed::value).toList();
  }

  /** Movements of one item, optionally only those touching one location. */
  List<Ledger.Move> moves(DSLContext ctx, UUID itemId, UUID locationId) {
    Condition where = STOCK_MOVEMENTS.ITEM_ID.eq(itemId);
    if (locationId != null) {
      where =
          where.and(
              STOCK_MOVEMENTS
                  .FROM_LOCATION_ID
                  .eq(locationId)
                  .or(STOCK_MOVEMENTS.TO_LOCATION_ID.eq(locationId)));
    }
    return moves(ctx, where).stream().map(Keyed::value).toList();
  }

  /** Corrections of the counts of one item still pending, optionally in one location. */
  List<Ledger.Correction> pendingCorrections(DSLContext ctx, UUID itemId, UUID locationId) {
    Condition where = STOCK_COUNTS.ITEM_ID.eq(itemId);
    if (locationId != null) {
      where = where.and(STOCK_COUNTS.LOCATION_ID.eq(locationId));
    }
    return corrections(ctx, where).stream().map(Keyed::value).toList();
  }

  /** The ledger rows of several items at once (a page of the items list), by item. */
  record Ledgers(
      Map<UUID, List<Ledger.Level>> levels,
      Map<UUID, List<Ledger.Move>> moves,
      Map<UUID, List<Ledger.Correction>> corrections) {

    /** Each item's total on hand over its locations; items without ledger rows have none. */
    Map<UUID, BigDecimal> totals() {
      Set<UUID> ids = new HashSet<>(levels.keySet());
      ids.addAll(moves.keySet());
      ids.addAll(corrections.keySet());
      Map<UUID, BigDecimal> totals = new HashMap<>();
      for (UUID id : ids) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal q :
            Ledger.onHand(
                    levels.getOrDefault(id, List.of()),
                    moves.getOrDefault(id, List.of()),
                    corrections.getOrDefault(id, List.of()))
                .values()) {
          total = total.add(q);
        }
        totals.put(id, Quantities.normalize(total));
      }
      return totals;
    }
  }

  /** The ledger rows of the given items, or with null of every item. */
  Ledgers ledgers(DSLContext ctx, Collection<UUID> itemIds) {
    return new Ledgers(
        byItem(levels(ctx, ofItems(STOCK_LEVELS.ITEM_ID, itemIds))),
        byItem(moves(ctx, ofItems(STOCK_MOVEMENTS.ITEM_ID, itemIds))),
        byItem(corrections(ctx, ofItems(STOCK_COUNTS.ITEM_ID, itemIds))));
  }

  private static Condition ofItems(org.jooq.Field<UUID> itemId, Collection<UUID> itemIds) {
    return itemIds == null ? DSL.noCondition() : itemId.in(itemIds);
  }

  /** A ledger row with the item it belongs to. */
  private record Keyed<T>(UUID itemId, T value) {}

  private static <T> Map<UUID, List<T>> byItem(List<Keyed<T>> rows) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Keyed::itemId, Collectors.mapping(Keyed::value, Collectors.toList())));
  }

  private static List<Keyed<Ledger.Level>> levels(DSLContext ctx, Condition where) {
    return ctx.select(
            STOCK_LEVELS.ITEM_ID,
            STOCK_LEVELS.LOCATION_ID,
            STOCK_LEVELS.QUANTITY,
            STOCK_LEVELS.SERVER_VERSION)
        .from(STOCK_LEVELS)
        .where(where.and(STOCK_LEVELS.IS_DELETED.isFalse()))
        .fetch(r -> new Keyed<>(r.value1(), new Ledger.Level(r.value2(), r.value3(), r.value4())));
  }

  private static List<Keyed<Ledger.Move>> moves(DSLContext ctx, Condition where) {
    return ctx.select(
            STOCK_MOVEMENTS.ITEM_ID,
            STOCK_MOVEMENTS.FROM_LOCATION_ID,
            STOCK_MOVEMENTS.TO_LOCATION_ID,
            STOCK_MOVEMENTS.QUANTITY,
            STOCK_MOVEMENTS.SERVER_VERSION,
            STOCK_MOVEMENTS.SYNC_STATUS)
        .from(STOCK_MOVEMENTS)
        .where(where.and(STOCK_MOVEMENTS.IS_DELETED.isFalse()))
        .fetch(
            r ->
                new Keyed<>(
                    r.value1(),
                    new Ledger.Move(r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
  }

  private static List<Keyed<Ledger.Correction>> corrections(DSLContext ctx, Condition where) {
    return ctx.select(
            STOCK_COUNTS.ITEM_ID,
            STOCK_COUNTS.LOCATION_ID,
            STOCK_COUNTS.COUNTED_QUANTITY.minus(STOCK_COUNTS.EXPECTED_QUANTITY))
        .from(STOCK_COUNTS)
        .where(
            where
                .and(STOCK_COUNTS.SYNC_STATUS.eq(SyncStatus.PENDING.dbValue()))
                .and(STOCK_COUNTS.IS_DELETED.isFalse()))
        .fetch(r -> new Keyed<>(r.value1(), new Ledger.Correction(r.value2(), r.value3())));
  }

  /** Codes of the given locations. */
  Map<UUID, String> codes(DSLContext ctx, Collection<UUID> locationIds) {
    return ctx.select(LOCATIONS.ID, LOCATIONS.CODE)
        .from(LOCATIONS)
        .where(LOCATIONS.ID.in(locationIds))
        .fetchMap(LOCATIONS.ID, LOCATIONS.CODE);
  }

  /** Movements newest first, with item and location codes resolved in the same query. */
  List<StockMovement> movements(DSLContext ctx, MovementFilter filter, int limit) {
    return movements(ctx, null, filter, limit);
  }

  /** {@link MovementFilter#matches} in SQL: the same rule, on the joined item and bin codes. */
  List<StockMovement> movements(DSLContext ctx, UUID itemId, MovementFilter filter, int limit) {
    Condition where = STOCK_MOVEMENTS.IS_DELETED.isFalse();
    if (itemId != null) {
      where = where.and(STOCK_MOVEMENTS.ITEM_ID.eq(itemId));
    }
    if (filter.item() != null) {
      String start = SearchText.prefixPattern(filter.item());
      String word = "% " + start;
      char esc = SearchText.ESCAPE;
      where =
          where.and(
              ITEMS
                  .SKU
                  .like(start, esc)
                  .or(ITEMS.NAME.like(start, esc))
                  .or(ITEMS.NAME.like(word, esc)));
    }
    if (filter.bin() != null) {
      where = where.and(FROM.CODE.eq(filter.bin()).or(TO.CODE.eq(filter.bin())));
    }
    if (filter.reason() != null) {
      where = where.and(STOCK_MOVEMENTS.REASON.eq(filter.reason().wireName()));
    }
    if (filter.from() != null) {
      where = where.and(STOCK_MOVEMENTS.OCCURRED_AT.ge(filter.from()));
    }
    if (filter.until() != null) {
      where = where.and(STOCK_MOVEMENTS.OCCURRED_AT.lt(filter.until()));
    }
    return ctx.select(STOCK_MOVEMENTS.asterisk(), ITEMS.SKU, ITEMS.NAME, FROM.CODE, TO.CODE)
        .from(STOCK_MOVEMENTS)
        .join(ITEMS)
        .on(ITEMS.ID.eq(STOCK_MOVEMENTS.ITEM_ID))
        .leftJoin(FROM)
        .on(FROM.ID.eq(STOCK_MOVEMENTS.FROM_LOCATION_ID))
        .leftJoin(TO)
        .on(TO.ID.eq(STOCK_MOVEMENTS.TO_LOCATION_ID))
        .where(where)
        .orderBy(
            STOCK_MOVEMENTS.OCCURRED_AT.desc(),
            STOCK_MOVEMENTS.CREATED_AT.desc(),
            STOCK_MOVEMENTS.ID.desc())
        .limit(Math.max(0, limit))
        .fetch(StockRepository::toMovement);
  }

  List<StockCount> counts(DSLContext ctx, UUID itemId) {
    return ctx.selectFrom(STOCK_COUNTS)
        .where(STOCK_COUNTS.ITEM_ID.eq(itemId))
        .and(STOCK_COUNTS.IS_DELETED.isFalse())
        .orderBy(STOCK_COUNTS.COUNTED_AT.desc(), STOCK_COUNTS.ID)
        .fetch(StockRepository::toCount);
  }

  private static StockMovement toMovement(Record r) {
    StockMovementsRecord m = r.into(STOCK_MOVEMENTS);
    return new StockMovement(
        m.getId(),
        m.getItemId(),
        r.get(ITEMS.SKU),
        r.get(ITEMS.NAME),
        m.getFromLocationId(),
        r.get(FROM.CODE),
        m.getToLocationId(),
        r.get(TO.CODE),
        m.getQuantity(),
        MovementReason.fromWireName(m.getReason()).orElseThrow(),
        m.getReference(),
        m.getOccurredAt(),
        SyncStatus.fromDb(m.getSyncStatus()));
  }

  static StockCount toCount(StockCountsRecord r) {
    return new StockCount(
        r.getId(),
        r.getItemId(),
        r.getLocationId(),
        r.getCountedQuantity(),
        r.getExpectedQuantity(),
        r.getCountedAt(),
        r.getStatus(),
        SyncStatus.fromDb(r.getSyncStatus()));
  }
}
