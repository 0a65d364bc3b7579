package io.stockroom.server.pull;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.server.store.jooq.Tables.LOCATIONS;
import static io.stockroom.server.store.jooq.Tables.SITES;
import static io.stockroom.server.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.server.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.server.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.server.wire.RowRecords;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * What a pull needs to know of one entity's table: its id, version and tombstone columns, the
 * column that scopes it to a site ({@code null}: shared by every site) and its record.
 */
record EntityTable<R extends TableRecord<R>>(
    Table<R> table,
    Field<UUID> id,
    Field<Long> version,
    Field<Boolean> deleted,
    Field<UUID> site,
    Function<R, ServerRecord> record) {

  static EntityTable<?> of(EntityType type) {
    return switch (type) {
      case SITES ->
          new EntityTable<>(
              SITES, SITES.ID, SITES.VERSION, SITES.IS_DELETED, SITES.ID, RowRecords::site);
      case LOCATIONS ->
          new EntityTable<>(
              LOCATIONS,
              LOCATIONS.ID,
              LOCATIONS.VERSION,
              LOCATIONS.IS_DELETED,
              LOCATIONS.SITE_ID,
              RowRecords::location);
      case ITEMS ->
          new EntityTable<>(
              ITEMS, ITEMS.ID, ITEMS.VERSION, ITEMS.IS_DELETED, null, RowRecords::item);
      case ITEM_NOTES ->
          new EntityTable<>(
              ITEM_NOTES,
              ITEM_NOTES.ID,
              ITEM_NOTES.VERSION,
              ITEM_NOTES.IS_DELETED,
              null,
              RowRecords::note);
      case STOCK_MOVEMENTS ->
          new EntityTable<>(
              STOCK_MOVEMENTS,
              STOCK_MOVEMENTS.ID,
              STOCK_MOVEMENTS.VERSION,
              STOCK_MOVEMENTS.IS_DELETED,
              STOCK_MOVEMENTS.SITE_ID,
              RowRecords::movement);
      case STOCK_LEVELS ->
          new EntityTable<>(
              STOCK_LEVELS,
              STOCK_LEVELS.ID,
              STOCK_LEVELS.VERSION,
              STOCK_LEVELS.IS_DELETED,
              STOCK_LEVELS.SITE_ID,
              RowRecords::level);
      case STOCK_COUNTS ->
          new EntityTable<>(
              STOCK_COUNTS,
              STOCK_COUNTS.ID,
              STOCK_COUNTS.VERSION,
              STOCK_COUNTS.IS_DELETED,
              STOCK_COUNTS.SITE_ID,
              RowRecords::count);
    };
  }
}
