package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.ITEMS;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.SITES;

import io.stockroom.store.jooq.tables.records.ItemsRecord;
import io.stockroom.store.jooq.tables.records.LocationsRecord;
import io.stockroom.store.jooq.tables.records.SitesRecord;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Placeholders keep foreign keys whole when a referenced record is not (or no longer) served, e.g.
 * a bin deleted before this profile's first pull: a deleted row with the id and server version 0,
 * which sorts before any real version, so a later pull of the real record overwrites it.
 */
final class Placeholders {

  private static final String SYNCED = io.stockroom.domain.SyncStatus.SYNCED.dbValue();

  private Placeholders() {}

  static void ensureSite(DSLContext t, UUID id, Instant now) {
    if (id == null || t.fetchExists(SITES, SITES.ID.eq(id))) {
      return;
    }
    SitesRecord s = t.newRecord(SITES);
    placeholder(s, id, now);
    s.setCode("#" + id);
    s.setName("(unknown site)");
    s.insert();
  }

  static void ensureItem(DSLContext t, UUID id, Instant now) {
    if (id == null || t.fetchExists(ITEMS, ITEMS.ID.eq(id))) {
      return;
    }
    ItemsRecord i = t.newRecord(ITEMS);
    placeholder(i, id, now);
    i.setSku("#" + id);
    i.setName("(unknown item)");
    i.setUnit("ea");
    i.setReorderPoint(0);
    i.insert();
  }

  static void ensureLocation(DSLContext t, UUID id, UUID site, Instant now) {
    if (id == null || t.fetchExists(LOCATIONS, LOCATIONS.ID.eq(id))) {
      return;
    }
    ensureSite(t, site, now);
    LocationsRecord l = t.newRecord(LOCATIONS);
    placeholder(l, id, now);
    l.setSiteId(site);
    l.setCode("#" + id);
    l.insert();
  }

  private static void placeholder(org.jooq.UpdatableRecord<?> row, UUID id, Instant now) {
    row.set(SyncedRows.field(row, "ID"), id);
    row.set(SyncedRows.field(row, "SERVER_ID"), id);
    row.set(SyncedRows.field(row, "CREATED_AT"), now);
    row.set(SyncedRows.field(row, "UPDATED_AT"), now);
    row.set(SyncedRows.field(row, "IS_DELETED"), true);
    row.set(SyncedRows.field(row, "VERSION"), 1L);
    row.set(SyncedRows.field(row, "SERVER_VERSION"), 0L);
    row.set(SyncedRows.field(row, "SYNC_STATUS"), SYNCED);
  }
}
