package io.stockroom.server;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.server.store.jooq.Tables.LOCATIONS;
import static io.stockroom.server.store.jooq.Tables.LOCATION_ALIASES;
import static io.stockroom.server.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.server.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.server.store.jooq.Tables.STOCK_MOVEMENTS;
import static io.stockroom.server.store.jooq.Tables.SYNC_STATE;

import io.stockroom.server.store.ServerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Deletes tombstones older than the retention and raises the tombstone horizon to the highest
 * version it removed: a cursor below the horizon may have missed a deletion and gets {@code 410
 * cursor_expired}. Rows still referenced (an item with movements, a bin with stock) stay as
 * tombstones. Sites are never purged.
 */
public final class TombstonePurger {

  private final ServerStore store;
  private final Clock clock;
  private final Duration retention;

  public TombstonePurger(ServerStore store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  /** Purges once; returns the number of rows removed. */
  public int purge() {
    Instant cutoff = clock.instant().minus(retention);
    return store.write(
        w -> {
          DSLContext dsl = w.dsl();
          long horizon = 0;
          int removed = 0;
          var notes = ITEM_NOTES.IS_DELETED.isTrue().and(ITEM_NOTES.UPDATED_AT.lt(cutoff));
          horizon = Math.max(horizon, max(dsl, ITEM_NOTES.VERSION, ITEM_NOTES, notes));
          removed += dsl.deleteFrom(ITEM_NOTES).where(notes).execute();

          var items =
              ITEMS
                  .IS_DELETED
                  .isTrue()
                  .and(ITEMS.UPDATED_AT.lt(cutoff))
                  .andNotExists(
                      dsl.selectOne().from(ITEM_NOTES).where(ITEM_NOTES.ITEM_ID.eq(ITEMS.ID)))
                  .andNotExists(
                      dsl.selectOne()
                          .from(STOCK_MOVEMENTS)
                          .where(STOCK_MOVEMENTS.ITEM_ID.eq(ITEMS.ID)))
                  .andNotExists(
                      dsl.selectOne().from(STOCK_LEVELS).where(STOCK_LEVELS.ITEM_ID.eq(ITEMS.ID)))
                  .andNotExists(
                      dsl.selectOne().from(STOCK_COUNTS).where(STOCK_COUNTS.ITEM_ID.eq(ITEMS.ID)));
          horizon = Math.max(horizon, max(dsl, ITEMS.VERSION, ITEMS, items));
          removed += dsl.deleteFrom(ITEMS).where(items).execute();

          var locations =
              LOCATIONS
                  .IS_DELETED
                  .isTrue()
                  .and(LOCATIONS.UPDATED_AT.lt(cutoff))
                  .andNotExists(
                      dsl.selectOne()
                          .from(STOCK_MOVEMENTS)
                          .where(
                              STOCK_MOVEMENTS
                                  .FROM_LOCATION_ID
                                  .eq(LOCATIONS.ID)
                                  .or(STOCK_MOVEMENTS.TO_LOCATION_ID.eq(LOCATIONS.ID))))
                  .andNotExists(
                      dsl.selectOne()
                          .from(STOCK_LEVELS)
                          .where(STOCK_LEVELS.LOCATION_ID.eq(LOCATIONS.ID)))
                  .andNotExists(
                      dsl.selectOne()
                          .from(STOCK_COUNTS)
                          .where(STOCK_COUNTS.LOCATION_ID.eq(LOCATIONS.ID)))
                  // A laptop may still name the bin by an alias (decision record 0042).
                  .andNotExists(
                      dsl.selectOne()
                          .from(LOCATION_ALIASES)
                          .where(LOCATION_ALIASES.LOCATION_ID.eq(LOCATIONS.ID)));
          horizon = Math.max(horizon, max(dsl, LOCATIONS.VERSION, LOCATIONS, locations));
          removed += dsl.deleteFrom(LOCATIONS).where(locations).execute();

          if (horizon > 0) {
            dsl.update(SYNC_STATE)
                .set(
                    SYNC_STATE.TOMBSTONE_HORIZON,
                    DSL.greatest(SYNC_STATE.TOMBSTONE_HORIZON, DSL.val(horizon)))
                .where(SYNC_STATE.ID.eq(1))
                .execute();
          }
          return removed;
        });
  }

  private static long max(
      DSLContext dsl,
      org.jooq.Field<Long> version,
      org.jooq.Table<?> table,
      org.jooq.Condition where) {
    Long v = dsl.select(DSL.max(version)).from(table).where(where).fetchOne(0, Long.class);
    return v == null ? 0 : v;
  }
}
