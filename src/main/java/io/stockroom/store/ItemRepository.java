package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_WORDS;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemOrder;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Items and their search index ({@code item_words}). Search is a union of index range scans, one
 * per searched column, so every branch stays a prefix seek (docs/decisions/0004).
 */
class ItemRepository {

  /**
   * Not deleted, written so H2 cannot use the is_deleted index for it: with that index H2 reads
   * every live row (it guesses the condition is selective) instead of walking the SKU index for a
   * page or the primary key for a set of ids. Measured at 100,000 items: 1 s instead of 1 ms for
   * the first page.
   */
  static final Condition LIVE = DSL.condition("{0} IS NOT TRUE", ITEMS.IS_DELETED);

  private final BooleanSupplier wordsOwed;

  /** A repository over a profile whose items all have their search words. */
  ItemRepository() {
    this(() -> false);
  }

  /**
   * @param wordsOwed whether some items may still lack their search words ({@link DeferredWords});
   *     a search then also scans the names
   */
  ItemRepository(BooleanSupplier wordsOwed) {
    this.wordsOwed = wordsOwed;
  }

  Optional<ItemsRecord> fetch(DSLContext ctx, UUID id) {
    return ctx.selectFrom(ITEMS).where(ITEMS.ID.eq(id)).fetchOptional();
  }

  /** The live (not deleted) row, or a ValidationException naming the unknown id. */
  ItemsRecord fetchLive(DSLContext ctx, UUID id) {
    return fetch(ctx, id)
        .filter(r -> !r.getIsDeleted())
        .orElseThrow(() -> new ValidationException("item", "Unknown item " + id + "."));
  }

  Optional<Item> get(DSLContext ctx, UUID id) {
    return fetch(ctx, id).filter(r -> !r.getIsDeleted()).map(ItemRepository::toDomain);
  }

  Optional<Item> findByCode(DSLContext ctx, String code) {
    Optional<Item> byBarcode =
        ctx.selectFrom(ITEMS)
            .where(ITEMS.BARCODE.eq(code))
            .and(ITEMS.IS_DELETED.isFalse())
            .fetchOptional(ItemRepository::toDomain);
    if (byBarcode.isPresent()) {
      return byBarcode;
    }
    return findBySku(ctx, code);
  }

  Optional<Item> findBySku(DSLContext ctx, String sku) {
    return ctx.selectFrom(ITEMS)
        .where(ITEMS.SKU.eq(sku))
        .and(ITEMS.IS_DELETED.isFalse())
        .fetchOptional(ItemRepository::toDomain);
  }

  /**
   * Refuses a SKU or barcode another item holds (case-insensitive, as the columns compare). A
   * deleted item keeps its codes: the unique indexes cover it and the server keeps its tombstone.
   */
  void checkUnique(DSLContext ctx, ItemDraft draft, UUID self) {
    Condition notSelf = self == null ? DSL.trueCondition() : ITEMS.ID.ne(self);
    ctx.select(ITEMS.NAME, ITEMS.IS_DELETED)
        .from(ITEMS)
        .where(ITEMS.SKU.eq(draft.sku()))
        .and(notSelf)
        .fetchOptional()
        .ifPresent(r -> fail("sku", "SKU", draft.sku(), r.value1(), r.value2()));
    if (draft.barcode() != null) {
      ctx.select(ITEMS.NAME, ITEMS.IS_DELETED)
          .from(ITEMS)
          .where(ITEMS.BARCODE.eq(draft.barcode()))
          .and(notSelf)
          .fetchOptional()
          .ifPresent(r -> fail("barcode", "Barcode", draft.barcode(), r.value1(), r.value2()));
    }
  }

  private static void fail(String field, String label, String code, String name, boolean deleted) {
    throw new ValidationException(
        field,
        label
            + " "
            + code
            + " is already used by "
            + (deleted ? "the deleted item " : "")
            + "\""
            + name
            + "\".");
  }

  ItemsRecord insert(
      DSLContext ctx, UUID id, ItemDraft d, String fieldClock, Instant now, SyncStatus status) {
    ItemsRecord r = ctx.newRecord(ITEMS);
    r.setId(id);
    r.setCreatedAt(now);
    r.setUpdatedAt(now);
    r.setIsDeleted(false);
    r.setVersion(1L);
    r.setSyncStatus(status.dbValue());
    r.setFieldClock(fieldClock);
    apply(r, d);
    r.insert();
    replaceWords(ctx, id, null, d.name());
    return r;
  }

