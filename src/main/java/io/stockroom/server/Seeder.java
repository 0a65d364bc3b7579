package io.stockroom.server;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.LOCATIONS;
import static io.stockroom.server.store.jooq.Tables.SITES;
import static io.stockroom.server.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.server.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MovementReason;
import io.stockroom.server.auth.Accounts;
import io.stockroom.server.auth.Role;
import io.stockroom.server.store.ServerClock;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.WriteTx;
import io.stockroom.server.store.jooq.tables.records.ItemsRecord;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * The demo data of {@code server --demo}: site {@code MAIN}, its bins, N items (batched inserts, so
 * 100,000 take seconds), some stock received into the first bins, and users {@code demo}/{@code
 * demo} (staff) and {@code admin}/{@code admin}. Runs once: a store that has {@code MAIN} is left
 * as it is.
 */
public final class Seeder {

  public static final String SITE_CODE = "MAIN";
  private static final int BATCH = 1000;
  private static final int STOCKED_ITEMS = 200;
  private static final String[] CATEGORIES = {
    "fasteners", "tools", "electrical", "plumbing", "safety"
  };
  private static final String[] WORDS = {
    "Hex bolt",
    "Wood screw",
    "Cable tie",
    "Hose clamp",
    "Work glove",
    "Drill bit",
    "Fuse",
    "Pipe elbow",
    "Wall plug",
    "Washer"
  };

  private final ServerStore store;
  private final Accounts accounts;
  private final IdGenerator ids;
  private final Clock clock;
  private final ServerClock hlc;

  public Seeder(
      ServerStore store, Accounts accounts, IdGenerator ids, Clock clock, ServerClock hlc) {
    this.store = store;
    this.accounts = accounts;
    this.ids = ids;
    this.clock = clock;
    this.hlc = hlc;
  }

  /** Seeds the demo site; returns false when it was there already. */
  public boolean seed(int itemCount) {
    if (store.read(
        dsl -> dsl.fetchExists(SITES, SITES.CODE_KEY.eq(SITE_CODE.toLowerCase(Locale.ROOT))))) {
      return false;
    }
    UUID site = accounts.createSite(SITE_CODE, "Main warehouse");
    List<UUID> bins =
        store.write(
            w -> {
              List<UUID> made = new ArrayList<>();
              Instant now = now();
              List<LocationsRecord> rows = new ArrayList<>();
              for (String zone : new String[] {"A", "B", "C"}) {
                for (int i = 1; i <= 10; i++) {
                  String code = zone + "-" + String.format(Locale.ROOT, "%02d", i);
                  LocationsRecord r = w.dsl().newRecord(LOCATIONS);
                  r.setId(ids.next());
                  r.setSiteId(site);
                  r.setCode(code);
                  r.setCodeKey(code.toLowerCase(Locale.ROOT));
                  r.setZone(zone);
                  r.setDescription("Rack " + zone + ", bay " + i);
                  r.setCreatedAt(now);
                  r.setUpdatedAt(now);
                  r.setIsDeleted(false);
                  long v = w.nextVersion();
                  r.setVersion(v);
                  w.changed(EntityType.LOCATIONS, site, v);
                  rows.add(r);
                  made.add(r.getId());
                }
              }
              insertAll(w, rows);
              return made;
            });
    List<UUID> items = new ArrayList<>(itemCount);
    for (int start = 0; start < itemCount; start += BATCH) {
      int from = start;
      int to = Math.min(itemCount, start + BATCH);
      store.write(
          w -> {
            Instant now = now();
            String stamp = hlc.now().toString();
            List<ItemsRecord> rows = new ArrayList<>(to - from);
            long v = 0;
            for (int i = from; i < to; i++) {
              ItemsRecord r = w.dsl().newRecord(ITEMS);
              String sku = String.format(Locale.ROOT, "SKU-%06d", i + 1);
              r.setId(ids.next());
              r.setSku(sku);
              r.setSkuKey(sku.toLowerCase(Locale.ROOT));
              String barcode = String.format(Locale.ROOT, "20%011d", i + 1);
              r.setBarcode(barcode);
              r.setBarcodeKey(barcode);
              r.setName(WORDS[i % WORDS.length] + " " + (i / WORDS.length + 1));
              r.setUnit("ea");
              r.setCategory(CATEGORIES[i % CATEGORIES.length]);
              r.setReorderPoint(i % 7 == 0 ? 10 : 0);
              r.setHlc(stamp);
              r.setCreatedAt(now);
              r.setUpdatedAt(now);
              r.setIsDeleted(false);
              v = w.nextVersion();
              r.setVersion(v);
              rows.add(r);
              items.add(r.getId());
            }
            insertAll(w, rows);
            w.changed(EntityType.ITEMS, null, v);
            return null;
          });
    }
    receiveStock(site, bins, items.subList(0, Math.min(STOCKED_ITEMS, items.size())));
    accounts.createUser("demo", Role.STAFF, List.of(SITE_CODE), "demo");
    accounts.createUser("admin", Role.ADMIN, List.of(SITE_CODE), "admin");
    return true;
  }

