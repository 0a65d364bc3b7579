package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Finding items: by SKU, barcode, name or a word of the name, a page at a time in the order asked
 * for. A search is a union of index range scans, one per searched column, so every branch stays a
 * prefix seek (docs/decisions/0004), and the items of the {@link WordIndex} with a word of their
 * name starting with the query (0052).
 */
class ItemSearch {

  private final WordIndex words;

  /**
   * @param words the words of the names; until it is loaded, a word search reads the names
   */
  ItemSearch(WordIndex words) {
    this.words = words;
  }

  List<Item> search(DSLContext ctx, String query, int offset, int limit) {
    String q = SearchText.query(query);
    if (q == null) {
      return ctx.selectFrom(ITEMS)
          .where(ItemRepository.LIVE)
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
        .fetch(r -> ItemRepository.toDomain(r.into(ITEMS)));
  }

  /** The live items, or the live ones among {@code ids} (null: all). */
  private static <R extends org.jooq.Record> org.jooq.SelectConditionStep<R> liveOf(
      org.jooq.SelectSelectStep<R> select, Set<UUID> ids) {
    return (ids == null
            ? select.from(ITEMS)
            : select.from(idTable(ids)).join(ITEMS).on(ITEMS.ID.eq(MATCH_ID)))
        .where(ItemRepository.LIVE);
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
   * Matches at or above this many are paged by walking the SKU index in order and keeping the ids
   * that matched; below it, each match is looked up by key and sorted. A common name word matches
   * thousands of items, and reading those rows only to sort them costs more than walking the index
   * to the page that is shown (docs/decisions/0004).
   */
  static final int SCAN_THRESHOLD = 1_000;

  private static final int SCAN_CHUNK = 16_384;

  private static final int SCAN_CHUNK_MIN = 256;

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
   * Page ids in SKU order by walking {@code ux_items_sku} (H2 reads each entry's row for its id) in
   * chunks, keyset-paged by SKU, until the page is full or the index ends.
   */
  private static List<UUID> pageBySkuScan(DSLContext ctx, Set<UUID> ids, int offset, int limit) {
    List<UUID> page = new ArrayList<>(limit);
    int wanted = offset + limit;
    // The share of the index that matches tells how far to read for the rest of the page; read a
    // little beyond it, so that one chunk usually fills the page and none reads far past it.
    long entries = Math.max(1, ctx.fetchCount(ITEMS));
    double share = Math.min(1.0, (double) ids.size() / entries);
    int seen = 0;
    String after = null;
    while (seen < wanted) {
      int chunk = chunkFor(wanted - seen, share);
      int read = 0;
      String last = null;
      try (var rows =
          ctx.select(ITEMS.SKU, ITEMS.ID)
              .from(ITEMS)
              .where(after == null ? DSL.noCondition() : ITEMS.SKU.gt(after))
              .orderBy(ITEMS.SKU)
              .limit(chunk)
              .fetchLazy()) {
        for (var r : rows) {
          read++;
          last = r.value1();
          if (ids.contains(r.value2())) {
            if (seen >= offset) {
              page.add(r.value2());
            }
            if (++seen == wanted) {
              return page;
            }
          }
        }
      }
      if (read < chunk) {
        break;
      }
      after = last;
    }
    return page;
  }

  /**
   * Index entries to read for {@code missing} more matches when {@code share} of the entries match:
   * the expected distance and half again, within {@link #SCAN_CHUNK_MIN} and {@link #SCAN_CHUNK}.
   */
  static int chunkFor(int missing, double share) {
    double expected = missing / Math.max(share, 1e-6);
    return (int) Math.max(SCAN_CHUNK_MIN, Math.min(SCAN_CHUNK, expected * 1.5 + 32));
  }

  /** The rows of {@code ids}, in the order given. */
  static List<Item> fetchInOrder(DSLContext ctx, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, Item> byId = new HashMap<>();
    ctx.selectFrom(ITEMS)
        .where(ITEMS.ID.in(ids))
        .forEach(r -> byId.put(r.getId(), ItemRepository.toDomain(r)));
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
   * Ids of live items whose SKU, barcode, name or a word of the name starts with {@code q}. Each
   * branch of the union reads only its index: one range seek per branch and no row reads; the words
   * come from memory. Deleted items (few: tombstones) are taken out in memory rather than by
   * reading every matching row. See docs/decisions/0004.
   */
  Set<UUID> matchingLiveIds(DSLContext ctx, String q) {
    String pattern = SearchText.prefixPattern(q);
    char esc = SearchText.ESCAPE;
    var matching =
        ctx.select(ITEMS.ID)
            .from(ITEMS)
            .where(ITEMS.SKU.like(pattern, esc))
            .unionAll(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.BARCODE.like(pattern, esc)))
            .unionAll(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.NAME.like(pattern, esc)));
    // UNION ALL: the set removes the duplicates (an item whose SKU and name both match) faster than
    // H2's distinct result, which sorts every row into a tree.
    Set<UUID> ids = new HashSet<>();
    try (var rows = matching.fetchLazy()) {
      rows.forEach(r -> ids.add(r.value1()));
    }
    // A word of a name: from the word index (decision record 0052), or, while it loads,
    // from the names themselves. A query that is not one word cannot start a word.
    if (SearchText.isOneWord(q)) {
      words.load();
      ids.addAll(words.ready() ? words.startingWith(q) : nameWordMatches(ctx, q));
    }
    if (!ids.isEmpty()) {
      ids.removeAll(
          ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.IS_DELETED.isTrue()).fetch(ITEMS.ID));
    }
    return ids;
  }

  /**
   * Items with a word of their name starting with {@code q} (one word), found by reading every
   * name: for the moments in which the {@link WordIndex} is still loading, so that no item is
   * missing from a result meanwhile. The names holding {@code q} anywhere are read (a full read of
   * the table, about 65 ms at 100,000 items), then kept when a word starts with it, split as the
   * word index splits them.
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
}
