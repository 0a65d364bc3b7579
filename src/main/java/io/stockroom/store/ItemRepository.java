package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Item rows: read, check, insert, update, delete; each name written goes to the {@link WordIndex}.
 * The search itself is {@link ItemSearch}.
 */
class ItemRepository {

  private final WordIndex words;

  ItemRepository(WordIndex words) {
    this.words = words;
  }

  /**
   * Not deleted, written so H2 cannot use the is_deleted index for it: with that index H2 reads
   * every live row (it guesses the condition is selective) instead of walking the SKU index for a
   * page or the primary key for a set of ids. Measured at 100,000 items: 1 s instead of 1 ms for
   * the first page.
   */
  static final Condition LIVE = DSL.condition("{0} IS NOT TRUE", ITEMS.IS_DELETED);

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
    words.written(id, d.name());
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
      words.written(r.getId(), d.name());
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
