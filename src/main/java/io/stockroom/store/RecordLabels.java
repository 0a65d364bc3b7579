package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.SITES;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record3;

/**
 * What a conflict or a queued change is about, in the words a worker knows it by (issue 16): an
 * item by its SKU and name, a count or movement by its item and bins, a bin by its code; never its
 * id. Read from the local rows; a record no longer here falls back to a plain "(removed)".
 */
final class RecordLabels {

  private RecordLabels() {}

  static String of(DSLContext t, EntityType type, UUID id) {
    String label =
        switch (type) {
          case ITEMS -> item(t, id);
          case ITEM_NOTES ->
              prefixed(
                  "Note on ",
                  item(
                      t,
                      t.select(ITEM_NOTES.ITEM_ID)
                          .from(ITEM_NOTES)
                          .where(ITEM_NOTES.ID.eq(id))
                          .fetchOne(ITEM_NOTES.ITEM_ID)));
          case LOCATIONS -> prefixed("Bin ", bin(t, id));
          case SITES ->
              t.select(SITES.CODE).from(SITES).where(SITES.ID.eq(id)).fetchOne(SITES.CODE);
          case STOCK_COUNTS -> {
            Record2<UUID, UUID> c =
                t.select(STOCK_COUNTS.ITEM_ID, STOCK_COUNTS.LOCATION_ID)
                    .from(STOCK_COUNTS)
                    .where(STOCK_COUNTS.ID.eq(id))
                    .fetchOne();
            yield c == null ? null : sku(t, c.value1()) + " in " + bin(t, c.value2());
          }
          case STOCK_MOVEMENTS -> {
            Record3<UUID, UUID, UUID> m =
                t.select(
                        STOCK_MOVEMENTS.ITEM_ID,
                        STOCK_MOVEMENTS.FROM_LOCATION_ID,
                        STOCK_MOVEMENTS.TO_LOCATION_ID)
                    .from(STOCK_MOVEMENTS)
                    .where(STOCK_MOVEMENTS.ID.eq(id))
                    .fetchOne();
            yield m == null ? null : sku(t, m.value1()) + bins(t, m.value2(), m.value3());
          }
          case STOCK_LEVELS -> null;
        };
    return label == null ? "(removed)" : label;
  }

  /** " from A-01", " into B-02" or " from A-01 to B-02". */
  private static String bins(DSLContext t, UUID from, UUID to) {
    if (from != null && to != null) {
      return " from " + bin(t, from) + " to " + bin(t, to);
    }
    if (from != null) {
      return " from " + bin(t, from);
    }
    return to == null ? "" : " into " + bin(t, to);
  }

  private static String prefixed(String prefix, String what) {
    return what == null ? null : prefix + what;
  }

  private static String item(DSLContext t, UUID id) {
    if (id == null) {
      return null;
    }
    Record2<String, String> r =
        t.select(ITEMS.SKU, ITEMS.NAME).from(ITEMS).where(ITEMS.ID.eq(id)).fetchOne();
    return r == null ? null : r.value1() + " \u00b7 " + r.value2();
  }

  private static String sku(DSLContext t, UUID id) {
    String sku =
        id == null
            ? null
            : t.select(ITEMS.SKU).from(ITEMS).where(ITEMS.ID.eq(id)).fetchOne(ITEMS.SKU);
    return sku == null ? "an item" : sku;
  }

  private static String bin(DSLContext t, UUID id) {
    String code =
        id == null
            ? null
            : t.select(LOCATIONS.CODE)
                .from(LOCATIONS)
                .where(LOCATIONS.ID.eq(id))
                .fetchOne(LOCATIONS.CODE);
    return code == null ? "a bin" : code;
  }
}
