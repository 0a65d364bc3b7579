package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search words of items that a first sync inserted without them (decision record 0032). The
 * words are two fifths of a first sync's local work, so a page presumed new goes in without them
 * and records, in its own transaction, that words are owed from the start of the item table. After
 * the sync, a background thread writes them a chunk of items at a time, each chunk with its place
 * in the table in one transaction, so a crash or a close resumes where it stopped. Until the last
 * chunk is in, a name-word search also scans the names (see {@link ItemSearch}), so no item goes
 * missing from a search meanwhile, it is only slower.
 */
final class DeferredWords implements AutoCloseable {

  /** Setting: present while words are owed; its value is the last item id done, or empty. */
  static final String OWED_AFTER = "search.words.owed-after";

  private static final Logger LOG = LoggerFactory.getLogger(DeferredWords.class);
  // About 50 ms of holding the write lock per chunk on an idle laptop.
  private static final int CHUNK = 500;
  // MERGE: an item written or renamed since the pull has its words already.
  private static final String INSERT_WORD =
      "MERGE INTO ITEM_WORDS (WORD, ITEM_ID) KEY (WORD, ITEM_ID) VALUES (?, ?)";

  private final Tx tx;
  private final AtomicBoolean owed = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "stockroom-search-words");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  DeferredWords(Tx tx) {
    this.tx = tx;
    owed.set(Settings.get(tx.read(), OWED_AFTER).isPresent());
  }

  /** Whether some items may still lack their search words. */
  boolean owed() {
    return owed.get();
  }

  /**
   * Records, inside the caller's transaction, that the items it inserts without their words (and
   * any item after them) are owed their words. Starts again from the first item: cheap, since a
   * chunk skips words already there.
   */
  void owe(DSLContext t) {
    owed.set(true);
    Settings.put(t, OWED_AFTER, "");
  }

  /** Writes the owed words in the background, unless that is under way or nothing is owed. */
  void start() {
    if (closed || !owed.get() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      worker.execute(this::drain);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false); // closing
    }
  }

  private void drain() {
    long t0 = System.nanoTime();
    int items = 0;
    try {
      int done;
      while (!closed && (done = writeChunk()) > 0) {
        items += done;
      }
      if (!closed) {
        if (items > 0) {
          tx.checkpoint(); // to the file now, not with the user's next change
        }
        LOG.info(
            "search words written for {} items in {} ms",
            items,
            (System.nanoTime() - t0) / 1_000_000);
      }
    } catch (RuntimeException e) {
      // Left owed: searches keep scanning names, and the next start or sync tries again.
      LOG.warn("could not write the search words of pulled items; will try again", e);
    } finally {
      running.set(false);
    }
  }

  /**
   * Writes the words of the next chunk of items, in one transaction.
   *
   * @return how many items the chunk held; 0 once nothing is owed any more
   */
  int writeChunk() {
    return tx.writeReplayable(
        t -> {
          Optional<String> after = Settings.get(t, OWED_AFTER);
          if (after.isEmpty()) {
            owed.set(false);
            return 0;
          }
          var query = t.select(ITEMS.ID, ITEMS.NAME).from(ITEMS);
          List<Record2<UUID, String>> chunk =
              (after.get().isEmpty()
                      ? query.orderBy(ITEMS.ID)
                      : query.where(ITEMS.ID.gt(UUID.fromString(after.get()))).orderBy(ITEMS.ID))
                  .limit(CHUNK)
                  .fetch();
          if (chunk.isEmpty()) {
            Settings.remove(t, OWED_AFTER);
            owed.set(false);
            return 0;
          }
          List<UUID> ids = new ArrayList<>(chunk.size());
          chunk.forEach(r -> ids.add(r.value1()));
          t.connection(
              c -> {
                try (PreparedStatement insert = c.prepareStatement(INSERT_WORD)) {
                  int rows = 0;
                  for (Record2<UUID, String> item : chunk) {
                    for (String w : SearchText.indexedWords(item.value2())) {
                      insert.setString(1, w);
                      insert.setObject(2, item.value1());
                      insert.addBatch();
                      rows++;
                    }
                  }
                  if (rows > 0) {
                    insert.executeBatch();
                  }
                }
              });
          Settings.put(t, OWED_AFTER, ids.get(ids.size() - 1).toString());
          return chunk.size();
        });
  }

  /** Stops after the chunk under way; what is left stays owed for the next start. */
  @Override
  public void close() {
    closed = true;
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("search words still being written at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