  void update(DSLContext ctx, ItemsRecord r, ItemDraft d, String fieldClock, Instant now) {
    String oldName = r.getName();
    boolean renamed = !d.name().equals(oldName);
    apply(r, d);
    r.setFieldClock(fieldClock);
    r.setUpdatedAt(now);
    r.setVersion(r.getVersion() + 1);
    r.setSyncStatus(SyncStatus.PENDING.dbValue());
    r.update();
    if (renamed) {
      replaceWords(ctx, r.getId(), oldName, d.name());
    }
  }

  void markDeleted(ItemsRecord r, Instant now) {
    r.setIsDeleted(true);
    r.setUpdatedAt(now);
    r.setVersion(r.getVersion() + 1);
    r.setSyncStatus(SyncStatus.PENDING.dbValue());
    r.update();
  }

  private static void apply(ItemsRecord r, ItemDraft d) {
    r.setSku(d.sku());
    r.setBarcode(d.barcode());
    r.setName(d.name());
    r.setDescription(d.description());
    r.setUnit(d.unit());
    r.setCategory(d.category());
    r.setReorderPoint(d.reorderPoint());
  }

  /**
   * Brings an item's search words from its old name ({@code null} for a new item) to its new one.
   * The words are keyed by word (decision record 0004, client schema v6), so the words to remove
   * are found from the old name, not by item.
   */
  static void replaceWords(DSLContext ctx, UUID itemId, String oldName, String newName) {
    Set<String> before = oldName == null ? Set.of() : SearchText.indexedWords(oldName);
    Set<String> after = SearchText.indexedWords(newName);
    List<String> gone = before.stream().filter(w -> !after.contains(w)).toList();
    if (!gone.isEmpty()) {
      ctx.deleteFrom(ITEM_WORDS)
          .where(ITEM_WORDS.WORD.in(gone))
          .and(ITEM_WORDS.ITEM_ID.eq(itemId))
          .execute();
    }
    List<String> added = after.stream().filter(w -> !before.contains(w)).toList();
    if (!added.isEmpty()) {
      // One prepared batch; MERGE, as the words a first sync still owes may be written meanwhile.
      var merge =
          ctx.batch(
              ctx.mergeInto(ITEM_WORDS)
                  .columns(ITEM_WORDS.WORD, ITEM_WORDS.ITEM_ID)
                  .key(ITEM_WORDS.WORD, ITEM_WORDS.ITEM_ID)
                  .values((String) null, (UUID) null));
      for (String w : added) {
        merge.bind(w, itemId);
      }
      merge.execute();
    }
  }

  /** Words of one item as indexed, for tests and diagnostics. */
  List<String> words(DSLContext ctx, UUID itemId) {
    return ctx.select(ITEM_WORDS.WORD)
        .from(ITEM_WORDS)
        .where(ITEM_WORDS.ITEM_ID.eq(itemId))
        .orderBy(ITEM_WORDS.WORD)
        .fetch(ITEM_WORDS.WORD);
  }

  List<Item> search(DSLContext ctx, String query, int offset, int limit) {
    String q = SearchText.query(query);
    if (q == null) {
      return ctx.selectFrom(ITEMS)
          .where(LIVE)
          .orderBy(ITEMS.SKU)
          .offset(Math.max(0, offset))
          .limit(Math.max(0, limit))
          .fetch(ItemRepository::toDomain);
    }
    return page(ctx, matchingLiveIds(ctx, q), offset, limit);
  }

  /** A page, in SKU order, of the live items {@code ids} (from {@link #matchingLiveIds}). */
  List<Item> page(DSLContext ctx, Set<UUID> ids, int offset, int limit) {
    if (ids.isEmpty() || limit <= 0) {
      return List.of();
    }
    int from = Math.max(0, offset);
    List<UUID> page =
        ids.size() > SCAN_THRESHOLD
            ? pageBySkuScan(ctx, ids, from, limit)
            : pageByKeyLookups(ctx, ids, from, limit);
    return fetchInOrder(ctx, page);
  }

