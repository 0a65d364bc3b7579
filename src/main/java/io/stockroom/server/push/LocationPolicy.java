package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.LOCATIONS;
import static io.stockroom.server.store.jooq.Tables.LOCATION_ALIASES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.TextField;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.wire.RowRecords;
import java.util.Locale;
import java.util.UUID;

/**
 * Locations are server-wins. Anyone may create a bin in a site they belong to; only an admin
 * changes or deletes one, and an admin's edit based on an older version comes back as a conflict
 * carrying the server's record. A create of an id the server already holds answers with the
 * server's record.
 */
final class LocationPolicy implements EntityPolicy {

  private final Sites sites;

  LocationPolicy(Sites sites) {
    this.sites = sites;
  }

  @Override
  public MutationResult apply(MutationContext c) {
    LocationsRecord row = c.dsl().selectFrom(LOCATIONS).where(LOCATIONS.ID.eq(c.id())).fetchOne();
    if (row != null && !c.user().canSee(row.getSiteId())) {
      throw new Rejection("forbidden", "the location belongs to a site you do not work in");
    }
    if (c.action() == MutationAction.CREATE) {
      if (row != null) {
        return MutationResult.accepted(
            c.key(), row.getId(), row.getVersion(), RowRecords.location(row));
      }
      return create(c);
    }
    c.requireAdmin("change or delete a location");
    if (row == null) {
      throw new Rejection("unknown_location", "no location with id " + c.id());
    }
    if (c.baseVersion() != null && row.getVersion() > c.baseVersion()) {
      return MutationResult.conflict(
          c.key(),
          RowRecords.location(row),
          "the location changed on the server (server wins)",
          null);
    }
    return c.action() == MutationAction.UPDATE ? update(c, row) : delete(c, row);
  }

  private MutationResult create(MutationContext c) {
    Data d = c.data();
    UUID siteId = sites.resolve(c, d.uuid("site_id"));
    String code = d.requiredText(TextField.LOCATION_CODE);
    LocationsRecord existing = sameCode(c, siteId, code);
    if (existing != null) {
      return mapToExisting(c, existing);
    }
    LocationsRecord r = c.dsl().newRecord(LOCATIONS);
    r.setId(c.id());
    r.setSiteId(siteId);
    r.setCode(code);
    r.setCodeKey(code.toLowerCase(Locale.ROOT));
    r.setZone(d.text(TextField.ZONE));
    r.setDescription(d.text(TextField.LOCATION_DESCRIPTION));
    r.setCreatedAt(c.now());
    r.setIsDeleted(false);
    return save(c, r, true);
  }

  private MutationResult update(MutationContext c, LocationsRecord r) {
    if (r.getIsDeleted()) {
      throw new Rejection("deleted", "location " + r.getCode() + " was deleted");
    }
    Data d = c.data();
    UUID site = d.uuid("site_id");
    if (site != null && !site.equals(r.getSiteId())) {
      throw Rejection.invalid("site_id cannot change: a location stays in its site");
    }
    if (d.has("code")) {
      String code = d.requiredText(TextField.LOCATION_CODE);
      checkUnique(c, r.getSiteId(), code);
      r.setCode(code);
      r.setCodeKey(code.toLowerCase(Locale.ROOT));
    }
    if (d.has("zone")) {
      r.setZone(d.text(TextField.ZONE));
    }
    if (d.has("description")) {
      r.setDescription(d.text(TextField.LOCATION_DESCRIPTION));
    }
    return save(c, r, false);
  }

  private MutationResult delete(MutationContext c, LocationsRecord r) {
    if (r.getIsDeleted()) {
      return MutationResult.accepted(c.key(), r.getId(), r.getVersion(), RowRecords.location(r));
    }
    r.setIsDeleted(true);
    r.setCodeKey("#" + r.getId());
    return save(c, r, false);
  }

  private MutationResult save(MutationContext c, LocationsRecord r, boolean insert) {
    long version = c.tx().nextVersion();
    r.setVersion(version);
    r.setUpdatedAt(c.now());
    if (insert) {
      r.insert();
    } else {
      r.update();
    }
    c.tx().changed(EntityType.LOCATIONS, r.getSiteId(), version);
    return MutationResult.accepted(c.key(), r.getId(), version, RowRecords.location(r));
  }

  private static void checkUnique(MutationContext c, UUID siteId, String code) {
    if (sameCode(c, siteId, code) != null) {
      throw new Rejection("duplicate_code", "site already has a location with code " + code);
    }
  }

  /** The live location of the site with this code (in any case), other than the mutation's own. */
  private static LocationsRecord sameCode(MutationContext c, UUID siteId, String code) {
    return c.dsl()
        .selectFrom(LOCATIONS)
        .where(LOCATIONS.SITE_ID.eq(siteId))
        .and(LOCATIONS.CODE_KEY.eq(code.toLowerCase(Locale.ROOT)))
        .and(LOCATIONS.ID.ne(c.id()))
        .fetchOne();
  }

  /**
   * A bin created offline whose code the site already has is the same physical bin: the laptop's id
   * becomes an alias of the server's bin, so every movement and count that names it lands there,
   * and the answer is the server's bin ({@code server_id} differs from {@code entity_id}), which
   * tells the laptop to merge its bin into it. A code is never refused for a physical fact.
   */
  private MutationResult mapToExisting(MutationContext c, LocationsRecord existing) {
    if (!c.dsl().fetchExists(LOCATION_ALIASES, LOCATION_ALIASES.ALIAS_ID.eq(c.id()))) {
      c.dsl()
          .insertInto(LOCATION_ALIASES)
          .set(LOCATION_ALIASES.ALIAS_ID, c.id())
          .set(LOCATION_ALIASES.LOCATION_ID, existing.getId())
          .set(LOCATION_ALIASES.CREATED_AT, c.now())
          .execute();
    }
    return MutationResult.accepted(
        c.key(), existing.getId(), existing.getVersion(), RowRecords.location(existing));
  }
}
