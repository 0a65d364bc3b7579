package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_WORDS;

import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Inserts items the server already holds, with their search words, as two JDBC batches of one
 * prepared statement each: a first sync and a bulk load are almost all such rows, and one statement
 * per row made them several times slower. No outbox rows: the rows are synced.
 */
final class SyncedItemBatch {

  private final BatchBindStep items;
  private final BatchBindStep words;
  private int rows;
  private int wordRows;

  SyncedItemBatch(DSLContext t) {
    items =
        t.batch(
            t.insertInto(
                    ITEMS,
                    ITEMS.ID,
                    ITEMS.SERVER_ID,
                    ITEMS.CREATED_AT,
                    ITEMS.UPDATED_AT,
                    ITEMS.SYNCED_AT,
                    ITEMS.IS_DELETED,
                    ITEMS.VERSION,
                    ITEMS.SERVER_VERSION,
                    ITEMS.SYNC_STATUS,
                    ITEMS.FIELD_CLOCK,
                    ITEMS.SKU,
                    ITEMS.BARCODE,
                    ITEMS.NAME,
                    ITEMS.DESCRIPTION,
                    ITEMS.UNIT,
                    ITEMS.CATEGORY,
                    ITEMS.REORDER_POINT)
                .values(
                    (UUID) null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
    words =
        t.batch(
            t.insertInto(ITEM_WORDS, ITEM_WORDS.WORD, ITEM_WORDS.ITEM_ID)
                .values((String) null, null));
  }

  /**
   * Adds one synced item. {@code d} must be normalized already; {@code fieldClock} is the server's
   * field stamps as JSON, or null.
   */
  void add(
      UUID id,
      ItemDraft d,
      Instant created,
      Instant updated,
      Instant syncedAt,
      Long serverVersion,
      String fieldClock) {
    items.bind(
        id,
        id,
        created,
        updated,
        syncedAt,
        false,
        1L,
        serverVersion,
        SyncStatus.SYNCED.dbValue(),
        fieldClock,
        d.sku(),
        d.barcode(),
        d.name(),
        d.description(),
        d.unit(),
        d.category(),
        d.reorderPoint());
    rows++;
    for (String w : SearchText.indexedWords(d.name())) {
      words.bind(w, id);
      wordRows++;
    }
  }

  /** Runs both batches (inside the caller's transaction). */
  void execute() {
    if (rows > 0) {
      items.execute();
    }
    if (wordRows > 0) {
      words.execute();
    }
  }
}
