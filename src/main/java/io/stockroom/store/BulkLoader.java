package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_WORDS;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Loads many items at once as data already on the server (demo seeding, benchmarks): JDBC batches
 * of one prepared statement, no outbox rows. Rows still get every sync field, marked synced, so the
 * sync agent treats them like pulled records.
 */
public final class BulkLoader {

  private static final int CHUNK = 1000;

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;

  BulkLoader(Tx tx, IdGenerator ids, Stamps stamps) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
  }

  /**
   * Inserts the drafts as synced items, {@code serverVersion} as their server version. Drafts are
   * normalized and validated; a duplicate SKU or barcode fails the chunk it is in.
   *
   * @return the ids, in the order of the drafts
   */
  public List<UUID> importItems(List<ItemDraft> drafts, long serverVersion) {
    List<UUID> created = new ArrayList<>(drafts.size());
    for (int from = 0; from < drafts.size(); from += CHUNK) {
      List<ItemDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + CHUNK));
      tx.run(t -> created.addAll(insertChunk(t, chunk, serverVersion)));
    }
    return created;
  }

  private List<UUID> insertChunk(DSLContext t, List<ItemDraft> chunk, long serverVersion) {
    Instant now = stamps.now();
    BatchBindStep items =
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
    BatchBindStep words =
        t.batch(
            t.insertInto(ITEM_WORDS, ITEM_WORDS.WORD, ITEM_WORDS.ITEM_ID)
                .values((String) null, null));
    boolean anyWords = false;
    List<UUID> created = new ArrayList<>(chunk.size());
    for (ItemDraft draft : chunk) {
      ItemDraft d = draft.normalized().validate();
      UUID id = ids.next();
      created.add(id);
      items.bind(
          id,
          id,
          now,
          now,
          now,
          false,
          1L,
          serverVersion,
          SyncStatus.SYNCED.dbValue(),
          null, // no local field stamps: see the class comment
          d.sku(),
          d.barcode(),
          d.name(),
          d.description(),
          d.unit(),
          d.category(),
          d.reorderPoint());
      for (String w : SearchText.indexedWords(d.name())) {
        words.bind(w, id);
        anyWords = true;
      }
    }
    items.execute();
    if (anyWords) {
      words.execute();
    }
    return created;
  }
}
