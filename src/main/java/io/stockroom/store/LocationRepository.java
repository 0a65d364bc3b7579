package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.SITES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Location;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.Site;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.LocationsRecord;
import io.stockroom.store.jooq.tables.records.SitesRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Sites and bins. Staff cannot write sites, so the local site a fresh profile starts with is stored
 * but never queued; a later sign-in attaches it to a server site. Bins can be created offline and
 * are queued like any other write.
 */
final class LocationRepository implements LocationService {

  static final String LOCAL_SITE_CODE = "LOCAL";
  static final String LOCAL_SITE_NAME = "This laptop";

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final MutationQueue queue;

  LocationRepository(Tx tx, IdGenerator ids, Stamps stamps, MutationQueue queue) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
  }

  /** Creates the local site and makes it current, inside the caller's transaction. */
  static UUID createLocalSite(DSLContext t, UUID id, Instant now) {
    SitesRecord r = t.newRecord(SITES);
    r.setId(id);
    r.setCreatedAt(now);
    r.setUpdatedAt(now);
    r.setIsDeleted(false);
    r.setVersion(1L);
    r.setSyncStatus(SyncStatus.PENDING.dbValue());
    r.setCode(LOCAL_SITE_CODE);
    r.setName(LOCAL_SITE_NAME);
    r.insert();
    Settings.put(t, Settings.CURRENT_SITE, id.toString());
    return id;
  }

  @Override
  public Site currentSite() {
    return currentSite(tx.read());
  }

  static Site currentSite(DSLContext ctx) {
    UUID id =
        Settings.get(ctx, Settings.CURRENT_SITE)
            .map(UUID::fromString)
            .orElseThrow(() -> new IllegalStateException("profile has no current site"));
    SitesRecord r = ctx.selectFrom(SITES).where(SITES.ID.eq(id)).fetchSingle();
    return new Site(r.getId(), r.getCode(), r.getName(), SyncStatus.fromDb(r.getSyncStatus()));
  }

  @Override
  public List<Location> list() {
    DSLContext ctx = tx.read();
    return ctx.selectFrom(LOCATIONS)
        .where(LOCATIONS.SITE_ID.eq(currentSite(ctx).id()))
        .and(LOCATIONS.IS_DELETED.isFalse())
        .orderBy(LOCATIONS.CODE)
        .fetch(LocationRepository::toDomain);
  }

  @Override
  public Optional<Location> findByCode(String code) {
    String c = SearchText.query(code);
    return c == null ? Optional.empty() : find(tx.read(), c).map(LocationRepository::toDomain);
  }

  /** A live bin of the current site by code (case-insensitive), inside any context. */
  static Optional<LocationsRecord> find(DSLContext ctx, String code) {
    return ctx.selectFrom(LOCATIONS)
        .where(LOCATIONS.SITE_ID.eq(currentSite(ctx).id()))
        .and(LOCATIONS.CODE.eq(code))
        .and(LOCATIONS.IS_DELETED.isFalse())
        .fetchOptional();
  }

  /** Like {@link #find}, or a ValidationException a warehouse user understands. */
  static LocationsRecord require(DSLContext ctx, String code) {
    return require(ctx, code, "location");
  }

  /** {@link #require(DSLContext, String)} naming the form's field that holds the code. */
  static LocationsRecord require(DSLContext ctx, String code, String field) {
    return find(ctx, code)
        .orElseThrow(() -> new ValidationException(field, "Unknown location " + code + "."));
  }

  @Override
  public Location create(String code, String zone, String description) {
    String c = SearchText.query(code);
    if (c == null) {
      throw new ValidationException("code", "A location needs a code.");
    }
    TextField.LOCATION_CODE.check(c);
    String z = TextField.ZONE.check(zone);
    String d = TextField.LOCATION_DESCRIPTION.check(description);
    try {
      return tx.write(t -> insert(t, c, z, d));
    } catch (IntegrityConstraintViolationException e) {
      throw duplicate(c); // another thread created the same code in between
    }
  }

  private Location insert(DSLContext t, String code, String zone, String description) {
    Optional<LocationsRecord> existing =
        t.selectFrom(LOCATIONS)
            .where(LOCATIONS.SITE_ID.eq(currentSite(t).id()))
            .and(LOCATIONS.CODE.eq(code))
            .fetchOptional();
    if (existing.isPresent()) {
      throw duplicate(existing.get().getCode());
    }
    Instant now = stamps.now();
    LocationsRecord r = t.newRecord(LOCATIONS);
    r.setId(ids.next());
    r.setCreatedAt(now);
    r.setUpdatedAt(now);
    r.setIsDeleted(false);
    r.setVersion(1L);
    r.setSyncStatus(SyncStatus.PENDING.dbValue());
    r.setSiteId(currentSite(t).id());
    r.setCode(code);
    r.setZone(zone);
    r.setDescription(description);
    r.insert();
    Payloads.Data data =
        new Payloads.Data()
            .put("site_id", r.getSiteId())
            .put("code", code)
            .put("zone", zone)
            .put("description", description);
    queue.enqueue(
        t,
        EntityType.LOCATIONS,
        MutationAction.CREATE,
        r.getId(),
        Payloads.payload(data, null, 1, now),
        null);
    return toDomain(r);
  }

  private static ValidationException duplicate(String code) {
    return new ValidationException("code", "Location " + code + " already exists.");
  }

  static Location toDomain(LocationsRecord r) {
    return new Location(
        r.getId(),
        r.getSiteId(),
        r.getCode(),
        r.getZone(),
        r.getDescription(),
        SyncStatus.fromDb(r.getSyncStatus()));
  }
}