  /**
   * A page in another order than SKU's, of all live items ({@code ids} null) or of the matches.
   * Name order reads {@code ix_items_name}; the matches are joined by key, as in SKU order.
   */
  List<Item> pageOrdered(DSLContext ctx, Set<UUID> ids, ItemOrder order, int offset, int limit) {
    if (limit <= 0 || (ids != null && ids.isEmpty())) {
      return List.of();
    }
    List<SortField<?>> by =
        switch (order) {
          case SKU -> List.of(ITEMS.SKU.asc());
          case SKU_DESCENDING -> List.of(ITEMS.SKU.desc());
          case NAME -> List.of(ITEMS.NAME.asc(), ITEMS.SKU.asc());
          case NAME_DESCENDING -> List.of(ITEMS.NAME.desc(), ITEMS.SKU.desc());
          case ON_HAND, ON_HAND_DESCENDING ->
              throw new IllegalArgumentException("stock orders are paged by StockOrder");
        };
    return liveOf(ctx.select(ITEMS.fields()), ids)
        .orderBy(by)
        .offset(Math.max(0, offset))
        .limit(limit)
        .fetch(r -> toDomain(r.into(ITEMS)));
  }

  /** The live items, or the live ones among {@code ids} (null: all). */
  private static <R extends org.jooq.Record> org.jooq.SelectConditionStep<R> liveOf(
      org.jooq.SelectSelectStep<R> select, Set<UUID> ids) {
    return (ids == null
            ? select.from(ITEMS)
            : select.from(idTable(ids)).join(ITEMS).on(ITEMS.ID.eq(MATCH_ID)))
        .where(LIVE);
  }

  /** The column of {@link #idTable}. */
  private static final org.jooq.Field<UUID> MATCH_ID =
      DSL.field(DSL.name("M", "X"), SQLDataType.UUID);

  /** Ids as a table M(X) to join items to: one primary key lookup per id. */
  private static Table<?> idTable(Set<UUID> ids) {
    return DSL.table(
            "TABLE(X UUID = {0})", DSL.val(ids.toArray(UUID[]::new), SQLDataType.UUID.array()))
        .as("M");
  }

  /** Id and SKU of every live item, or of the live ones among {@code ids}. */
  Map<UUID, String> skus(DSLContext ctx, Set<UUID> ids) {
    Map<UUID, String> out = new HashMap<>();
    liveOf(ctx.select(ITEMS.ID, ITEMS.SKU), ids).forEach(r -> out.put(r.value1(), r.value2()));
    return out;
  }

  /**
   * Matches at or above this many are paged by walking the SKU index in order (reading only the
   * index) and keeping the ids that matched; below it, each match is looked up by key and sorted. A
   * common name word matches thousands of items, and reading those rows only to sort them costs
   * more than walking the index to the page that is shown (docs/decisions/0004).
   */
  static final int SCAN_THRESHOLD = 1_000;

  private static final int SCAN_CHUNK = 4_096;

  /** Page ids in SKU order: one key lookup per match, sorted by SKU, then cut to the page. */
  private static List<UUID> pageByKeyLookups(DSLContext ctx, Set<UUID> ids, int offset, int limit) {
    // The ids as a table joined to items: one primary key lookup per id. (`ID = ANY(?)` also
    // looks up by key but then scans the whole array again for every row: 4x slower at 4,000 ids.)
    return ctx.select(ITEMS.ID)
        .from(idTable(ids))
        .join(ITEMS)
        .on(ITEMS.ID.eq(MATCH_ID))
        .orderBy(ITEMS.SKU)
        .offset(offset)
        .limit(limit)
        .fetch(ITEMS.ID);
  }

