package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.ITEM_NOTES;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.SITES;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.TextField;
import io.stockroom.store.jooq.tables.records.ItemNotesRecord;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import io.stockroom.store.jooq.tables.records.LocationsRecord;
import io.stockroom.store.jooq.tables.records.SitesRecord;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes what the server holds of a record into its local row: the upsert of each entity, the
 * placeholders that keep foreign keys whole ({@link Placeholders}), and the stamps (server id and
 * version, synced time, sync status) that a pull or a push answer leaves on a row. A row newer than
 * the record keeps its values; a conflict flag stays until the user settles it.
 */
final class SyncedRows {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();
  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private final Stamps stamps;
  private final WordIndex words;

  SyncedRows(Stamps stamps, WordIndex words) {
    this.words = words;
    this.stamps = stamps;
  }

  void upsert(DSLContext t, ServerRecord r, Instant now) {
    switch (r.type()) {
      case SITES -> upsertSite(t, (ServerRecord.Site) r, now);
      case LOCATIONS -> upsertLocation(t, (ServerRecord.Location) r, now);
      case ITEMS -> upsertItem(t, (ServerRecord.Item) r, now);
      case ITEM_NOTES -> upsertNote(t, (ServerRecord.Note) r, now);
      case STOCK_MOVEMENTS -> upsertMovement(t, (ServerRecord.Movement) r, now);
      case STOCK_LEVELS -> upsertLevel(t, (ServerRecord.Level) r, now);
      case STOCK_COUNTS -> upsertCount(t, (ServerRecord.Count) r, now);
    }
  }

