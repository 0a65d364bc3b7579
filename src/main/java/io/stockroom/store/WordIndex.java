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

  /** What is held; replaced whole by a load. Guarded by {@link #lock}. */
  private Words held = new Words();

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
      // Read without holding up writes; then, under the write lock (no commit can land), go live
      // if no write ran meanwhile, or read again while writes wait. Every later write updates the
      // index after its commit (see written()).
      long before = tx.generation();
      Words read = read(tx.read());
      tx.readLocked(
          ctx -> {
            Words words = tx.generation() == before ? read : read(ctx);
            if (words != null) {
              publish(words);
            }
            return null;
          });
    } catch (RuntimeException | OutOfMemoryError e) {
      // Searches keep reading the names; the next word search tries again.
      LOG.warn("could not read the item names for word search: {}", e.toString());
      forget();
    }
  }

  /** The words of every name as the database holds them now; null when the store is closing. */
  private Words read(DSLContext ctx) {
    Words words = new Words();
    try (var rows = ctx.select(ITEMS.ID, ITEMS.NAME).from(ITEMS).fetchLazy()) {
      for (var r : rows) {
        if (closed) {
          return null;
        }
        words.add(r.value1(), r.value2());
      }
    }
    return words;
  }

  private void publish(Words words) {
    lock.writeLock().lock();
    try {
      held = words;
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
      held = new Words();
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
    // Not read yet: nothing to keep. It cannot go live before this write's commit and its actions
    // are done (it goes live under the same write lock), and when it does it reads the committed
    // name. So a first sync into a profile never searched queues no action per item.
    if (ready) {
      tx.afterCommit(() -> put(id, name));
    }
  }

  private void put(UUID id, String name) {
    if (!ready) {
      return; // the load, when it comes, reads the committed name
    }
    try {
      lock.writeLock().lock();
      try {
        held.remove(id);
        held.add(id, name);
      } finally {
        lock.writeLock().unlock();
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // Half an update would leave an item findable by words it no longer has: start over.
      LOG.warn("word index dropped after a failed update: {}", e.toString());
      forget();
    }
  }

  /**
   * The items with a word of their name starting with {@code prefix}, case-insensitively (deleted
   * ones included: the search takes those out). Only when {@link #ready()}.
   */
  Set<UUID> startingWith(String prefix) {
    lock.readLock().lock();
    try {
      return held.startingWith(prefix.toLowerCase(Locale.ROOT));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The words held for one item, in lower case, for tests. */
  Set<String> wordsOf(UUID id) {
    lock.readLock().lock();
    try {
      String[] words = held.wordsOf.get(id);
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

  /**
   * Words to the items that hold them, and each item's words. Word (lower case) to the one item's
   * {@link UUID}, or a {@code Set<UUID>} of two or more: most words of a real catalog (numbers,
   * sizes, makers) are held by one item, and a set for each would double the index. Each distinct
   * word is one string, shared by every item that holds it.
   */
  private static final class Words {
    private final NavigableMap<String, Object> items = new TreeMap<>();
    private final Map<UUID, String[]> wordsOf = new HashMap<>();

    void add(UUID id, String name) {
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
        items.merge(key, id, Words::plus);
        kept[i++] = key;
      }
      wordsOf.put(id, i == kept.length ? kept : java.util.Arrays.copyOf(kept, i));
    }

    void remove(UUID id) {
      String[] words = wordsOf.remove(id);
      if (words == null) {
        return;
      }
      for (String w : words) {
        items.computeIfPresent(w, (k, holders) -> minus(holders, id));
      }
    }

    /** {@code holders} (one id or a set) with {@code id} added. */
    private static Object plus(Object holders, Object id) {
      if (holders instanceof UUID one) {
        if (one.equals(id)) {
          return one;
        }
        Set<UUID> two = new HashSet<>(4);
        two.add(one);
        two.add((UUID) id);
        return two;
      }
      @SuppressWarnings("unchecked")
      Set<UUID> set = (Set<UUID>) holders;
      set.add((UUID) id);
      return set;
    }

    /** {@code holders} without {@code id}; null (the word goes) when none is left. */
    private static Object minus(Object holders, UUID id) {
      if (holders instanceof UUID one) {
        return one.equals(id) ? null : one;
      }
      @SuppressWarnings("unchecked")
      Set<UUID> set = (Set<UUID>) holders;
      set.remove(id);
      if (set.size() == 1) {
        return set.iterator().next();
      }
      return set.isEmpty() ? null : set;
    }

    Set<UUID> startingWith(String p) {
      Set<UUID> out = new HashSet<>();
      for (var e : items.tailMap(p, true).entrySet()) {
        if (!e.getKey().startsWith(p)) {
          break;
        }
        if (e.getValue() instanceof UUID one) {
          out.add(one);
        } else {
          @SuppressWarnings("unchecked")
          Set<UUID> set = (Set<UUID>) e.getValue();
          out.addAll(set);
        }
      }
      return out;
    }
  }
}
