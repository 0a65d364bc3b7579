package io.stockroom.store;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
  private final WordIndex words;

  BulkLoader(Tx tx, IdGenerator ids, Stamps stamps, WordIndex words) {
    this.words = words;
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
      // Data the server holds: replayable, like a pulled page (decision record 0041).
      created.addAll(tx.writeReplayable(t -> insertChunk(t, chunk, serverVersion)));
    }
    return created;
  }

  private List<UUID> insertChunk(DSLContext t, List<ItemDraft> chunk, long serverVersion) {
    Instant now = stamps.now();
    SyncedItemBatch batch = new SyncedItemBatch(t, words);
    List<UUID> created = new ArrayList<>(chunk.size());
    for (ItemDraft draft : chunk) {
      UUID id = ids.next();
      created.add(id);
      // No local field stamps: see the class comment.
      batch.add(id, draft.normalized().validate(), now, now, now, serverVersion, null);
    }
    batch.execute();
    return created;
  }
}
