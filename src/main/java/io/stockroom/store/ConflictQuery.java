package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;

import io.stockroom.domain.ConflictSummary;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.SyncStatus;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Lists local records whose sync status is {@code conflict}, across the entities whose policy can
 * prompt the user (items, counts) or report an override (locations, notes).
 */
final class ConflictQuery {

  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private final Tx tx;

  ConflictQuery(Tx tx) {
    this.tx = tx;
  }

  List<ConflictSummary> list() {
    DSLContext ctx = tx.read();
    List<ConflictSummary> out = new ArrayList<>();
    ctx.select(ITEMS.ID, ITEMS.SKU, ITEMS.NAME)
        .from(ITEMS)
        .where(ITEMS.SYNC_STATUS.eq(CONFLICT))
        .orderBy(ITEMS.SKU)
        .forEach(
            r ->
                out.add(
                    new ConflictSummary(
                        EntityType.ITEMS, r.value1(), r.value2() + " " + r.value3())));
    ctx.select(LOCATIONS.ID, LOCATIONS.CODE)
        .from(LOCATIONS)
        .where(LOCATIONS.SYNC_STATUS.eq(CONFLICT))
        .orderBy(LOCATIONS.CODE)
        .forEach(r -> out.add(new ConflictSummary(EntityType.LOCATIONS, r.value1(), r.value2())));
    ctx.select(ITEM_NOTES.ID, ITEMS.SKU)
        .from(ITEM_NOTES)
        .join(ITEMS)
        .on(ITEMS.ID.eq(ITEM_NOTES.ITEM_ID))
        .where(ITEM_NOTES.SYNC_STATUS.eq(CONFLICT))
        .forEach(
            r ->
                out.add(
                    new ConflictSummary(
                        EntityType.ITEM_NOTES, r.value1(), "note on " + r.value2())));
    ctx.select(STOCK_COUNTS.ID, ITEMS.SKU, LOCATIONS.CODE)
        .from(STOCK_COUNTS)
        .join(ITEMS)
        .on(ITEMS.ID.eq(STOCK_COUNTS.ITEM_ID))
        .join(LOCATIONS)
        .on(LOCATIONS.ID.eq(STOCK_COUNTS.LOCATION_ID))
        .where(STOCK_COUNTS.SYNC_STATUS.eq(CONFLICT))
        .forEach(
            r ->
                out.add(
                    new ConflictSummary(
                        EntityType.STOCK_COUNTS,
                        r.value1(),
                        "count of " + r.value2() + " in " + r.value3())));
    return out;
  }
}