  private void receiveStock(UUID site, List<UUID> bins, List<UUID> items) {
    store.write(
        w -> {
          Instant now = now();
          List<StockMovementsRecord> moves = new ArrayList<>();
          List<StockLevelsRecord> levels = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            UUID bin = bins.get(i % bins.size());
            BigDecimal qty = BigDecimal.valueOf(10 + i % 40).setScale(3);
            StockMovementsRecord m = w.dsl().newRecord(STOCK_MOVEMENTS);
            m.setId(ids.next());
            m.setVersion(w.nextVersion());
            m.setCreatedAt(now);
            m.setUpdatedAt(now);
            m.setIsDeleted(false);
            m.setSiteId(site);
            m.setItemId(items.get(i));
            m.setToLocationId(bin);
            m.setQuantity(qty);
            m.setReason(MovementReason.RECEIVE.wireName());
            m.setReference("demo opening stock");
            m.setOccurredAt(now);
            moves.add(m);
            w.changed(EntityType.STOCK_MOVEMENTS, site, m.getVersion());
            StockLevelsRecord l = w.dsl().newRecord(STOCK_LEVELS);
            l.setId(ids.next());
            l.setVersion(w.nextVersion());
            l.setCreatedAt(now);
            l.setUpdatedAt(now);
            l.setIsDeleted(false);
            l.setSiteId(site);
            l.setItemId(items.get(i));
            l.setLocationId(bin);
            l.setQuantity(qty);
            levels.add(l);
            w.changed(EntityType.STOCK_LEVELS, site, l.getVersion());
          }
          w.dsl().batchInsert(moves).execute();
          w.dsl().batchInsert(levels).execute();
          return null;
        });
  }

  /**
   * Inserts rows as one JDBC batch of a plain prepared statement: for 100,000 items several times
   * faster than rendering and binding each row through jOOQ. Names are unquoted, as jOOQ renders
   * them, so the same text runs on H2 and PostgreSQL.
   */
  private static <R extends TableRecord<R>> void insertAll(WriteTx w, List<R> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Table<R> table = rows.get(0).getTable();
    Field<?>[] fields = table.fields();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.getName()).append(" (");
    for (int i = 0; i < fields.length; i++) {
      sql.append(i == 0 ? "" : ", ").append(fields[i].getName());
    }
    sql.append(") VALUES (").append("?, ".repeat(fields.length - 1)).append("?)");
    w.dsl()
        .connection(
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (R r : rows) {
                  for (int i = 0; i < fields.length; i++) {
                    Object v = r.get(fields[i]);
                    if (v == null) {
                      ps.setNull(i + 1, fields[i].getDataType().getSQLType());
                    } else if (v instanceof Instant t) {
                      ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                    } else {
                      ps.setObject(i + 1, v);
                    }
                  }
                  ps.addBatch();
                }
                ps.executeBatch();
              }
            });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
