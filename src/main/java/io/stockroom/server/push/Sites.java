package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.LOCATIONS;
import static io.stockroom.server.store.jooq.Tables.LOCATION_ALIASES;
import static io.stockroom.server.store.jooq.Tables.SITES;

import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import java.util.UUID;

/** Site and location look-ups with the caller's scope applied, shared by the policies. */
final class Sites {

  /**
   * The site a mutation writes to: the one it names (which must exist and be the caller's), or the
   * caller's only site when it names none.
   */
  UUID resolve(MutationContext c, UUID named) {
    if (named == null) {
      if (c.user().siteIds().size() == 1) {
        return c.user().siteIds().iterator().next();
      }
      throw Rejection.invalid("site_id is required: you work in more than one site");
    }
    if (!c.dsl().fetchExists(SITES, SITES.ID.eq(named).and(SITES.IS_DELETED.isFalse()))) {
      throw new Rejection("unknown_site", "no site with id " + named);
    }
    if (!c.user().canSee(named)) {
      throw new Rejection("forbidden", "you do not work in site " + named);
    }
    return named;
  }

  /**
   * A location of the caller's sites; deleted ones still count (stock may sit in them). An id that
   * a laptop gave a bin the site already had (an alias, see {@link LocationPolicy}) names the
   * server's bin.
   */
  LocationsRecord location(MutationContext c, UUID id, String field) {
    LocationsRecord r = c.dsl().selectFrom(LOCATIONS).where(LOCATIONS.ID.eq(id)).fetchOne();
    if (r == null) {
      r =
          c.dsl()
              .select(LOCATIONS.fields())
              .from(LOCATION_ALIASES)
              .join(LOCATIONS)
              .on(LOCATIONS.ID.eq(LOCATION_ALIASES.LOCATION_ID))
              .where(LOCATION_ALIASES.ALIAS_ID.eq(id))
              .fetchOneInto(LOCATIONS);
    }
    if (r == null) {
      throw new Rejection("unknown_location", field + ": no location with id " + id);
    }
    if (!c.user().canSee(r.getSiteId())) {
      throw new Rejection("forbidden", field + ": the location belongs to another site");
    }
    return r;
  }
}