  /** Common sync fields; returns false when the stored row is already newer than {@code r}. */
  private static boolean syncFields(org.jooq.UpdatableRecord<?> row, ServerRecord r, Instant now) {
    long version = r.version();
    Long stored = (Long) row.get("SERVER_VERSION");
    if (stored != null && version < stored) {
      return false;
    }
    UUID id = r.id();
    row.set(field(row, "ID"), id);
    row.set(field(row, "SERVER_ID"), id);
    row.set(field(row, "SERVER_VERSION"), version);
    row.set(field(row, "SYNCED_AT"), now);
    Instant created = r.createdAt();
    Instant updated = r.updatedAt();
    if (row.get("CREATED_AT") == null) {
      row.set(field(row, "CREATED_AT"), created != null ? created : now);
    }
    row.set(field(row, "UPDATED_AT"), updated != null ? updated : now);
    row.set(field(row, "IS_DELETED"), false);
    if (row.get("VERSION") == null) {
      row.set(field(row, "VERSION"), 1L);
    }
    String status = (String) row.get("SYNC_STATUS");
    if (!CONFLICT.equals(status)) {
      row.set(field(row, "SYNC_STATUS"), SYNCED);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static <T> org.jooq.Field<T> field(org.jooq.Record row, String name) {
    return (org.jooq.Field<T>) row.field(name);
  }

  private static void store(org.jooq.UpdatableRecord<?> row, boolean insert) {
    if (insert) {
      row.insert();
    } else {
      row.update();
    }
  }

  private void upsertSite(DSLContext t, ServerRecord.Site r, Instant now) {
    UUID id = r.id();
    SitesRecord row = t.selectFrom(SITES).where(SITES.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(SITES);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    String code = r.code();
    freeCode(t, id, code);
    row.setCode(code);
    row.setName(r.name());
    store(row, insert);
  }

  static void freeCode(DSLContext t, UUID id, String code) {
    t.update(SITES)
        .set(SITES.CODE, "#" + id)
        .where(SITES.CODE.eq(code))
        .and(SITES.ID.ne(id))
        .and(SITES.CODE.ne(LocationRepository.LOCAL_SITE_CODE))
        .execute();
  }

  private void upsertLocation(DSLContext t, ServerRecord.Location r, Instant now) {
    UUID id = r.id();
    LocationsRecord row = t.selectFrom(LOCATIONS).where(LOCATIONS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(LOCATIONS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = r.siteId();
    Placeholders.ensureSite(t, site, now);
    String code = r.code();
    // A bin with this code that the server does not know (a rejected duplicate, a deleted one)
    // steps aside; its own queued create still carries what the user typed.
    String aside = "#" + id.toString().substring(0, 8) + "-" + code;
    t.update(LOCATIONS)
        .set(LOCATIONS.CODE, aside.length() <= TextField.LOCATION_CODE.max() ? aside : "#" + id)
        .where(LOCATIONS.SITE_ID.eq(site))
        .and(LOCATIONS.CODE.eq(code))
        .and(LOCATIONS.ID.ne(id))
        .execute();
    row.setSiteId(site);
    row.setCode(code);
    row.setZone(r.zone());
    row.setDescription(r.description());
    store(row, insert);
  }

  private void upsertItem(DSLContext t, ServerRecord.Item r, Instant now) {
    UUID id = r.id();
    ItemsRecord row = t.selectFrom(ITEMS).where(ITEMS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(ITEMS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    String sku = r.sku();
    String barcode = r.barcode();
    // An item of ours with this SKU that the server does not know (a rejected duplicate) steps
    // aside as "#1a2b3c4d-SKU", readable in the list; its queued create keeps what the user typed.
    t.update(ITEMS)
        .set(
            ITEMS.SKU,
            DSL.inline("#")
                .concat(DSL.left(ITEMS.ID.cast(String.class), 8))
                .concat("-")
                .concat(DSL.left(ITEMS.SKU, TextField.SKU.max() - 10)))
        .where(ITEMS.SKU.eq(sku))
        .and(ITEMS.ID.ne(id))
        .execute();
    if (barcode != null) {
      t.update(ITEMS)
          .setNull(ITEMS.BARCODE)
          .where(ITEMS.BARCODE.eq(barcode))
          .and(ITEMS.ID.ne(id))
          .execute();
    }
    String oldName = row.getName();
    row.setSku(sku);
    row.setBarcode(barcode);
    row.setName(r.name());
    row.setDescription(r.description());
    row.setUnit(r.unit());
    row.setCategory(r.category());
    row.setReorderPoint(r.reorderPoint());
    // field_clock keeps only this laptop's own stamps; the server's are its own to merge by
    // (decision records 0005 and 0053).
    store(row, insert);
    if (insert || !row.getName().equals(oldName)) {
      words.written(id, row.getName());
    }
  }

  private void upsertNote(DSLContext t, ServerRecord.Note r, Instant now) {
    UUID id = r.id();
    ItemNotesRecord row = t.selectFrom(ITEM_NOTES).where(ITEM_NOTES.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(ITEM_NOTES);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID item = r.itemId();
    Placeholders.ensureItem(t, item, now);
    row.setItemId(item);
    row.setBody(r.body());
    row.setAuthor(r.author());
    if (r.bodyStamp() != null) {
      row.setHlc(r.bodyStamp());
    } else if (row.getHlc() == null) {
      row.setHlc(stamps.hlc().peek().toString());
    }
    store(row, insert);
  }

  private void upsertMovement(DSLContext t, ServerRecord.Movement r, Instant now) {
    UUID id = r.id();
    StockMovementsRecord row =
        t.selectFrom(STOCK_MOVEMENTS).where(STOCK_MOVEMENTS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_MOVEMENTS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = r.siteId();
    UUID item = r.itemId();
    UUID from = r.fromLocationId();
    UUID to = r.toLocationId();
    Placeholders.ensureSite(t, site, now);
    Placeholders.ensureItem(t, item, now);
    Placeholders.ensureLocation(t, from, site, now);
    Placeholders.ensureLocation(t, to, site, now);
    row.setSiteId(site);
    row.setItemId(item);
    row.setFromLocationId(from);
    row.setToLocationId(to);
    row.setQuantity(quantity(r.quantity()));
    row.setReason(r.reason());
    row.setReference(r.reference());
    Instant occurred = r.occurredAt();
    row.setOccurredAt(occurred != null ? occurred : now);
    row.setUserId(r.userId());
    store(row, insert);
  }

  private void upsertLevel(DSLContext t, ServerRecord.Level r, Instant now) {
    UUID id = r.id();
    UUID item = r.itemId();
    UUID location = r.locationId();
    t.deleteFrom(STOCK_LEVELS)
        .where(STOCK_LEVELS.ITEM_ID.eq(item))
        .and(STOCK_LEVELS.LOCATION_ID.eq(location))
        .and(STOCK_LEVELS.ID.ne(id))
        .execute();
    StockLevelsRecord row = t.selectFrom(STOCK_LEVELS).where(STOCK_LEVELS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_LEVELS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    row.setSiteId(r.siteId());
    row.setItemId(item);
    row.setLocationId(location);
    row.setQuantity(quantity(r.quantity()));
    store(row, insert);
  }

  private void upsertCount(DSLContext t, ServerRecord.Count r, Instant now) {
    UUID id = r.id();
    StockCountsRecord row = t.selectFrom(STOCK_COUNTS).where(STOCK_COUNTS.ID.eq(id)).fetchOne();
    boolean insert = row == null;
    if (insert) {
      row = t.newRecord(STOCK_COUNTS);
    }
    if (!syncFields(row, r, now)) {
      return;
    }
    UUID site = r.siteId();
    UUID item = r.itemId();
    UUID location = r.locationId();
    Placeholders.ensureSite(t, site, now);
    Placeholders.ensureItem(t, item, now);
    Placeholders.ensureLocation(t, location, site, now);
    row.setSiteId(site);
    row.setItemId(item);
    row.setLocationId(location);
    row.setCountedQuantity(quantity(r.countedQuantity()));
    row.setExpectedQuantity(quantity(r.expectedQuantity()));
    Instant counted = r.countedAt();
    row.setCountedAt(counted != null ? counted : now);
    row.setStatus(r.status());
    store(row, insert);
  }

  /** A quantity at the store's scale; a missing one is zero. */
  static BigDecimal quantity(BigDecimal value) {
    return value == null ? BigDecimal.ZERO.setScale(3) : Quantities.normalize(value);
  }

  static int markDeleted(DSLContext t, EntityType type, UUID id, Instant now) {
    org.jooq.Table<?> table = table(type);
    return t.update(table)
        .set(table.field("IS_DELETED", Boolean.class), true)
        .set(table.field("SYNC_STATUS", String.class), SYNCED)
        .set(table.field("SYNCED_AT", Instant.class), now)
        .where(table.field("ID", UUID.class).eq(id))
        .execute();
  }

  static void stampSynced(
      DSLContext t,
      EntityType type,
      UUID id,
      UUID serverId,
      Long serverVersion,
      Instant now,
      boolean settled) {
    org.jooq.Table<?> table = table(type);
    var update =
        t.update(table)
            .set(table.field("SERVER_ID", UUID.class), serverId != null ? serverId : id)
            .set(table.field("SYNCED_AT", Instant.class), now);
    var withVersion =
        serverVersion == null
            ? update
            : update.set(table.field("SERVER_VERSION", Long.class), serverVersion);
    var withStatus =
        settled ? withVersion.set(table.field("SYNC_STATUS", String.class), SYNCED) : withVersion;
    var where = withStatus.where(table.field("ID", UUID.class).eq(id));
    if (settled) {
      // A record the user must still settle keeps its conflict flag.
      where.and(table.field("SYNC_STATUS", String.class).ne(CONFLICT)).execute();
    } else {
      where.execute();
    }
  }

  static void setStatus(DSLContext t, EntityType type, UUID id, String status) {
    org.jooq.Table<?> table = table(type);
    t.update(table)
        .set(table.field("SYNC_STATUS", String.class), status)
        .where(table.field("ID", UUID.class).eq(id))
        .execute();
  }

  static org.jooq.Table<?> table(EntityType type) {
    return switch (type) {
      case SITES -> SITES;
      case LOCATIONS -> LOCATIONS;
      case ITEMS -> ITEMS;
      case ITEM_NOTES -> ITEM_NOTES;
      case STOCK_MOVEMENTS -> STOCK_MOVEMENTS;
      case STOCK_LEVELS -> STOCK_LEVELS;
      case STOCK_COUNTS -> STOCK_COUNTS;
    };
  }

  /** Every row whose {@code field} names {@code from} names {@code to} instead. */
  static void repoint(DSLContext t, org.jooq.TableField<?, UUID> field, UUID from, UUID to) {
    t.update(field.getTable()).set(field, to).where(field.eq(from)).execute();
  }
}
