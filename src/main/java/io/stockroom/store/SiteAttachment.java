package io.stockroom.store;

import static io.stockroom.store.MutationQueue.OPEN;
import static io.stockroom.store.SyncedRows.freeCode;
import static io.stockroom.store.SyncedRows.repoint;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.SITES;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static io.stockroom.store.jooq.Tables.SYNC_STATE;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.Site;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.records.SitesRecord;
import java.time.Instant;
import java.util.UUID;

/**
 * The profile's local site, made before any sign-in so that work can start offline, and its
 * attachment to a server site at the first sign-in.
 */
final class SiteAttachment {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();

  private final Tx tx;
  private final Stamps stamps;

  SiteAttachment(Tx tx, Stamps stamps) {
    this.tx = tx;
    this.stamps = stamps;
  }

  /**
   * Attaches the profile's local site to a server site at the first sign-in: every local row and
   * every open queued payload that names the local site names the server's instead, in one
   * transaction. A profile already on a server site just switches to {@code siteId}.
   *
   * @return whether the local site was attached now
   */
  boolean attach(UUID siteId, String code, String name) {
    return tx.write(
        t -> {
          Site current = LocationRepository.currentSite(t);
          if (current.id().equals(siteId)) {
            return false;
          }
          SitesRecord local = t.selectFrom(SITES).where(SITES.ID.eq(current.id())).fetchSingle();
          boolean isLocal =
              LocationRepository.LOCAL_SITE_CODE.equals(local.getCode())
                  && local.getServerVersion() == null;
          Instant now = stamps.now();
          SitesRecord target = t.selectFrom(SITES).where(SITES.ID.eq(siteId)).fetchOne();
          if (target == null) {
            freeCode(t, siteId, code);
            target = t.newRecord(SITES);
            target.setId(siteId);
            target.setServerId(siteId);
            target.setCreatedAt(now);
            target.setUpdatedAt(now);
            target.setIsDeleted(false);
            target.setVersion(1L);
            target.setSyncStatus(SYNCED);
            target.setCode(code);
            target.setName(name);
            target.insert();
            // A site new to this profile: its bins and stock are older than the cursors of the
            // sites pulled so far, and only a pull from scratch brings them (decision record 0043).
            for (EntityType type : SiteLoss.SITE_SCOPED) {
              if (t.fetchExists(SYNC_STATE, SYNC_STATE.ENTITY.eq(type.wireName()))) {
                PullCursors.beginRepull(t, type);
              }
            }
          }
          if (isLocal) {
            UUID from = local.getId();
            repoint(t, LOCATIONS.SITE_ID, from, siteId);
            repoint(t, STOCK_MOVEMENTS.SITE_ID, from, siteId);
            repoint(t, STOCK_COUNTS.SITE_ID, from, siteId);
            repoint(t, STOCK_LEVELS.SITE_ID, from, siteId);
            String fromText = from.toString();
            String toText = siteId.toString();
            t.selectFrom(MUTATION_QUEUE)
                .where(MUTATION_QUEUE.STATUS.in(OPEN))
                .and(MUTATION_QUEUE.PAYLOAD.contains(fromText))
                .forEach(
                    row -> {
                      row.setPayload(row.getPayload().replace(fromText, toText));
                      row.update();
                    });
            Settings.put(t, Settings.CURRENT_SITE, siteId.toString());
            t.deleteFrom(SITES).where(SITES.ID.eq(from)).execute();
          } else {
            Settings.put(t, Settings.CURRENT_SITE, siteId.toString());
          }
          return isLocal;
        });
  }

  /** Whether the profile still works on its unattached local site. */
  boolean onLocalSite() {
    Site s = LocationRepository.currentSite(tx.read());
    return LocationRepository.LOCAL_SITE_CODE.equals(s.code())
        && tx.read().fetchExists(SITES, SITES.ID.eq(s.id()).and(SITES.SERVER_VERSION.isNull()));
  }
}