  /**
   * Page ids in SKU order by walking {@code ux_items_sku} (which holds the key, so no row is read)
   * in chunks, keyset-paged by SKU, until the page is full or the index ends.
   */
  private static List<UUID> pageBySkuScan(DSLContext ctx, Set<UUID> ids, int offset, int limit) {
    List<UUID> page = new ArrayList<>(limit);
    int skipped = 0;
    String after = null;
    while (page.size() < limit) {
      var chunk =
          ctx.select(ITEMS.SKU, ITEMS.ID)
              .from(ITEMS)
              .where(after == null ? DSL.noCondition() : ITEMS.SKU.gt(after))
              .orderBy(ITEMS.SKU)
              .limit(SCAN_CHUNK)
              .fetch();
      for (var r : chunk) {
        if (ids.contains(r.value2())) {
          if (skipped < offset) {
            skipped++;
          } else if (page.size() < limit) {
            page.add(r.value2());
          }
        }
      }
      if (chunk.size() < SCAN_CHUNK) {
        break;
      }
      after = chunk.get(chunk.size() - 1).value1();
    }
    return page;
  }

  /** The rows of {@code ids}, in the order given. */
  static List<Item> fetchInOrder(DSLContext ctx, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, Item> byId = new HashMap<>();
    ctx.selectFrom(ITEMS).where(ITEMS.ID.in(ids)).forEach(r -> byId.put(r.getId(), toDomain(r)));
    List<Item> out = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      Item item = byId.get(id);
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  int count(DSLContext ctx, String query) {
    String q = SearchText.query(query);
    if (q == null) {
      // COUNT(*) without a condition is answered from the table's row count; the deleted ones
      // come from the is_deleted index. A filtered count would read every row.
      int all = ctx.fetchCount(ITEMS);
      return all - ctx.fetchCount(ITEMS, ITEMS.IS_DELETED.isTrue());
    }
    return matchingLiveIds(ctx, q).size();
  }

  /**
   * Ids of live items whose SKU, barcode, name or a further name word starts with {@code q}. Each
   * branch of the union reads only its index (which holds the primary key): one range seek per
   * branch and no row reads. Deleted items (few: tombstones) are taken out in memory rather than by
   * reading every matching row. See docs/decisions/0004.
   */
  Set<UUID> matchingLiveIds(DSLContext ctx, String q) {
    String pattern = SearchText.prefixPattern(q);
    char esc = SearchText.ESCAPE;
    var matching =
        ctx.select(ITEMS.ID)
            .from(ITEMS)
            .where(ITEMS.SKU.like(pattern, esc))
            .union(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.BARCODE.like(pattern, esc)))
            .union(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.NAME.like(pattern, esc)))
            .union(
                ctx.select(ITEM_WORDS.ITEM_ID)
                    .from(ITEM_WORDS)
                    .where(ITEM_WORDS.WORD.like(pattern, esc)));
    Set<UUID> ids = new HashSet<>(matching.fetch(ITEMS.ID));
    if (wordsOwed.getAsBoolean() && SearchText.isOneWord(q)) {
      ids.addAll(nameWordMatches(ctx, q));
    }
    if (!ids.isEmpty()) {
      ids.removeAll(
          ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.IS_DELETED.isTrue()).fetch(ITEMS.ID));
    }
    return ids;
  }

  /**
   * Items with a word of their name starting with {@code q} (one word), found by reading every
   * name: for the seconds after a first sync in which some items still lack their search words
   * ({@link DeferredWords}), so that no item is missing from a result meanwhile. The names holding
   * {@code q} anywhere are read (a full read of the table, about 65 ms at 100,000 items), then kept
   * when a word starts with it, split as the word index splits them.
   */
  private static Set<UUID> nameWordMatches(DSLContext ctx, String q) {
    String word = q.toLowerCase(Locale.ROOT);
    String anywhere = "%" + SearchText.prefixPattern(q);
    Set<UUID> ids = new HashSet<>();
    ctx.select(ITEMS.ID, ITEMS.NAME)
        .from(ITEMS)
        .where(ITEMS.NAME.like(anywhere, SearchText.ESCAPE))
        .forEach(
            r -> {
              if (SearchText.words(r.value2()).stream().anyMatch(w -> w.startsWith(word))) {
                ids.add(r.value1());
              }
            });
    return ids;
  }

  static Item toDomain(ItemsRecord r) {
    return new Item(
        r.getId(),
        r.getSku(),
        r.getBarcode(),
        r.getName(),
        r.getDescription(),
        r.getUnit(),
        r.getCategory(),
        r.getReorderPoint(),
        r.getVersion(),
        r.getServerVersion(),
        SyncStatus.fromDb(r.getSyncStatus()),
        r.getUpdatedAt());
  }
}
