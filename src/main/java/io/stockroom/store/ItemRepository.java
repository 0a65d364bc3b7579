package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_WORDS;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Items and their search index ({@code item_words}). Search is a union of index range scans, one
 * per searched column, so every branch stays a prefix seek (docs/decisions/0004).
 */
class ItemRepository {

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
    replaceWords(ctx, id, d.name());
    return r;
  }

  void update(DSLContext ctx, ItemsRecord r, ItemDraft d, String fieldClock, Instant now) {
    boolean renamed = !d.name().equals(r.getName());
    apply(r, d);
    r.setFieldClock(fieldClock);
    r.setUpdatedAt(now);
    r.setVersion(r.getVersion() + 1);
    r.setSyncStatus(SyncStatus.PENDING.dbValue());
    r.update();
    if (renamed) {
      replaceWords(ctx, r.getId(), d.name());
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

  static void replaceWords(DSLContext ctx, UUID itemId, String name) {
    ctx.deleteFrom(ITEM_WORDS).where(ITEM_WORDS.ITEM_ID.eq(itemId)).execute();
    Set<String> words = SearchText.indexedWords(name);
    if (!words.isEmpty()) {
      var insert = ctx.insertInto(ITEM_WORDS, ITEM_WORDS.WORD, ITEM_WORDS.ITEM_ID);
      for (String w : words) {
        insert = insert.values(w, itemId);
      }
      insert.execute();
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
    var select = ctx.selectFrom(ITEMS).where(ITEMS.IS_DELETED.isFalse());
    if (q != null) {
      select = select.and(idIn(matchingIds(ctx, q)));
    }
    return select
        .orderBy(ITEMS.SKU)
        .offset(Math.max(0, offset))
        .limit(Math.max(0, limit))
        .fetch(ItemRepository::toDomain);
  }

  int count(DSLContext ctx, String query) {
    String q = SearchText.query(query);
    if (q == null) {
      // COUNT(*) without a condition is answered from the table's row count; the deleted ones
      // come from the is_deleted index. A filtered count would read every row.
      int all = ctx.fetchCount(ITEMS);
      return all - ctx.fetchCount(ITEMS, ITEMS.IS_DELETED.isTrue());
    }
    return ctx.fetchCount(ITEMS, idIn(matchingIds(ctx, q)).and(ITEMS.IS_DELETED.isFalse()));
  }

  /**
   * Ids whose SKU, barcode, name or a further name word starts with {@code q}. Each branch reads
   * only its index (which holds the primary key), so this costs one range seek per branch. The ids
   * then go back as one array parameter ({@code ID = ANY(?)}): H2 runs that as primary key lookups,
   * while an {@code IN (subquery with UNION)} or a join on the union measured 5-30 times slower.
   */
  private static UUID[] matchingIds(DSLContext ctx, String q) {
    String pattern = SearchText.prefixPattern(q);
    char esc = SearchText.ESCAPE;
    return ctx.select(ITEMS.ID)
        .from(ITEMS)
        .where(ITEMS.SKU.like(pattern, esc))
        .union(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.BARCODE.like(pattern, esc)))
        .union(ctx.select(ITEMS.ID).from(ITEMS).where(ITEMS.NAME.like(pattern, esc)))
        .union(
            ctx.select(ITEM_WORDS.ITEM_ID)
                .from(ITEM_WORDS)
                .where(ITEM_WORDS.WORD.like(pattern, esc)))
        .fetchArray(ITEMS.ID);
  }

  /**
   * {@code ID = ANY(?)} with one array parameter. jOOQ's own {@code any(array)} renders an OR chain
   * of one parameter per id for H2, which costs more to parse than to run.
   */
  private static Condition idIn(UUID[] ids) {
    return DSL.condition("{0} = ANY({1})", ITEMS.ID, DSL.val(ids, SQLDataType.UUID.array()));
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
