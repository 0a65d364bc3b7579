package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every word of every item's name, held in memory, for name-word search (decision record 0052).
 * Nothing of it is stored: it is read from the names the first time a word is searched for, in the
 * background, and then kept by every write that gives an item a name, once that write has
 * committed.
 *
 * <p>Until it is read, {@link #ready()} is false and a word search reads the names instead (see
 * {@link ItemSearch}): complete, only slower.
 */
final class WordIndex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WordIndex.class);

  private final Tx tx;

  /** Word (lower case) to the items whose name holds it. */
  private final NavigableMap<String, Set<UUID>> items = new TreeMap<>();

  /** Each indexed item's words, the same strings as the keys above, to take out on a rename. */
  private final Map<UUID, String[]> wordsOf = new HashMap<>();

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicBoolean loading = new AtomicBoolean();
  private final boolean loadsOnDemand;
  private volatile boolean ready;
  private volatile boolean closed;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "stockroom-search-words");
            t.setDaemon(true);
            return t;
          });

  WordIndex(Tx tx) {
    this(tx, true);
  }

  /**
   * @param loadsOnDemand false for a test that must see the index unread until it calls {@link
   *     #loadNow()}
   */
  WordIndex(Tx tx, boolean loadsOnDemand) {
    this.tx = tx;
    this.loadsOnDemand = loadsOnDemand;
  }

  /** Whether the index holds every item's words; until then, a word search reads the names. */
  boolean ready() {
    return ready;
  }

  /** Reads the names into the index in the background, unless that is done or under way. */
  void load() {
    if (!loadsOnDemand || ready || closed || !loading.compareAndSet(false, true)) {
      return;
    }
    try {
      worker.execute(this::loadNow);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      loading.set(false); // closing
    }
  }

  /** Reads the names into the index on this thread (the background load, or a test). */
  void loadNow() {
    loading.set(true);
    try {
      // Under the write lock: no commit lands between the read and the index being live, and
      // every later write updates it (see written()).
      tx.readLocked(
          ctx -> {
            fill(ctx);
            return null;
          });
    } catch (RuntimeException | OutOfMemoryError e) {
      // Searches keep reading the names; the next word search tries again.
      LOG.warn("could not read the item names for word search: {}", e.toString());
      forget();
    }
  }

  private void fill(DSLContext ctx) {
    lock.writeLock().lock();
    try {
      ready = false;
      items.clear();
      wordsOf.clear();
      try (var rows = ctx.select(ITEMS.ID, ITEMS.NAME).from(ITEMS).fetchLazy()) {
        for (var r : rows) {
          if (closed) {
            items.clear();
            wordsOf.clear();
            return;
          }
          add(r.value1(), r.value2());
        }
      }
      ready = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Drops what is held: searches read the names again until the next word search has the index read
   * anew. For a load or an update that failed half way.
   */
  private void forget() {
    lock.writeLock().lock();
    try {
      ready = false;
      items.clear();
      wordsOf.clear();
    } finally {
      lock.writeLock().unlock();
      loading.set(false);
    }
  }

  /**
   * Records that the running write gives item {@code id} the name {@code name}: the index takes it
   * when that write commits, and never if it rolls back. Call inside {@link Tx#write} only.
   */
  void written(UUID id, String name) {
    tx.afterCommit(() -> put(id, name));
  }

  private void put(UUID id, String name) {
    if (!ready) {
      return; // the load, when it comes, reads the committed name
    }
    try {
      lock.writeLock().lock();
      try {
        remove(id);
        add(id, name);
      } finally {
        lock.writeLock().unlock();
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // Half an update would leave an item findable by words it no longer has: start over.
      LOG.warn("word index dropped after a failed update: {}", e.toString());
      forget();
    }
  }

  private void add(UUID id, String name) {
    Set<String> words = SearchText.indexedWords(name);
    if (words.isEmpty()) {
      return;
    }
    String[] kept = new String[words.size()];
    int i = 0;
    for (String w : words) {
      String word = w.toLowerCase(Locale.ROOT);
      // One string per distinct word, shared by every item that holds it.
      String key = items.ceilingKey(word);
      if (key == null || !key.equals(word)) {
        key = word;
      }
      items.computeIfAbsent(key, k -> new HashSet<>(4)).add(id);
      kept[i++] = key;
    }
    wordsOf.put(id, i == kept.length ? kept : java.util.Arrays.copyOf(kept, i));
  }

  private void remove(UUID id) {
    String[] words = wordsOf.remove(id);
    if (words == null) {
      return;
    }
    for (String w : words) {
      Set<UUID> holders = items.get(w);
      if (holders != null && holders.remove(id) && holders.isEmpty()) {
        items.remove(w);
      }
    }
  }

  /**
   * The items with a word of their name starting with {@code prefix}, case-insensitively (deleted
   * ones included: the search takes those out). Only when {@link #ready()}.
   */
  Set<UUID> startingWith(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    Set<UUID> out = new HashSet<>();
    lock.readLock().lock();
    try {
      for (var e : items.tailMap(p, true).entrySet()) {
        if (!e.getKey().startsWith(p)) {
          break;
        }
        out.addAll(e.getValue());
      }
    } finally {
      lock.readLock().unlock();
    }
    return out;
  }

  /** The words held for one item, in lower case, for tests. */
  Set<String> wordsOf(UUID id) {
    lock.readLock().lock();
    try {
      String[] words = wordsOf.get(id);
      return words == null ? Set.of() : Set.of(words);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stops a load under way (it gives up at the next row); the store closes after this. */
  @Override
  public void close() {
    closed = true;
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("word index still loading at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
